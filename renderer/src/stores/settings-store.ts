// Configuration, provider keys (status only: values never come back) and the models list.
import { create } from 'zustand';
import type { AppInfo, MethodInput, ModelStatus, ProviderTestResult, SecretStatus } from '../../../shared/api/contract.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import { api } from '../api/instance.ts';
import type { LoadStatus } from './conversations-store.ts';

export type SaveResult = { ok: true; revision: string } | { ok: false; error: ApiError; fields: string[] };

interface SettingsState {
  config: AppConfig | null;
  /** The stored config's revision `config` is (config.get): a save from it is refused once another one is stored. */
  revision: string | null;
  source: AppInfo['configSource'] | null;
  status: LoadStatus;
  error: ApiError | null;
  secrets: SecretStatus[];
  models: ModelStatus[];
  modelsStatus: LoadStatus;
  modelsError: ApiError | null;
  /** When the last probe of the models answered (epoch ms); null before one, or once the config changed since. */
  modelsProbedAt: number | null;
  load(): Promise<void>;
  /** Asks every provider now (models.list): a save, Refresh or "Check again". */
  loadModels(discover?: boolean): Promise<void>;
  /** Asks only when the last answer is older than MODELS_PROBE_MAX_AGE_MS, or stale, and none is out. */
  loadModelsIfStale(): Promise<void>;
  /** With `revision`, refused ('conflict') when the stored config is no longer that one. */
  saveConfig(config: AppConfig, revision?: string): Promise<SaveResult>;
  setSecret(name: string, value: string): Promise<ApiError | null>;
  deleteSecret(name: string): Promise<ApiError | null>;
  testProvider(input: MethodInput<'providers.test'>): Promise<Result<ProviderTestResult>>;
}

/** Field paths of a config error, relative to the config (`tiers.0.model`). */
export function configErrorFields(error: ApiError): string[] {
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is string => typeof f === 'string').map((f) => f.replace(/^config\./, ''));
}

/**
 * How long the empty chat takes the last probe of the models as current. A probe asks every
 * provider of the cascade (seconds when one does not answer), and the empty chat mounts for every
 * new conversation and every return to the chat view: probing on each mount asked the providers
 * again and again for an answer that had not changed. What changes it asks again at once instead
 * (a config or key saved here, Refresh, "Check again"); a config changed elsewhere (another window,
 * the CLI) makes the answer stale; and past this age the next empty chat asks again, so an Ollama
 * started meanwhile, or a key set in another window, shows up when the user comes back.
 */
export const MODELS_PROBE_MAX_AGE_MS = 30_000;

let modelsSeq = 0;
/** Counts config changes made elsewhere: a probe sent before one answers for the config before it. */
let configGeneration = 0;
/** The generation the newest probe was sent in. */
let probeGeneration = 0;

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  config: null,
  revision: null,
  source: null,
  status: 'idle',
  error: null,
  secrets: [],
  models: [],
  modelsStatus: 'idle',
  modelsError: null,
  modelsProbedAt: null,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading' });
    const [config, secrets] = await Promise.all([api().call('config.get', {}), api().call('secrets.list', {})]);
    if (!config.ok) return set({ status: 'error', error: config.error });
    if (!secrets.ok) return set({ status: 'error', error: secrets.error });
    // A revision this window did not save (its own saves set it first): the providers the last
    // probe asked may not be the cascade's any more.
    const before = get().revision;
    const changedElsewhere = before !== null && before !== config.value.revision;
    if (changedElsewhere) configGeneration++;
    set({
      config: config.value.config,
      revision: config.value.revision,
      source: config.value.source,
      secrets: secrets.value.secrets,
      status: 'ready',
      error: null,
      ...(changedElsewhere ? { modelsProbedAt: null } : {}),
    });
  },

  async loadModels(discover = false) {
    // Probes take up to seconds each: an older call answering last must not undo a newer one
    // (a key saved while the start-up probe was still out would read "No API key" again).
    const seq = ++modelsSeq;
    const generation = (probeGeneration = configGeneration);
    set({ modelsStatus: 'loading' });
    const r = await api().call('models.list', discover ? { discover: true } : {});
    if (seq !== modelsSeq) return;
    const probedAt = generation === configGeneration ? Date.now() : null;
    set(r.ok ? { models: r.value.models, modelsStatus: 'ready', modelsError: null, modelsProbedAt: probedAt } : { modelsStatus: 'error', modelsError: r.error });
  },

  async loadModelsIfStale() {
    const { modelsStatus, modelsProbedAt } = get();
    // The probe out answers soon, unless the config changed since it was sent.
    if (modelsStatus === 'loading' && probeGeneration === configGeneration) return;
    if (modelsStatus === 'ready' && modelsProbedAt !== null && Date.now() - modelsProbedAt < MODELS_PROBE_MAX_AGE_MS) return;
    await get().loadModels();
  },

  async saveConfig(config, revision) {
    const r = await api().call('config.set', revision === undefined ? { config } : { config, revision });
    if (!r.ok) return { ok: false, error: r.error, fields: configErrorFields(r.error) };
    set({ config: r.value.config, revision: r.value.revision });
    void get().loadModels();
    return { ok: true, revision: r.value.revision };
  },

  async setSecret(name, value) {
    const r = await api().call('secrets.set', { name, value });
    if (!r.ok) return r.error;
    set({ secrets: upsertSecret(get().secrets, r.value) });
    // The models table says "No API key" until it is asked again.
    void get().loadModels();
    return null;
  },

  async deleteSecret(name) {
    const r = await api().call('secrets.delete', { name });
    if (!r.ok) return r.error;
    set({ secrets: upsertSecret(get().secrets, r.value) });
    void get().loadModels();
    return null;
  },

  testProvider(input) {
    return api().call('providers.test', input);
  },
}));

function upsertSecret(list: SecretStatus[], s: SecretStatus): SecretStatus[] {
  return list.some((x) => x.name === s.name) ? list.map((x) => (x.name === s.name ? s : x)) : [...list, s];
}
