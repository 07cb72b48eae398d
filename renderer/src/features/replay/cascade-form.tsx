// The cascade to replay: a drafter and a verifier among the trace's models, a price for any
// model the app has none for or that was recorded running locally (electricity on this machine,
// or a price per token), how many answers the drafter draws when the trace recorded extra ones
// (the consistency check), and the run.
import type { ReplayTraceInfo, ReplayTraceModel } from '../../../../shared/core/replay/library.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Field } from '../../components/field.tsx';
import { formatCount } from '../../lib/format.ts';
import { counted } from '../../../../shared/core/words.ts';
import { cascadeModels, defaultPricing, drawableSamples, needsPricingChoice, useReplayStore } from '../../stores/replay.ts';

export function CascadeForm({ trace }: { trace: ReplayTraceInfo }) {
  const drafter = useReplayStore((s) => s.drafter);
  const verifier = useReplayStore((s) => s.verifier);
  const setDrafter = useReplayStore((s) => s.setDrafter);
  const setVerifier = useReplayStore((s) => s.setVerifier);
  const running = useReplayStore((s) => s.running);
  const run = useReplayStore((s) => s.run);
  const runError = useReplayStore((s) => s.runError);
  const chosen = cascadeModels(trace, drafter, verifier);

  const select = (id: string, label: string, value: string | null, onChange: (m: string) => void, hint: string) => (
    <Field label={label} htmlFor={id} hint={hint}>
      <select id={id} value={value ?? ''} disabled={running !== null} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        {trace.models.map((m) => (
          <option key={m.model} value={m.model}>
            {m.model}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="card replay-card" aria-label="Cascade">
      <h2 className="card-title">
        Cascade
        <span className="card-sub">replayed through the real engine and validator; no model is called</span>
      </h2>
      <div className="grid-2">
        {select('replay-drafter', 'Drafter', drafter, setDrafter, 'Answers first; kept when the validator accepts it.')}
        {select('replay-verifier', 'Verifier', verifier, setVerifier, 'Asked when the draft is rejected.')}
      </div>
      {drafter && <SamplesChoice trace={trace} drafter={drafter} disabled={running !== null} />}
      <ul className="replay-prices">
        {chosen.map((m) => (
          <li key={m.model}>{needsPricingChoice(m) ? <PricingChoice model={m} disabled={running !== null} /> : <span><strong>{m.model}</strong>: {m.price}</span>}</li>
        ))}
      </ul>
      <div className="replay-actions">
        <Button id="replay-run" variant="primary" busy={running !== null} disabled={!drafter || !verifier || drafter === verifier} onClick={() => void run()} data-testid="replay-run">
          Run sweep
        </Button>
        <span className="muted">101 thresholds from 0.00 to 1.00 over {counted(trace.queries, 'query', 'queries')}</span>
      </div>
      {running && <Progress done={running.done} total={running.total} />}
      {runError && <ErrorBanner error={runError} compact />}
    </section>
  );
}

/** Hidden unless the trace recorded extra answers of the drafter. */
function SamplesChoice({ trace, drafter, disabled }: { trace: ReplayTraceInfo; drafter: string; disabled: boolean }) {
  const samples = useReplayStore((s) => s.samples);
  const setSamples = useReplayStore((s) => s.setSamples);
  const most = drawableSamples(trace, drafter);
  if (most < 2) return null;
  return (
    <div className="replay-samples" data-testid="replay-samples-choice">
      <div className="replay-samples-row">
        <label htmlFor="replay-samples">Consistency check: draw</label>
        <select id="replay-samples" value={Math.min(samples, most)} disabled={disabled} onChange={(e) => setSamples(Number(e.target.value))} data-testid="replay-samples">
          {Array.from({ length: most }, (_, i) => i + 1).map((k) => (
            <option key={k} value={k}>
              {k === 1 ? '1 (off)' : k}
            </option>
          ))}
        </select>
        <span>answers per query</span>
      </div>
      <div className="field-hint">
        The trace has {most - 1} extra answer{most === 2 ? '' : 's'} of {drafter} per query. A draft they disagree with is escalated; each extra answer is paid for like the draft.
      </div>
    </div>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="replay-progress" data-testid="replay-progress">
      <div className="replay-progress-track" role="progressbar" aria-label="Queries replayed" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <span className="muted">
        {formatCount(done)} / {formatCount(total)} queries
      </span>
    </div>
  );
}

function PricingChoice({ model: m, disabled }: { model: ReplayTraceModel; disabled: boolean }) {
  const model = m.model;
  const stored = useReplayStore((s) => s.pricing[model]);
  const pricing = stored ?? defaultPricing(m);
  const setPricing = useReplayStore((s) => s.setPricing);
  const id = `replay-price-${model.replace(/[^\w-]/g, '_')}`;
  const price = pricing?.mode === 'price' ? pricing : { input: '', output: '' };
  return (
    <fieldset className="replay-unpriced" disabled={disabled}>
      <legend>
        <strong>{model}</strong> {m.recordedLocal ? 'was recorded running on its own hardware' : 'has no known price'}
      </legend>
      <label>
        <input type="radio" name={id} checked={pricing?.mode === 'local'} onChange={() => setPricing(model, { mode: 'local' })} /> runs on this machine (priced by electricity, from Settings)
      </label>
      <label>
        <input type="radio" name={id} checked={pricing?.mode === 'price'} onChange={() => setPricing(model, { mode: 'price', ...price })} /> costs
        <input type="text" inputMode="decimal" aria-label={`${model} input price, USD per million tokens`} placeholder="in" value={price.input} onChange={(e) => setPricing(model, { mode: 'price', input: e.target.value, output: price.output })} />
        /
        <input type="text" inputMode="decimal" aria-label={`${model} output price, USD per million tokens`} placeholder="out" value={price.output} onChange={(e) => setPricing(model, { mode: 'price', input: price.input, output: e.target.value })} />
        USD per 1M tokens
      </label>
    </fieldset>
  );
}
