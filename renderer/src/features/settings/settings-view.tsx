// Models & Settings: providers and keys, the models list, and the cascade editor. The config
// is edited as a draft and saved in one config.set; the server's field errors land on the fields.
// The draft outlives this view (stores/settings-draft-store.ts): leaving keeps unsaved edits.
// The page has one voice for a screen reader, the Save bar's status: what a Save did, in one
// sentence that names the fields to fix. The fields' own errors are not live regions: they are
// read on reaching the field, and a refused Save takes the focus to the first one.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button.tsx';
import { Field, invalidProps } from '../../components/field.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { invalidSummary } from '../../components/invalid-fields.ts';
import { Spinner } from '../../components/spinner.tsx';
import { useFocusFirstInvalid } from '../../components/use-focus-first-invalid.ts';
import { useSettingsDraftStore } from '../../stores/settings-draft-store.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { CascadeEditor } from './cascade-editor.tsx';
import { providerUrl, toDraft, withProviderUrl } from './config-draft.ts';
import { DomainsEditor } from './domains-editor.tsx';
import { PriceOverridesEditor } from './price-overrides-editor.tsx';
import { ModelsCard } from './models-card.tsx';
import { KeyProviderRows, OllamaProviderRow, UrlProviderRow } from './providers-card.tsx';
import { loadSavedSettings, overwriteRevision, saveSettings } from './save-settings.ts';
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

/** What a refused Save says: the invalid fields by name, and errors no field shows, spelled out. */
function refusalText(page: HTMLElement, errors: Record<string, string>): string {
  const said = [invalidSummary(page), unboundErrors(errors)].filter((x) => x !== null);
  return said.length > 0 ? said.join(' ') : Object.values(errors).join('; ') || 'fix the fields marked in red.';
}

const CHANGED_ELSEWHERE = 'The saved settings were changed elsewhere (another window, the command line or the config file) since you started editing.';

export function SettingsView() {
  const config = useSettingsStore((s) => s.config);
  const revision = useSettingsStore((s) => s.revision);
  const source = useSettingsStore((s) => s.source);
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.error);
  const secrets = useSettingsStore((s) => s.secrets);
  const models = useSettingsStore((s) => s.models);
  const load = useSettingsStore((s) => s.load);

  // The edit session lives in a store, so leaving for another view keeps unsaved edits.
  const { draft, baseRevision, dirty, saving, saveError, fieldErrors, saved, loaded, outcomes } = useSettingsDraftStore(
    useShallow((s) => ({
      draft: s.draft,
      baseRevision: s.baseRevision,
      dirty: s.dirty,
      saving: s.saving,
      saveError: s.saveError,
      fieldErrors: s.fieldErrors,
      saved: s.saved,
      loaded: s.loaded,
      outcomes: s.outcomes,
    })),
  );
  const follow = useSettingsDraftStore((s) => s.follow);
  const change = useSettingsDraftStore((s) => s.edit);
  const discardEdits = useSettingsDraftStore((s) => s.discard);
  const pageRef = useRef<HTMLDivElement>(null);
  const focusFirstMistake = useFocusFirstInvalid(pageRef);

  // The invalid fields by name, read from the page once their errors are on it. Before paint,
  // so the status region gets its final words at once and says them once.
  const [refusal, setRefusal] = useState<string | null>(null);
  useLayoutEffect(() => {
    setRefusal(pageRef.current && Object.keys(fieldErrors).length > 0 ? refusalText(pageRef.current, fieldErrors) : null);
  }, [fieldErrors, draft]);

  useEffect(() => {
    void load();
  }, [load]);

  // "Saved." reports a Save of this visit; unsaved edits and their errors wait for the next one.
  useEffect(() => () => useSettingsDraftStore.setState({ saved: false, loaded: false }), []);

  // Follow the stored config (another window, the CLI) until the user starts editing. A draft
  // already made from it (Discard, "Load them") is not made again: new row keys would re-mount
  // every row the user is looking at.
  useEffect(() => {
    if (config && !dirty && !(draft?.base === config && baseRevision === revision)) follow(toDraft(config), revision);
  }, [config, revision, dirty, follow]);

  // Saved elsewhere while edits wait here: said before Save (another window's save arrives as
  // config.changed), or by the server refusing a Save (a change the page could not see).
  const changedElsewhere = saveError?.code === 'conflict' || (dirty && revision !== null && baseRevision !== null && revision !== baseRevision);

  const knownModels = useMemo(() => [...new Set(models.map((m) => m.model))].sort(), [models]);

  const save = async (overwrite?: string) => {
    if ((await saveSettings(overwrite === undefined ? {} : { overwrite })) === 'invalid') focusFirstMistake();
  };

  const discard = () => discardEdits(config ? toDraft(config) : draft, revision);

  // What the Save bar's status says; null: nothing to report (the edits may still be unsaved).
  const outcome: { text: string; tone: 'bad' | 'ok' } | null = changedElsewhere
    ? { text: saveError?.code === 'conflict' ? `Not saved: ${saveError.message}` : CHANGED_ELSEWHERE, tone: 'bad' }
    : saveError
      ? { text: `Not saved: ${Object.keys(fieldErrors).length > 0 ? (refusal ?? 'fix the fields marked in red.') : saveError.message}`, tone: 'bad' }
      : saved
        ? { text: 'Saved. New questions use these settings.', tone: 'ok' }
        : loaded
          ? { text: 'Loaded the saved settings; your edits were dropped.', tone: 'ok' }
          : null;

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
            </section>
            {/* For the whole page (the providers' addresses are saved by it too). While there is
                something to save or fix it stays in sight at the bottom of the window, so edits
                kept from an earlier visit are not missed. */}
            <div className={`save-bar${dirty || saveError ? ' save-bar-pending' : ''}`} data-testid="save-bar">
              <div className="save-bar-status">
                {/* The page's one live region, there before anything is said (a region added
                    with its words is often not read). A new node for each outcome, so a second
                    refusal in the same words is said again; typing changes nothing here. */}
                <div role="status" aria-live="polite" aria-atomic="true" data-testid="settings-status">
                  {outcome && (
                    <span key={outcomes} className={outcome.tone === 'bad' ? 'status-bad' : 'status-ok'} data-testid={changedElsewhere ? 'settings-changed-elsewhere' : undefined}>
                      {outcome.text}
                    </span>
                  )}
                </div>
                {!outcome && dirty && <span className="muted">Unsaved changes</span>}
              </div>
              {changedElsewhere ? (
                <>
                  <Button variant="ghost" disabled={saving} onClick={() => void loadSavedSettings()}>
                    Load them, dropping my edits
                  </Button>
                  <Button variant="primary" busy={saving} onClick={() => void save(overwriteRevision())} data-testid="save-settings-anyway">
                    Save mine over them
                  </Button>
                </>
              ) : (
                <>
                  <Button variant="ghost" disabled={!dirty || saving} onClick={discard}>
                    Discard
                  </Button>
                  <Button variant="primary" disabled={!dirty} busy={saving} onClick={() => void save()} data-testid="save-settings">
                    Save
                  </Button>
                </>
              )}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
