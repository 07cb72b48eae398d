// Every model the app knows of: where it is used, whether it answers, and what it costs.
import { useEffect } from 'react';
import type { ModelStatus } from '../../../../shared/api/contract.ts';
import { didYouMean } from '../../../../shared/core/words.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { RetryIcon, SearchIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatPerMTok } from '../../lib/format.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { PROVIDER_LABELS } from './config-draft.ts';

/** Where a token price comes from; a local model has none (it is charged its electricity). */
const PRICE_SOURCE = { list: 'list price', override: 'your price', energy: null, unknown: 'set a price below' } as const;

/** One cell for both prices, so the table fits the window's smallest width without scrolling. */
function PriceCell({ model }: { model: ModelStatus }) {
  const { inputPerMTok, outputPerMTok, pricing } = model;
  const source = PRICE_SOURCE[pricing];
  const priced = inputPerMTok !== null || outputPerMTok !== null;
  return (
    <td className={pricing === 'unknown' ? 'status-bad' : undefined}>
      {priced ? (
        <>
          <div className="nowrap">{formatPerMTok(inputPerMTok, pricing)} in</div>
          <div className="nowrap">{formatPerMTok(outputPerMTok, pricing)} out</div>
        </>
      ) : (
        <div className="nowrap">{formatPerMTok(null, pricing)}</div>
      )}
      {source && <div className="muted">{source}</div>}
      {/* A close id of the price list: said, never applied (the tier keeps the name it was given). */}
      {pricing === 'unknown' && model.priceSuggestions?.length ? <div className="muted">{didYouMean(model.priceSuggestions)}</div> : null}
    </td>
  );
}

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
                <th style={{ whiteSpace: 'normal' }}>Price per 1M tokens</th>
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
                  <td className={m.reachable === true ? 'status-ok' : m.reachable === false ? 'status-bad' : 'muted'} style={{ maxWidth: 320, overflowWrap: 'anywhere' }}>
                    <RichText text={m.reachability} />
                  </td>
                  <PriceCell model={m} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
