// The break-even form as text fields (what the user typed), converted to the core's
// BreakEvenInputs for analysis. Shares are typed as percentages; the core speaks 0..1.
import type { FieldError } from '../../../../shared/core/breakeven/types.ts';
import { formatCount } from '../../lib/format.ts';

export interface BreakEvenForm {
  monthlyQueries: string;
  inputTokensPerQuery: string;
  outputTokensPerQuery: string;
  acceptancePct: string;
  cloudDrafterName: string;
  cloudDrafterIn: string;
  cloudDrafterOut: string;
  verifierName: string;
  verifierIn: string;
  verifierOut: string;
  selfHostKind: 'hourly' | 'monthly' | 'purchase';
  gpuUsdPerHour: string;
  utilizationPct: string;
  usdPerMonth: string;
  /** A bought GPU: its price, the months it is written off over, and what it sells for at the end (empty = nothing). */
  gpuPriceUsd: string;
  writeOffMonths: string;
  resaleUsd: string;
  gpuWatts: string;
  electricityUsdPerKwh: string;
  maintenanceUsdPerMonth: string;
  throughputTokensPerSec: string;
  maxUtilizationPct: string;
}

export type FormField = keyof BreakEvenForm;

// Counts are written with digit grouping (tidyField), as everywhere else in the app.
export const DEFAULT_FORM: BreakEvenForm = {
  monthlyQueries: '1,000,000',
  inputTokensPerQuery: '500',
  outputTokensPerQuery: '300',
  acceptancePct: '70',
  cloudDrafterName: 'gpt-4o-mini',
  cloudDrafterIn: '0.15',
  cloudDrafterOut: '0.6',
  verifierName: 'gpt-4o',
  verifierIn: '2.5',
  verifierOut: '10',
  selfHostKind: 'hourly',
  gpuUsdPerHour: '0.8',
  utilizationPct: '100',
  usdPerMonth: '900',
  gpuPriceUsd: '2000',
  writeOffMonths: '24',
  resaleUsd: '',
  gpuWatts: '300',
  electricityUsdPerKwh: '0.15',
  maintenanceUsdPerMonth: '100',
  throughputTokensPerSec: '1,200',
  maxUtilizationPct: '70',
};

/** Empty stays undefined (the core says "is required"); anything else must parse fully. */
function num(s: string): number | undefined {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return undefined;
  return Number(t);
}

function share(s: string): number | undefined {
  const n = num(s);
  return n === undefined ? undefined : n / 100;
}

/** Whole counts: "1,000,000" reads at a glance where "1000000" has to be counted out. */
const COUNT_FIELDS = new Set<FormField>(['monthlyQueries', 'inputTokensPerQuery', 'outputTokensPerQuery', 'throughputTokensPerSec', 'gpuWatts']);

/**
 * A field's text as the form shows it once written: a count with its digits grouped. Anything
 * else (a price, a share, text that is not a whole count) stays as typed, its error with it.
 */
export function tidyField(field: FormField, value: string): string {
  if (!COUNT_FIELDS.has(field) || !/^\s*[\d,]+\s*$/.test(value)) return value;
  const n = num(value);
  return n !== undefined && Number.isSafeInteger(n) ? formatCount(n) : value;
}

function selfHost(f: BreakEvenForm): Record<string, unknown> {
  switch (f.selfHostKind) {
    case 'hourly':
      return { kind: 'hourly', gpuUsdPerHour: num(f.gpuUsdPerHour), utilization: share(f.utilizationPct) };
    case 'monthly':
      return { kind: 'monthly', usdPerMonth: num(f.usdPerMonth) };
    case 'purchase':
      return { kind: 'purchase', priceUsd: num(f.gpuPriceUsd), writeOffMonths: num(f.writeOffMonths), resaleUsd: num(f.resaleUsd) };
  }
}

export function toInputs(f: BreakEvenForm): Record<string, unknown> {
  return {
    monthlyQueries: num(f.monthlyQueries),
    inputTokensPerQuery: num(f.inputTokensPerQuery),
    outputTokensPerQuery: num(f.outputTokensPerQuery),
    drafterAcceptanceRate: share(f.acceptancePct),
    cloudDrafterPrice: { inputPerMTok: num(f.cloudDrafterIn), outputPerMTok: num(f.cloudDrafterOut) },
    verifierPrice: { inputPerMTok: num(f.verifierIn), outputPerMTok: num(f.verifierOut) },
    selfHost: selfHost(f),
    gpuWatts: num(f.gpuWatts),
    electricityUsdPerKwh: num(f.electricityUsdPerKwh),
    maintenanceUsdPerMonth: num(f.maintenanceUsdPerMonth),
    throughputTokensPerSec: num(f.throughputTokensPerSec),
    maxUtilization: share(f.maxUtilizationPct),
    ...(f.cloudDrafterName.trim() ? { cloudDrafterName: f.cloudDrafterName } : {}),
    ...(f.verifierName.trim() ? { verifierName: f.verifierName } : {}),
  };
}

const FIELD_OF: Record<string, FormField> = {
  monthlyQueries: 'monthlyQueries',
  inputTokensPerQuery: 'inputTokensPerQuery',
  outputTokensPerQuery: 'outputTokensPerQuery',
  drafterAcceptanceRate: 'acceptancePct',
  'cloudDrafterPrice.inputPerMTok': 'cloudDrafterIn',
  'cloudDrafterPrice.outputPerMTok': 'cloudDrafterOut',
  'verifierPrice.inputPerMTok': 'verifierIn',
  'verifierPrice.outputPerMTok': 'verifierOut',
  'selfHost.gpuUsdPerHour': 'gpuUsdPerHour',
  'selfHost.utilization': 'utilizationPct',
  'selfHost.usdPerMonth': 'usdPerMonth',
  'selfHost.priceUsd': 'gpuPriceUsd',
  'selfHost.writeOffMonths': 'writeOffMonths',
  'selfHost.resaleUsd': 'resaleUsd',
  gpuWatts: 'gpuWatts',
  electricityUsdPerKwh: 'electricityUsdPerKwh',
  maintenanceUsdPerMonth: 'maintenanceUsdPerMonth',
  throughputTokensPerSec: 'throughputTokensPerSec',
  maxUtilization: 'maxUtilizationPct',
  cloudDrafterName: 'cloudDrafterName',
  verifierName: 'verifierName',
};

const PERCENT_FIELDS = new Set<FormField>(['acceptancePct', 'utilizationPct', 'maxUtilizationPct']);

/** The core's field errors keyed by form field, in the form's units (percent for shares). */
export function fieldErrors(errors: FieldError[]): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const e of errors) {
    const field = FIELD_OF[e.field];
    if (!field || out[field]) continue;
    let message = e.message;
    if (PERCENT_FIELDS.has(field)) {
      message = message.replace('must be between 0 and 1', 'must be between 0 and 100%').replace('must be greater than 0 and at most 1', 'must be more than 0% and at most 100%');
    }
    out[field] = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return out;
}

/** A model whose token price the form can use. */
export interface PricedModel {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  source: 'list' | 'override';
}

/** Cloud models from models.list with a known token price, cheapest first. */
export function pricedModels(models: readonly { model: string; local: boolean; inputPerMTok: number | null; outputPerMTok: number | null; pricing: string }[]): PricedModel[] {
  const out = new Map<string, PricedModel>();
  for (const m of models) {
    if (m.local || m.inputPerMTok === null || m.outputPerMTok === null) continue;
    if (m.pricing !== 'list' && m.pricing !== 'override') continue;
    out.set(m.model, { model: m.model, inputPerMTok: m.inputPerMTok, outputPerMTok: m.outputPerMTok, source: m.pricing });
  }
  return [...out.values()].sort((a, b) => a.inputPerMTok + a.outputPerMTok - (b.inputPerMTok + b.outputPerMTok) || a.model.localeCompare(b.model));
}

export type PriceRole = 'cloudDrafter' | 'verifier';

const ROLE_FIELDS = {
  cloudDrafter: { name: 'cloudDrafterName', in: 'cloudDrafterIn', out: 'cloudDrafterOut' },
  verifier: { name: 'verifierName', in: 'verifierIn', out: 'verifierOut' },
} as const satisfies Record<PriceRole, { name: FormField; in: FormField; out: FormField }>;

/** The priced model the form's name and prices match, or null for a custom price. */
export function selectedModel(f: BreakEvenForm, role: PriceRole, options: readonly PricedModel[]): PricedModel | null {
  const k = ROLE_FIELDS[role];
  const same = (s: string, n: number) => num(s) === n;
  return options.find((o) => o.model === f[k.name].trim() && same(f[k.in], o.inputPerMTok) && same(f[k.out], o.outputPerMTok)) ?? null;
}

export function withModel(f: BreakEvenForm, role: PriceRole, m: PricedModel): BreakEvenForm {
  const k = ROLE_FIELDS[role];
  return { ...f, [k.name]: m.model, [k.in]: String(m.inputPerMTok), [k.out]: String(m.outputPerMTok) };
}
