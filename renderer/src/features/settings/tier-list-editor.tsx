// An ordered list of tiers (the main cascade, or one domain's): add, remove, reorder, and each
// tier's model, provider, address, key variable, price, how much a reasoning model thinks and,
// for a drafting tier, how many answers it draws for the consistency check. Presentational.
import type { ProviderKind } from '../../../../shared/core/config/schema.ts';
import { Button } from '../../components/button.tsx';
import { Field, invalidProps } from '../../components/field.tsx';
import { ChevronDownIcon, ChevronUpIcon, PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { THINKING_LEVELS } from '../../../../shared/core/model.ts';
import { emptyTier, moveTier, PROVIDER_LABELS, PROVIDERS, thinkingOf, type TierDraft } from './config-draft.ts';
import './tier-list-editor.css';

export const KNOWN_MODELS_LIST = 'known-models';

const SAMPLES_HINT = 'Answers drawn per question (3: the draft and 2 more) whose final answers must agree; each extra one is a paid call, or GPU time when local';

export interface TierListEditorProps {
  tiers: TierDraft[];
  onChange: (tiers: TierDraft[]) => void;
  errors: Record<string, string>;
  /** Error path of this list on the server: `tiers` or `domains.code.tiers`. */
  errorPrefix: string;
  /** Unique prefix for element ids. */
  idPrefix: string;
  testId?: string;
}

function roleOf(i: number, count: number): string {
  if (i === 0 && count > 1) return 'Drafter: answers first';
  if (i === count - 1) return count === 1 ? 'The only model: answers every question' : 'Verifier: answers when the drafts are not good enough';
  return `Tier ${i + 1}: tried when the tier before fails the check`;
}

export function TierListEditor({ tiers, onChange, errors, errorPrefix, idPrefix, testId }: TierListEditorProps) {
  const setTier = (i: number, patch: Partial<TierDraft>) => onChange(tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const count = tiers.length;
  return (
    <>
      <ol className="tier-list" data-testid={testId}>
        {tiers.map((t, i) => {
          const err = (f: string) => errors[`${errorPrefix}.${i}.${f}`] ?? null;
          const id = (f: string) => `${idPrefix}-${i}-${f}`;
          // A control's id and, while its Field shows an error, the link to that error.
          const control = (f: string, error: string | null) => ({ id: id(f), ...invalidProps(id(f), error) });
          const priceInError = err('price.inputPerMTok') ?? err('price');
          return (
            <li key={t.key} className="tier" data-field-context={`tier ${i + 1}`}>
              {/* aria-label on a plain span is ignored by screen readers (ARIA allows no name there): the word is in the text. */}
              <span className="tier-index">
                <span className="visually-hidden">Tier </span>
                {i + 1}
              </span>
              <div className="tier-fields">
                <div className="tier-caption">{roleOf(i, count)}</div>
                <Field label="Model" htmlFor={id('model')} error={err('model')}>
                  <input {...control('model', err('model'))} list={KNOWN_MODELS_LIST} value={t.model} placeholder="e.g. llama3.2:3b" onChange={(e) => setTier(i, { model: e.target.value })} />
                </Field>
                <Field label="Provider" htmlFor={id('provider')} error={err('provider')}>
                  <select
                    {...control('provider', err('provider'))}
                    value={t.provider}
                    onChange={(e) => {
                      const provider = PROVIDERS.find((p) => p === e.target.value) ?? t.provider;
                      // Every provider takes every level (each spells it its own way), so the level stays.
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
                <Field label="Base URL" htmlFor={id('url')} error={err('baseUrl')} hint={!t.baseUrl ? 'empty = the provider default' : undefined}>
                  <input {...control('url', err('baseUrl'))} type="url" value={t.baseUrl} placeholder="default" onChange={(e) => setTier(i, { baseUrl: e.target.value })} />
                </Field>
                <Field label="API key variable" htmlFor={id('key')} error={err('apiKeyEnv')}>
                  <input {...control('key', err('apiKeyEnv'))} value={t.apiKeyEnv} placeholder="default" onChange={(e) => setTier(i, { apiKeyEnv: e.target.value.toUpperCase() })} />
                </Field>
                <Field label="Runs locally" htmlFor={id('local')} inline>
                  <input id={id('local')} type="checkbox" checked={t.local} onChange={(e) => setTier(i, { local: e.target.checked })} />
                </Field>
                <Field label="Price in, $/M tokens" htmlFor={id('pin')} error={priceInError}>
                  <input {...control('pin', priceInError)} inputMode="decimal" value={t.priceIn} placeholder={t.local ? 'energy cost' : 'list price'} onChange={(e) => setTier(i, { priceIn: e.target.value })} />
                </Field>
                <Field label="Price out, $/M tokens" htmlFor={id('pout')} error={err('price.outputPerMTok')}>
                  <input {...control('pout', err('price.outputPerMTok'))} inputMode="decimal" value={t.priceOut} placeholder={t.local ? 'energy cost' : 'list price'} onChange={(e) => setTier(i, { priceOut: e.target.value })} />
                </Field>
                <Field label="Thinking" htmlFor={id('thinking')} error={err('thinking')}>
                  <select {...control('thinking', err('thinking'))} value={t.thinking} onChange={(e) => setTier(i, { thinking: thinkingOf(e.target.value) })}>
                    <option value="">model default</option>
                    {THINKING_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </Field>
                {/* The last tier answers for good: it never drafts, so it never samples. */}
                {i < count - 1 && (
                  <div className="tier-samples">
                    <Field label="Samples" htmlFor={id('samples')} error={err('samples')} hint={SAMPLES_HINT} inline>
                      <input {...control('samples', err('samples'))} inputMode="numeric" value={t.samples} placeholder="1" onChange={(e) => setTier(i, { samples: e.target.value })} />
                    </Field>
                  </div>
                )}
              </div>
              <div className="tier-tools">
                <Button size="sm" variant="ghost" icon={<ChevronUpIcon />} aria-label={`Move tier ${i + 1} up`} disabled={i === 0} onClick={() => onChange(moveTier(tiers, i, i - 1))} />
                <Button size="sm" variant="ghost" icon={<ChevronDownIcon />} aria-label={`Move tier ${i + 1} down`} disabled={i === count - 1} onClick={() => onChange(moveTier(tiers, i, i + 1))} />
                <Button size="sm" variant="ghost" icon={<TrashIcon />} aria-label={`Remove tier ${i + 1}`} disabled={count === 1} onClick={() => onChange(tiers.filter((_, j) => j !== i))} />
              </div>
            </li>
          );
        })}
      </ol>
      {errors[errorPrefix] && (
        <div className="field-error">
          {errors[errorPrefix]}
        </div>
      )}
      <div>
        <Button size="sm" icon={<PlusIcon />} onClick={() => onChange([...tiers, emptyTier()])} disabled={count >= 8}>
          Add tier
        </Button>
      </div>
    </>
  );
}
