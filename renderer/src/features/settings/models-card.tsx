// Every model the app knows of: where it is used, whether it answers, and what it costs.
import { useEffect } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { RetryIcon, SearchIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatPerMTok } from '../../lib/format.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { PROVIDER_LABELS } from './config-draft.ts';

const PRICING_TEXT = { list: 'list price', override: 'your price', energy: 'electricity used', unknown: 'set a price below' } as const;

export function ModelsCard() {
  const models = useSettingsStore((s) => s.models);
  const status = useSettingsStore((s) => s.modelsStatus);
  const error = useSettingsStore((s) => s.modelsError);
  const loadModels = useSettingsStore((s) => s.loadModels);

  useEffect(() => {
    void loadModels();
  }, [loadModels]);

  return (
    <section className="card" aria-labelledby="models-title">
      <h2 className="card-title" id="models-title">
        <span>
          Models
          <span className="card-sub" style={{ marginLeft: 8 }}>
            configured tiers and what the providers report
          </span>
        </span>
        <span className="page-tools">
          <Button size="sm" icon={<RetryIcon />} busy={status === 'loading'} onClick={() => void loadModels()}>
            Refresh
          </Button>
          <Button size="sm" icon={<SearchIcon />} disabled={status === 'loading'} onClick={() => void loadModels(true)}>
            Discover installed models
          </Button>
        </span>
      </h2>
      {error && <ErrorBanner error={error} compact onRetry={() => void loadModels()} />}
      {models.length === 0 && status === 'ready' && <div className="card-sub">No models configured: add a tier below.</div>}
      {models.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="models-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Provider</th>
                <th>Used as</th>
                <th>Status</th>
                <th className="num">Input $/M</th>
                <th className="num">Output $/M</th>
                <th>Pricing</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={`${m.provider}:${m.model}`}>
                  <td>
                    <strong>{m.model}</strong> <span className={`badge ${m.local ? 'badge-local' : 'badge-cloud'}`}>{m.local ? 'local' : 'cloud'}</span>
                  </td>
                  <td>{PROVIDER_LABELS[m.provider]}</td>
                  <td>{m.usedAs.join(', ') || '–'}</td>
                  <td className={m.reachable === true ? 'status-ok' : m.reachable === false ? 'status-bad' : 'muted'} style={{ maxWidth: 320 }}>
                    <RichText text={m.reachability} />
                  </td>
                  <td className={`num${m.pricing === 'unknown' ? ' status-bad' : ''}`}>{formatPerMTok(m.inputPerMTok, m.pricing)}</td>
                  <td className={`num${m.pricing === 'unknown' ? ' status-bad' : ''}`}>{formatPerMTok(m.outputPerMTok, m.pricing)}</td>
                  <td>{PRICING_TEXT[m.pricing]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
