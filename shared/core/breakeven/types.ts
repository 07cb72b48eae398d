// Inputs and outputs of the self-hosting break-even analysis (UI break-even page, CLI, tests).
// Money out is integer nano-USD like the rest of the core; money in is USD as people type it.

export interface TokenPriceUsd {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * What a self-hosted GPU costs. `hourly`: a rented GPU billed for `utilization` of the month's
 * hours (1 = always on, 0.5 = switched off half the time); it can only serve while it runs.
 * `monthly`: a flat monthly figure per GPU (reserved instance, hosting contract).
 * `purchase`: a GPU bought outright, written off in equal monthly parts over `writeOffMonths`,
 * less what it can be sold for at the end (`resaleUsd`, default 0).
 */
export type SelfHostCost =
  | { kind: 'hourly'; gpuUsdPerHour: number; utilization: number }
  | { kind: 'monthly'; usdPerMonth: number }
  | PurchasedGpu;

export interface PurchasedGpu {
  kind: 'purchase';
  /** Price of one GPU (or the machine around it), paid up front. */
  priceUsd: number;
  writeOffMonths: number;
  resaleUsd?: number;
}

export type NormalizedSelfHostCost = Exclude<SelfHostCost, PurchasedGpu> | Required<PurchasedGpu>;

export interface BreakEvenInputs {
  monthlyQueries: number;
  inputTokensPerQuery: number;
  outputTokensPerQuery: number;
  /** Share of drafts accepted without escalation, 0..1. */
  drafterAcceptanceRate: number;
  cloudDrafterPrice: TokenPriceUsd;
  verifierPrice: TokenPriceUsd;
  selfHost: SelfHostCost;
  gpuWatts: number;
  electricityUsdPerKwh: number;
  maintenanceUsdPerMonth: number;
  /** Output tokens per second one GPU sustains (aggregate over concurrent requests). */
  throughputTokensPerSec: number;
  /** Default 730 (365 x 24 / 12). */
  hoursPerMonth?: number;
  /** Highest planned load per GPU when sizing capacity, (0, 1]; default 0.7 leaves headroom for peaks. */
  maxUtilization?: number;
  /** Names used in the decision sentence, e.g. "gpt-4o-mini" and "gpt-4o". */
  cloudDrafterName?: string;
  verifierName?: string;
  /** Break-even searches stop here (queries/month); default 1e12. */
  searchLimitQueries?: number;
}

export type NormalizedBreakEvenInputs = Required<Omit<BreakEvenInputs, 'cloudDrafterName' | 'verifierName' | 'selfHost'>> & {
  selfHost: NormalizedSelfHostCost;
  cloudDrafterName: string;
  verifierName: string;
};

export interface FieldError {
  /** Dotted path of the offending field, e.g. "selfHost.utilization". */
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface MonthlyCosts {
  /** Every query answered by the verifier. */
  cloudOnlyNano: number;
  /** Every query drafted on the cloud drafter; rejected drafts also pay the verifier. */
  cloudDrafterNano: number;
  /** Every query drafted on own GPUs; rejected drafts also pay the verifier. */
  selfHostedNano: number;
}

export interface SelfHostBreakdown {
  gpus: number;
  /** What one GPU costs a month (rent, flat fee or written-off purchase). */
  gpuNanoPerMonth: number;
  /** Share of the GPUs' running time spent generating, 0..1. */
  utilization: number;
  generationHours: number;
  gpuNano: number;
  energyNano: number;
  maintenanceNano: number;
}

/** A bought GPU spread over the months it is written off over. */
export interface HardwareWriteOff {
  /** Price of one GPU. */
  priceNano: number;
  resaleNano: number;
  writeOffMonths: number;
  /** (price - resale) / months, per GPU. */
  monthlyNano: number;
  /** "$2,000 GPU over 24 months = $83.33 a month". */
  assumption: string;
}

/**
 * When the GPUs bought for this volume have paid for themselves: the months until what they
 * save each month (the cloud drafts they replace, less electricity and maintenance) adds up to
 * what they cost to buy. The resale value is not counted: it only comes back at the end.
 */
export type Payback =
  | {
      kind: 'months';
      /** Whole months: the first month-end by which the savings cover the purchase. */
      months: number;
      /** outlayNano / monthlySavingNano, e.g. 4.44. */
      exactMonths: number;
      outlayNano: number;
      monthlySavingNano: number;
      /** False when it pays for itself only after the months it is written off over. */
      withinWriteOff: boolean;
      sentence: string;
    }
  | { kind: 'never'; outlayNano: number; monthlySavingNano: number; sentence: string };

export type Recommendation = 'cloud-only' | 'cloud-drafter' | 'self-host';

/** Why there is no break-even volume. */
export type NoBreakEvenReason = 'energy-exceeds-draft-price' | 'gpu-exceeds-savings' | 'beyond-search-limit';

export interface BreakEvenResult {
  inputs: NormalizedBreakEvenInputs;
  costs: MonthlyCosts;
  /** Queries escalated to the verifier per month (expected value). */
  escalatedQueries: number;
  /** Verifier cost of the escalations, included in both cascade totals. */
  escalationNano: number;
  /** Cloud drafting cost of all queries, included in cloudDrafterNano. */
  cloudDraftingNano: number;
  selfHost: SelfHostBreakdown;
  savings: {
    cloudDrafterVsCloudOnlyNano: number;
    selfHostedVsCloudOnlyNano: number;
    selfHostedVsCloudDrafterNano: number;
  };
  /** Smallest monthly volume at which self-hosting the drafter costs no more than the cloud drafter. */
  breakEvenQueries: number | null;
  noBreakEvenReason: NoBreakEvenReason | null;
  recommendation: Recommendation;
  decision: string;
  /** Only for a bought GPU. */
  hardware: HardwareWriteOff | null;
  payback: Payback | null;
}

export interface CostCurvePoint extends MonthlyCosts {
  queries: number;
  gpus: number;
  selfHostedCheaper: boolean;
  /** True when this point is on the other side of a crossover from the point before it. */
  crossover: boolean;
}

export interface CostCurve {
  points: CostCurvePoint[];
  breakEvenQueries: number | null;
}
