// Every alert recorded (alerts.list), newest first, dismissible one by one or all together.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Alert } from '../../../../shared/core/monitoring/alert-types.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatDateTime, formatPct, formatUsd } from '../../lib/format.ts';
import { useAlertsStore } from '../../stores/spend-alerts.ts';
import { alertMessage } from './alert-text.ts';
import './spend.css';

export function alertFigure(a: Alert): string {
  const f = (v: number) => (a.unit === 'usd' ? formatUsd(v) : formatPct(v, 1));
  const z = a.zScore === null ? '' : `, z = ${a.zScore.toFixed(1)}`;
  return `${f(a.value)} ${a.condition === 'greater_than' ? '>' : '<'} ${f(a.threshold)}${z}`;
}

export function AlertsList() {
  const { history, loaded, error } = useAlertsStore(useShallow((s) => ({ history: s.history, loaded: s.historyLoaded, error: s.error })));
  const load = useAlertsStore((s) => s.loadHistory);
  const dismiss = useAlertsStore((s) => s.dismiss);
  const dismissAll = useAlertsStore((s) => s.dismissAll);
  useEffect(() => {
    void load();
  }, [load]);
  // Opened from the banner's "All alerts": the list is far down the Reports page.
  const reveal = useAlertsStore((s) => s.revealList);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!reveal || !loaded) return;
    section.current?.scrollIntoView({ block: 'start' });
    useAlertsStore.setState({ revealList: false });
  }, [reveal, loaded]);
  const open = history.filter((a) => a.dismissedAt === null).length;
  return (
    <section className="card" id="alerts" data-testid="alerts-list" ref={section}>
      <h2 className="card-title">
        <span>
          Alerts
          <span className="card-sub">{loaded ? `${history.length} recorded, ${open} not dismissed` : 'loading…'}</span>
        </span>
        {open > 0 && (
          <Button size="sm" onClick={() => void dismissAll()}>
            Dismiss all
          </Button>
        )}
      </h2>
      {error && <ErrorBanner error={error} compact onRetry={() => void load()} />}
      {loaded && history.length === 0 && <div className="card-sub">
          <RichText text="No alerts yet. Rules are set in the config's `alerts` section; cost spikes are detected on their own." />
        </div>}
      <div className="alert-list">
        {history.map((a) => (
          <div key={a.id} className={`alert-row${a.dismissedAt !== null ? ' dismissed' : ''}`} data-testid="alert-row">
            <span className="alert-when">{formatDateTime(a.createdAt)}</span>
            <span>
              <strong>{a.name}</strong> {alertMessage(a)}
              <span className="alert-figure"> · {alertFigure(a)}</span>
              {a.webhook && a.webhook.status !== 'delivered' && <span className="alert-figure"> · webhook {a.webhook.status}{a.webhook.error ? `: ${a.webhook.error}` : ''}</span>}
            </span>
            {a.dismissedAt === null ? (
              <Button size="sm" variant="ghost" onClick={() => void dismiss(a.id)}>
                Dismiss
              </Button>
            ) : (
              <span className="alert-when">dismissed</span>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
