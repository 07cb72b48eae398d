// The break-even inputs as text, the way a person types them (the Break-even view's fields and
// `cascadeflow breakeven`'s flags), converted to the core's BreakEvenInputs for analysis, and the
// core's field errors in these units. Shares are typed as percentages; the core speaks 0..1.
import { formatCount } from '../pricing/money.ts';
import type { FieldError } from './types.ts';

export type SelfHostKind = 'hourly' | 'monthly' | 'purchase';

export const SELF_HOST_KINDS: readonly SelfHostKind[] = ['hourly', 'monthly', 'purchase'];

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
  selfHostKind: SelfHostKind;
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

/** The fields that apply to one way of paying for the GPU; the others are ignored for it. */
export const SELF_HOST_FIELDS: Record<SelfHostKind, readonly FormField[]> = {
  hourly: ['gpuUsdPerHour', 'utilizationPct'],
  monthly: ['usdPerMonth'],
  purchase: ['gpuPriceUsd', 'writeOffMonths', 'resaleUsd'],
};

/** A typed number: empty stays undefined (the core says "is required"); anything else must parse fully. */
export function formNumber(s: string): number | undefined {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return undefined;
  return Number(t);
}

function share(s: string): number | undefined {
  const n = formNumber(s);
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
  const n = formNumber(value);
  return n !== undefined && Number.isSafeInteger(n) ? formatCount(n) : value;
}

function selfHost(f: BreakEvenForm): Record<string, unknown> {
  switch (f.selfHostKind) {
    case 'hourly':
      return { kind: 'hourly', gpuUsdPerHour: formNumber(f.gpuUsdPerHour), utilization: share(f.utilizationPct) };
    case 'monthly':
      return { kind: 'monthly', usdPerMonth: formNumber(f.usdPerMonth) };
    case 'purchase':
      return { kind: 'purchase', priceUsd: formNumber(f.gpuPriceUsd), writeOffMonths: formNumber(f.writeOffMonths), resaleUsd: formNumber(f.resaleUsd) };
  }
}

export function toInputs(f: BreakEvenForm): Record<string, unknown> {
  return {
    monthlyQueries: formNumber(f.monthlyQueries),
    inputTokensPerQuery: formNumber(f.inputTokensPerQuery),
    outputTokensPerQuery: formNumber(f.outputTokensPerQuery),
    drafterAcceptanceRate: share(f.acceptancePct),
    cloudDrafterPrice: { inputPerMTok: formNumber(f.cloudDrafterIn), outputPerMTok: formNumber(f.cloudDrafterOut) },
    verifierPrice: { inputPerMTok: formNumber(f.verifierIn), outputPerMTok: formNumber(f.verifierOut) },
    selfHost: selfHost(f),
    gpuWatts: formNumber(f.gpuWatts),
    electricityUsdPerKwh: formNumber(f.electricityUsdPerKwh),
    maintenanceUsdPerMonth: formNumber(f.maintenanceUsdPerMonth),
    throughputTokensPerSec: formNumber(f.throughputTokensPerSec),
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

/**
 * The core's field errors keyed by form field, in the form's units (percent for shares), as a
 * phrase the view writes as a sentence and the CLI after the flag: "must be between 0 and 100%".
 * The first error of a field is kept; errors of fields the form does not have are left out.
 */
export function formFieldErrors(errors: readonly FieldError[]): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const e of errors) {
    const field = FIELD_OF[e.field];
    if (!field || out[field]) continue;
    out[field] = PERCENT_FIELDS.has(field)
      ? e.message.replace('must be between 0 and 1', 'must be between 0 and 100%').replace('must be greater than 0 and at most 1', 'must be more than 0% and at most 100%')
      : e.message;
  }
  return out;
}
