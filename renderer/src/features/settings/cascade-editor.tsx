// The cascade: which models answer in which order, and the knobs that decide when a draft
// is good enough. Presentational: the settings view owns the draft and saving.
import type { ProviderKind, StreamingMode } from '../../../../shared/core/config/schema.ts';
import { Button } from '../../components/button.tsx';
import { Field } from '../../components/field.tsx';
import { ChevronDownIcon, ChevronUpIcon, PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { formatPct } from '../../lib/format.ts';
import { COMPLEXITIES, MODES, moveTier, newTierKey, PROVIDER_LABELS, PROVIDERS, type ConfigDraft, type TierDraft } from './config-draft.ts';

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
  const setTier = (i: number, patch: Partial<TierDraft>) => onChange({ ...draft, tiers: draft.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const addTier = () =>
    onChange({ ...draft, tiers: [...draft.tiers, { key: newTierKey(), model: '', provider: 'openai', baseUrl: '', apiKeyEnv: '', local: false, priceIn: '', priceOut: '', keep: {} }] });
  const count = draft.tiers.length;

  return (
    <>
      <datalist id="known-models">
        {knownModels.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <ol className="tier-list" data-testid="tier-list">
        {draft.tiers.map((t, i) => {
          const err = (f: string) => errors[`tiers.${i}.${f}`] ?? null;
          const role = i === 0 && count > 1 ? 'Drafter: answers first' : i === count - 1 ? 'Verifier: answers when the drafts are not good enough' : `Tier ${i + 1}: tried when the tier before fails the check`;
          return (
            <li key={t.key} className="tier">
              <span className="tier-index" aria-label={`Tier ${i + 1}`}>
                {i + 1}
              </span>
              <div className="tier-fields">
                <div className="tier-caption">{role}</div>
                <Field label="Model" htmlFor={`tier-${i}-model`} error={err('model')}>
                  <input id={`tier-${i}-model`} list="known-models" value={t.model} placeholder="e.g. llama3.2:3b" onChange={(e) => setTier(i, { model: e.target.value })} />
                </Field>
                <Field label="Provider" htmlFor={`tier-${i}-provider`} error={err('provider')}>
                  <select
                    id={`tier-${i}-provider`}
                    value={t.provider}
                    onChange={(e) => {
                      const provider = PROVIDERS.find((p) => p === e.target.value) ?? t.provider;
                      setTier(i, { provider, local: provider === 'ollama' ? true : t.local });
                    }}
                  >
                    {PROVIDERS.map((p: ProviderKind) => (
                      <option key={p} value={p}>
                        {PROVIDER_LABELS[p]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Base URL" htmlFor={`tier-${i}-url`} error={err('baseUrl')} hint={!err('baseUrl') && !t.baseUrl ? 'empty = the provider default' : undefined}>
                  <input id={`tier-${i}-url`} type="url" value={t.baseUrl} placeholder="default" onChange={(e) => setTier(i, { baseUrl: e.target.value })} />
                </Field>
                <Field label="API key variable" htmlFor={`tier-${i}-key`} error={err('apiKeyEnv')}>
                  <input id={`tier-${i}-key`} value={t.apiKeyEnv} placeholder="default" onChange={(e) => setTier(i, { apiKeyEnv: e.target.value.toUpperCase() })} />
                </Field>
                <Field label="Runs locally" htmlFor={`tier-${i}-local`} inline hint={undefined}>
                  <input id={`tier-${i}-local`} type="checkbox" checked={t.local} onChange={(e) => setTier(i, { local: e.target.checked })} />
                </Field>
                <Field label="Price in, $/M tokens" htmlFor={`tier-${i}-pin`} error={err('price.inputPerMTok') ?? err('price')}>
                  <input id={`tier-${i}-pin`} inputMode="decimal" value={t.priceIn} placeholder={t.local ? 'energy cost' : 'list price'} onChange={(e) => setTier(i, { priceIn: e.target.value })} />
                </Field>
                <Field label="Price out, $/M tokens" htmlFor={`tier-${i}-pout`} error={err('price.outputPerMTok')}>
                  <input id={`tier-${i}-pout`} inputMode="decimal" value={t.priceOut} placeholder={t.local ? 'energy cost' : 'list price'} onChange={(e) => setTier(i, { priceOut: e.target.value })} />
                </Field>
              </div>
              <div className="tier-tools">
                <Button size="sm" variant="ghost" icon={<ChevronUpIcon />} aria-label={`Move tier ${i + 1} up`} disabled={i === 0} onClick={() => onChange({ ...draft, tiers: moveTier(draft.tiers, i, i - 1) })} />
                <Button size="sm" variant="ghost" icon={<ChevronDownIcon />} aria-label={`Move tier ${i + 1} down`} disabled={i === count - 1} onClick={() => onChange({ ...draft, tiers: moveTier(draft.tiers, i, i + 1) })} />
                <Button size="sm" variant="ghost" icon={<TrashIcon />} aria-label={`Remove tier ${i + 1}`} disabled={count === 1} onClick={() => onChange({ ...draft, tiers: draft.tiers.filter((_, j) => j !== i) })} />
              </div>
            </li>
          );
        })}
      </ol>
      {errors['tiers'] && <div className="field-error">{errors['tiers']}</div>}
      <div>
        <Button icon={<PlusIcon />} onClick={addTier} disabled={count >= 8}>
          Add tier
        </Button>
      </div>

      <Field
        label="Quality threshold"
        htmlFor="threshold"
        error={errors['quality.threshold'] ?? null}
        hint={`A draft scoring below ${draft.threshold.toFixed(2)} goes to the next tier. Higher means more escalations: better answers, higher cost. Lower means more drafts kept: cheaper, more risk of a wrong answer.`}
      >
        <div className="slider-row">
          <input id="threshold" type="range" min={0} max={1} step={0.01} value={draft.threshold} onChange={(e) => onChange({ ...draft, threshold: Number(e.target.value) })} />
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
            <input id="audit" type="range" min={0} max={0.5} step={0.01} value={draft.auditRate} onChange={(e) => onChange({ ...draft, auditRate: Number(e.target.value) })} />
            <span className="slider-value">{formatPct(draft.auditRate)}</span>
          </div>
        </Field>
        <Field label="Skip the drafter for" htmlFor="skip" error={errors['routing.skipDrafterAbove'] ?? null} hint="Queries rated above this complexity go straight to the verifier.">
          <select id="skip" value={draft.skipDrafterAbove} onChange={(e) => onChange({ ...draft, skipDrafterAbove: COMPLEXITIES.find((c) => c === e.target.value) ?? '' })}>
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
            <option value="draft">show the draft, marked unverified</option>
            <option value="fail">fail the query</option>
          </select>
        </Field>
      </div>

      <div className="form-grid">
        <Field label="GPU power (watts)" htmlFor="gpu-watts" error={errors['local.gpuWatts'] ?? null} hint="Used to price local models by the electricity they use.">
          <input id="gpu-watts" inputMode="decimal" value={draft.gpuWatts} onChange={(e) => onChange({ ...draft, gpuWatts: e.target.value })} />
        </Field>
        <Field label="Electricity (USD per kWh)" htmlFor="kwh" error={errors['local.electricityUsdPerKwh'] ?? null}>
          <input id="kwh" inputMode="decimal" value={draft.electricityUsdPerKwh} onChange={(e) => onChange({ ...draft, electricityUsdPerKwh: e.target.value })} />
        </Field>
      </div>
    </>
  );
}
