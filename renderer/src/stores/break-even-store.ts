// The break-even form (kept while the user visits other views) and "use my numbers",
// which fills it from the ledger's usage profile and the configured cascade.
import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';
import { formatCount, formatUsd } from '../lib/format.ts';
import { DEFAULT_FORM, tidyField, type BreakEvenForm, type FormField } from '../features/break-even/form.ts';
import { useSettingsStore } from './settings-store.ts';
import { counted } from '../../../shared/core/words.ts';
import { MIN_TIMED_OUTPUT_TOKENS, type LocalDrafterSpeed } from '../../../shared/core/breakeven/measured-speed.ts';

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
  measuredSpeed: { value: string; source: string } | null;
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

const round = (n: number, digits = 0) => String(Math.round(n * 10 ** digits) / 10 ** digits);

const prices = (f: BreakEvenForm) => `${formatUsd(Number(f.verifierIn))} in / ${formatUsd(Number(f.verifierOut))} out`;

/**
 * The monthly rate, and what it was extrapolated from when the ledger covers only part of the
 * window: "13 queries (390 a month)" from the last 30 days reads as a mistake otherwise, and
 * Savings, which spreads the same 13 over the 30 days, says 13 a month.
 */
function monthlyPace(p: MethodOutput<'ledger.usageProfile'>): string {
  const perMonth = `${formatCount(Math.round(p.monthlyQueries))} a month`;
  if (p.coveredDays >= p.days) return perMonth;
  return `all in the last ${p.coveredDays === 1 ? 'day' : counted(p.coveredDays, 'day')}: ${perMonth} at that pace`;
}

/** The verifier is the one thing "use my numbers" replaces among the models: said, so the change is not missed. */
function verifierChange(before: BreakEvenForm, after: BreakEvenForm): string | null {
  const sameName = before.verifierName.trim() === after.verifierName;
  if (sameName && Number(before.verifierIn) === Number(after.verifierIn) && Number(before.verifierOut) === Number(after.verifierOut)) return null;
  const was = sameName ? prices(before) : before.verifierName.trim() || 'a custom price';
  return `Verifier: your cascade's ${after.verifierName} at ${prices(after)} per million tokens (was ${was}).`;
}

/** "53", "7.5": a slow drafter keeps its tenths, and never reads as 0. */
function speedText(tokensPerSec: number): string {
  return tokensPerSec >= 10 ? formatCount(Math.round(tokensPerSec)) : round(tokensPerSec, 1);
}

/**
 * The measured speed's origin in words. It is one answer at a time on this machine: a server
 * answering several requests at once (the form's "all requests") sustains more in total.
 */
function speedNote(s: LocalDrafterSpeed, days: number, before: string): { fill: { value: string; source: string } | null; note: string } {
  if (!s.measured) {
    const why =
      s.reason === 'no-local-drafts'
        ? `no local drafter answered in the last ${counted(days, 'day')}`
        : `your ${counted(s.localDrafts, 'local draft')} in the last ${counted(days, 'day')} all failed, were cancelled or were shorter than ${MIN_TIMED_OUTPUT_TOKENS} tokens`;
    return { fill: null, note: `Tokens / second left at ${before}: ${why}.` };
  }
  const value = speedText(s.tokensPerSec);
  const from = `${counted(s.calls, 'draft')} of ${s.model}`;
  const timing =
    s.timing === 'after-first-token'
      ? 'timed from its first token'
      : 'timed from the request, as no time to first token was recorded: reading the prompt is included, so the real speed is higher';
  const skipped = s.skipped > 0 ? `; ${counted(s.skipped, 'other')} left out (failed, cancelled, under ${MIN_TIMED_OUTPUT_TOKENS} tokens or thinking first)` : '';
  return {
    fill: { value, source: `measured: ${from}` },
    note: `Tokens / second: ${value}, measured on this machine over ${from}, ${timing}${skipped}. That is one answer at a time; a server answering several at once sustains more.`,
  };
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
    const p = profile.value;
    if (p.queries === 0) {
      return set({ filling: false, fillError: { code: 'not_found', message: `No queries in the last ${days} days to learn from: ask a few questions in Chat first.` } });
    }
    const form: BreakEvenForm = {
      ...get().form,
      monthlyQueries: formatCount(Math.round(p.monthlyQueries)),
      inputTokensPerQuery: formatCount(Math.round(p.avgInputTokens)),
      outputTokensPerQuery: formatCount(Math.round(p.avgOutputTokens)),
      ...(p.drafterAcceptanceRate !== null ? { acceptancePct: round(p.drafterAcceptanceRate * 100, 1) } : {}),
    };
    const speed = speedNote(p.localDrafterSpeed, p.days, get().form.throughputTokensPerSec);
    if (speed.fill) form.throughputTokensPerSec = speed.fill.value;
    const config = useSettingsStore.getState().config;
    if (config) {
      form.gpuWatts = tidyField('gpuWatts', String(config.local.gpuWatts));
      form.electricityUsdPerKwh = String(config.local.electricityUsdPerKwh);
      const top = config.tiers.at(-1);
      // The configured model comes after the list: its price (an override) is the one that applies.
      const status = top && models ? models.findLast((m) => m.model === top.model) : undefined;
      if (top && status && status.inputPerMTok !== null && status.outputPerMTok !== null) {
        form.verifierName = top.model;
        form.verifierIn = String(status.inputPerMTok);
        form.verifierOut = String(status.outputPerMTok);
      }
    }
    const usage = `From your last ${counted(p.days, 'day')}: ${counted(p.queries, 'query', 'queries')} (${monthlyPace(p)}), ${formatCount(Math.round(p.avgInputTokens))} tokens in and ${formatCount(Math.round(p.avgOutputTokens))} out on average${p.drafterAcceptanceRate !== null ? `, ${round(p.drafterAcceptanceRate * 100, 1)}% of drafts accepted` : ''}.`;
    const verifier = verifierChange(get().form, form);
    set({ form, filling: false, filledFrom: [usage, verifier, speed.note].filter((t) => t !== null).join(' '), measuredSpeed: speed.fill });
  },
}));
