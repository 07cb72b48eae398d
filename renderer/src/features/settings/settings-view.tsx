// Models & Settings: providers and keys, the models list, and the cascade editor. The config
// is edited as a draft and saved in one config.set; the server's field errors land on the fields.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result.ts';
import { Button } from '../../components/button.tsx';
import { Field, invalidProps } from '../../components/field.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useFocusFirstInvalid } from '../../components/use-focus-first-invalid.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { CascadeEditor } from './cascade-editor.tsx';
import { errorsByField, fromDraft, draftErrors, providerUrl, toDraft, withProviderUrl, type ConfigDraft } from './config-draft.ts';
import { DomainsEditor } from './domains-editor.tsx';
import { PriceOverridesEditor } from './price-overrides-editor.tsx';
import { ModelsCard } from './models-card.tsx';
import { KeyProviderRows, OllamaProviderRow, UrlProviderRow } from './providers-card.tsx';
import { everyTier } from '../../../../shared/core/config/every-tier.ts';

const COMPATIBLE = ['vllm', 'openai-compatible'] as const;

const TIER_FIELD = String.raw`tiers(\.\d+\.(model|provider|baseUrl|apiKeyEnv|samples|thinking|price(\.(inputPerMTok|outputPerMTok))?))?`;
const SHOWN_FIELD = new RegExp(
  String.raw`^(${TIER_FIELD}|instructions|quality\.threshold|audit\.rate|routing\.skipDrafterAbove|local\.(gpuWatts|electricityUsdPerKwh)|domains\.[^.]+(\.(${TIER_FIELD}|threshold|keywords(\.\d+)?))?|prices\..+?(\.(inputPerMTok|outputPerMTok|cachedInputPerMTok))?|(domainName|priceModel)\..+)$`,
);

/** Errors on settings this page has no field for (e.g. a domain's tiers), spelled out. */
function unboundErrors(errors: Record<string, string>): string | null {
  const rest = Object.entries(errors).filter(([f]) => !SHOWN_FIELD.test(f));
  return rest.length ? rest.map(([f, m]) => `${f}: ${m}`).join('; ') : null;
}

export function SettingsView() {
  const config = useSettingsStore((s) => s.config);
  const source = useSettingsStore((s) => s.source);
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.error);
  const secrets = useSettingsStore((s) => s.secrets);
  const models = useSettingsStore((s) => s.models);
  const load = useSettingsStore((s) => s.load);
  const saveConfig = useSettingsStore((s) => s.saveConfig);

  const [draft, setDraft] = useState<ConfigDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const pageRef = useRef<HTMLDivElement>(null);
  const focusFirstMistake = useFocusFirstInvalid(pageRef);

  useEffect(() => {
    void load();
  }, [load]);

  // Follow the stored config (another window, the CLI) until the user starts editing.
  useEffect(() => {
    if (config && !dirty) setDraft(toDraft(config));
  }, [config, dirty]);

  const knownModels = useMemo(() => [...new Set(models.map((m) => m.model))].sort(), [models]);

  const change = (d: ConfigDraft) => {
    setDraft(d);
    setDirty(true);
    setSaved(false);
  };

  const save = async () => {
    if (!draft) return;
    const mistakes = draftErrors(draft);
    if (Object.keys(mistakes).length > 0) {
      setFieldErrors(mistakes);
      setSaveError({ code: 'invalid_input', message: 'fix the fields marked in red.' });
      setSaved(false);
      focusFirstMistake();
      return;
    }
    setSaving(true);
    const r = await saveConfig(fromDraft(draft));
    setSaving(false);
    if (r.ok) {
      setDirty(false);
      setSaveError(null);
      setFieldErrors({});
      setSaved(true);
    } else {
      setSaveError(r.error);
      setFieldErrors(errorsByField(r.fields, r.error.message));
      setSaved(false);
      focusFirstMistake();
    }
  };

  const discard = () => {
    if (config) setDraft(toDraft(config));
    setDirty(false);
    setSaveError(null);
    setFieldErrors({});
  };

  const urlError = (providers: readonly string[]) => {
    if (!draft) return null;
    const i = draft.tiers.findIndex((t) => providers.includes(t.provider));
    return i === -1 ? null : (fieldErrors[`tiers.${i}.baseUrl`] ?? null);
  };

  return (
    <div className="page" data-testid="settings-view" ref={pageRef}>
      <div className="page-inner">
        <header className="page-head">
          <div>
            <h1 className="page-title">Models &amp; Settings</h1>
            <p className="page-sub">
              Where your models run, the keys to reach them, and how the cascade decides.
              {source === 'file' && ' The configuration comes from the file given with --config; saving here writes it back to that file.'}
            </p>
          </div>
        </header>
        {status === 'error' && loadError && <ErrorBanner error={loadError} onRetry={() => void load()} />}
        {!draft && status !== 'error' && <Spinner label="Loading settings…" />}
        {draft && (
          <>
            <section className="card" aria-labelledby="providers-title">
              <h2 className="card-title" id="providers-title">
                Providers
              </h2>
              <OllamaProviderRow url={providerUrl(draft, ['ollama'])} onChange={(url) => change(withProviderUrl(draft, ['ollama'], url))} error={urlError(['ollama'])} />
              <KeyProviderRows secrets={secrets} tiers={config ? everyTier(config) : []} />
              <UrlProviderRow
                provider="openai-compatible"
                title="vLLM / compatible"
                sub="LM Studio, llama.cpp server, any OpenAI-compatible API"
                url={providerUrl(draft, COMPATIBLE)}
                placeholder="http://127.0.0.1:8000/v1"
                onChange={(url) => change(withProviderUrl(draft, COMPATIBLE, url))}
                error={urlError(COMPATIBLE)}
              />
            </section>

            <ModelsCard />

            <section className="card" aria-labelledby="cascade-title" style={{ display: 'flex', flexDirection: 'column', gap: 18 }}>
              <div>
                <h2 className="section-title" id="cascade-title">
                  Cascade
                </h2>
                <p className="section-sub" style={{ marginBottom: 0 }}>
                  Each question goes to tier 1 first. A validator scores the draft; below the threshold, the next tier answers.
                </p>
              </div>
              <CascadeEditor draft={draft} onChange={change} errors={fieldErrors} knownModels={knownModels} />
              <Field
                label="Instructions for every question"
                htmlFor="instructions"
                error={fieldErrors['instructions'] ?? null}
                hint="Sent to every model as the conversation's system message, e.g. “Answer briefly. Use metric units.” They count as input tokens on every question."
              >
                <textarea id="instructions" {...invalidProps('instructions', fieldErrors['instructions'])} rows={3} value={draft.instructions} placeholder="none" onChange={(e) => change({ ...draft, instructions: e.target.value })} />
              </Field>
              <div>
                <h3 className="subsection-title">Domains</h3>
                <p className="section-sub">A domain has its own cascade, for example a code model as the drafter for programming questions.</p>
                <DomainsEditor domains={draft.domains} onChange={(domains) => change({ ...draft, domains })} errors={fieldErrors} />
              </div>
              <div>
                <h3 className="subsection-title">Your prices</h3>
                <p className="section-sub">Per-model prices in USD per million tokens. They replace the bundled list prices, and price models the list does not know.</p>
                <PriceOverridesEditor prices={draft.prices} onChange={(prices) => change({ ...draft, prices })} errors={fieldErrors} />
              </div>
              <div className="save-bar">
                {saveError ? (
                  <span className="status-bad" role="alert">
                    Not saved: {unboundErrors(fieldErrors) ?? (Object.keys(fieldErrors).length > 0 ? 'fix the fields marked in red.' : saveError.message)}
                  </span>
                ) : saved ? (
                  <span className="status-ok" role="status">
                    Saved. New questions use these settings.
                  </span>
                ) : dirty ? (
                  <span className="muted" style={{ marginRight: 'auto' }}>
                    Unsaved changes
                  </span>
                ) : null}
                <Button variant="ghost" disabled={!dirty || saving} onClick={discard}>
                  Discard
                </Button>
                <Button variant="primary" disabled={!dirty} busy={saving} onClick={() => void save()} data-testid="save-settings">
                  Save
                </Button>
              </div>
            </section>
          </>
        )}
      </div>
    </div>
  );
}
