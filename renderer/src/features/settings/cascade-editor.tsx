// The cascade: which models answer in which order, and the knobs that decide when a draft
// is good enough. Presentational: the settings view owns the draft and saving.
import type { StreamingMode } from '../../../../shared/core/config/schema.ts';
import { Field, invalidProps } from '../../components/field.tsx';
import { formatPct } from '../../lib/format.ts';
import { COMPLEXITIES, MODES, type ConfigDraft } from './config-draft.ts';
import { KNOWN_MODELS_LIST, TierListEditor } from './tier-list-editor.tsx';

const MODE_TEXT: Record<StreamingMode, { title: string; body: string }> = {
  'draft-then-replace': { title: 'Draft, then replace', body: 'The draft streams right away; if it fails the check it is replaced by the verifier’s answer, marked as escalated.' },
  buffer: { title: 'Check first', body: 'Nothing is shown until the draft has passed the check (or the verifier has answered). Slower to start, never shows a wrong draft.' },
  parallel: { title: 'Parallel', body: 'Drafter and verifier start together; the verifier’s answer is used only if the draft fails. Fastest escalations, pays for both.' },
};

export interface CascadeEditorProps {
  draft: ConfigDraft;
  onChange: (d: ConfigDraft) => void;
  errors: Record<string, string>;
  knownModels: string[];
}

export function CascadeEditor({ draft, onChange, errors, knownModels }: CascadeEditorProps) {
  return (
    <>
      <datalist id={KNOWN_MODELS_LIST}>
        {knownModels.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <TierListEditor tiers={draft.tiers} onChange={(tiers) => onChange({ ...draft, tiers })} errors={errors} errorPrefix="tiers" idPrefix="tier" testId="tier-list" />

      <Field
        label="Quality threshold"
        htmlFor="threshold"
        error={errors['quality.threshold'] ?? null}
        hint={`A draft scoring below ${draft.threshold.toFixed(2)} goes to the next tier. Higher means more escalations: better answers, higher cost. Lower means more drafts kept: cheaper, more risk of a wrong answer.`}
      >
        <div className="slider-row">
          <input id="threshold" {...invalidProps('threshold', errors['quality.threshold'])} type="range" min={0} max={1} step={0.01} value={draft.threshold} onChange={(e) => onChange({ ...draft, threshold: Number(e.target.value) })} />
          <span className="slider-value">{draft.threshold.toFixed(2)}</span>
        </div>
      </Field>

      <div className="field">
        <span className="field-label">Streaming</span>
        <div className="radio-cards" role="radiogroup" aria-label="Streaming mode">
          {MODES.map((m) => (
            <label key={m} className="radio-card">
              <input type="radio" name="mode" value={m} checked={draft.mode === m} onChange={() => onChange({ ...draft, mode: m })} />
              <span>
                <strong>{MODE_TEXT[m].title}</strong>
                {MODE_TEXT[m].body}
              </span>
            </label>
          ))}
        </div>
      </div>

      <div className="form-grid">
        <Field label="Audit rate" htmlFor="audit" error={errors['audit.rate'] ?? null} hint="Share of accepted drafts also sent to the verifier, to measure how often the check lets a wrong draft through. Costs extra.">
          <div className="slider-row">
            <input id="audit" {...invalidProps('audit', errors['audit.rate'])} type="range" min={0} max={0.5} step={0.01} value={draft.auditRate} onChange={(e) => onChange({ ...draft, auditRate: Number(e.target.value) })} />
            <span className="slider-value">{formatPct(draft.auditRate)}</span>
          </div>
        </Field>
        <Field label="Skip the drafter for" htmlFor="skip" error={errors['routing.skipDrafterAbove'] ?? null} hint="Queries rated above this complexity go straight to the verifier.">
          <select id="skip" {...invalidProps('skip', errors['routing.skipDrafterAbove'])} value={draft.skipDrafterAbove} onChange={(e) => onChange({ ...draft, skipDrafterAbove: COMPLEXITIES.find((c) => c === e.target.value) ?? '' })}>
            <option value="">never skip</option>
            {COMPLEXITIES.slice(0, -1).map((c) => (
              <option key={c} value={c}>
                harder than {c}
              </option>
            ))}
          </select>
        </Field>
        <Field label="When every verifier fails" htmlFor="require-verified" hint={draft.requireVerified ? 'Fail the query rather than return an unchecked draft.' : 'Return the draft, marked unverified.'}>
          <select id="require-verified" value={draft.requireVerified ? 'fail' : 'draft'} onChange={(e) => onChange({ ...draft, requireVerified: e.target.value === 'fail' })}>
            <option value="draft">show the draft</option>
            <option value="fail">fail the query</option>
          </select>
        </Field>
      </div>

      <h3 className="subsection-title">Local energy</h3>
      <p className="section-sub" style={{ marginTop: -14, marginBottom: 0 }}>
        Models that run on this machine are charged the electricity they use while generating: watts × generation time × your price per kWh.
      </p>
      <div className="form-grid">
        <Field label="GPU power (watts)" htmlFor="gpu-watts" error={errors['local.gpuWatts'] ?? null} hint="Used to price local models by the electricity they use.">
          <input id="gpu-watts" {...invalidProps('gpu-watts', errors['local.gpuWatts'])} inputMode="decimal" value={draft.gpuWatts} onChange={(e) => onChange({ ...draft, gpuWatts: e.target.value })} />
        </Field>
        <Field label="Electricity (USD per kWh)" htmlFor="kwh" error={errors['local.electricityUsdPerKwh'] ?? null}>
          <input id="kwh" {...invalidProps('kwh', errors['local.electricityUsdPerKwh'])} inputMode="decimal" value={draft.electricityUsdPerKwh} onChange={(e) => onChange({ ...draft, electricityUsdPerKwh: e.target.value })} />
        </Field>
      </div>
    </>
  );
}
