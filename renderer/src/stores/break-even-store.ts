// The break-even form (kept while the user visits other views) and "use my numbers", which
// fetches the ledger's usage profile and the configured cascade for fillFromLedger (shared with
// `cascadeflow breakeven --use-my-numbers`).
import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';
import { DEFAULT_FORM, type BreakEvenForm, type FormField } from '../../../shared/core/breakeven/form.ts';
import { fillFromLedger, verifierOf, type MeasuredSpeedFill } from '../../../shared/core/breakeven/my-numbers.ts';
import { useSettingsStore } from './settings-store.ts';

interface BreakEvenState {
  form: BreakEvenForm;
  /** The bundled list prices (pricing.list) and the configured models (models.list), offered as drafter and verifier. */
  models: PriceableModel[];
  loadModels(): Promise<void>;
  filling: boolean;
  fillError: ApiError | null;
  /** What "use my numbers" changed, in words. */
  filledFrom: string | null;
  /** The tokens/second "use my numbers" measured, and where it came from (shown by the field while it holds that value). */
  measuredSpeed: MeasuredSpeedFill | null;
  set(field: FormField, value: string): void;
  replace(form: BreakEvenForm): void;
  reset(): void;
  useMyNumbers(days?: number): Promise<void>;
}

type PriceableModel = Pick<MethodOutput<'models.list'>['models'][number], 'model' | 'local' | 'inputPerMTok' | 'outputPerMTok' | 'pricing'>;

/** Catalogue first, configured models after, so a user's price override wins for the same name. */
async function loadPriceableModels(): Promise<PriceableModel[] | null> {
  const [catalogue, configured] = await Promise.all([api().call('pricing.list', {}), api().call('models.list', { discover: false })]);
  if (!catalogue.ok && !configured.ok) return null;
  const listed: PriceableModel[] = catalogue.ok ? catalogue.value.models.map((m) => ({ model: m.model, local: false, inputPerMTok: m.inputPerMTok, outputPerMTok: m.outputPerMTok, pricing: 'list' })) : [];
  return [...listed, ...(configured.ok ? configured.value.models : [])];
}

export const useBreakEvenStore = create<BreakEvenState>()((set, get) => ({
  form: DEFAULT_FORM,
  models: [],
  async loadModels() {
    const models = await loadPriceableModels();
    if (models) set({ models });
  },
  filling: false,
  fillError: null,
  filledFrom: null,
  measuredSpeed: null,
  set(field, value) {
    set({ form: { ...get().form, [field]: value } });
  },
  replace(form) {
    set({ form });
  },
  reset() {
    set({ form: DEFAULT_FORM, filledFrom: null, fillError: null, measuredSpeed: null });
  },
  async useMyNumbers(days = 30) {
    set({ filling: true, fillError: null });
    // The price list as well as the configured models: with the configured ones alone, a drafter
    // picked from the list would lose its option and the picker would fall back to "Custom price".
    const [profile, models] = await Promise.all([api().call('ledger.usageProfile', { days }), loadPriceableModels()]);
    if (models) set({ models });
    if (!profile.ok) return set({ filling: false, fillError: profile.error });
    const config = useSettingsStore.getState().config;
    const top = config?.tiers.at(-1);
    // The configured model comes after the list: its price (an override) is the one that applies.
    const status = top && models ? models.findLast((m) => m.model === top.model) : undefined;
    const filled = fillFromLedger(get().form, {
      profile: profile.value,
      local: config ? config.local : null,
      verifier: top ? verifierOf(top.model, status) : null,
    });
    if (!filled.ok) return set({ filling: false, fillError: { code: 'not_found', message: filled.message } });
    set({ form: filled.form, filling: false, filledFrom: filled.note, measuredSpeed: filled.measuredSpeed });
  },
}));
