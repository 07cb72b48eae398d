// Shapes shared by the price lookup, the per-call cost math and the UI that describes prices.
import type { PriceOverride } from '../config/schema.ts';

/** Where a price came from. 'unknown' means no price: costs are null, never $0. */
export type PricingSource = 'list' | 'override' | 'energy' | 'unknown';

export interface LocalEnergySettings {
  gpuWatts: number;
  electricityUsdPerKwh: number;
}

export interface PricingContext {
  /** config.prices: per-model overrides keyed by model id. */
  overrides: Record<string, PriceOverride>;
  local: LocalEnergySettings;
  /** Prices that changed over time are looked up at this instant (default: the library's now). */
  now?: Date;
}

/** USD per million tokens; all null when the source is 'energy' or 'unknown'. */
export interface PriceQuote {
  inputPerMTok: number | null;
  outputPerMTok: number | null;
  cachedInputPerMTok: number | null;
  cacheWritePerMTok: number | null;
  source: PricingSource;
  /** The bundled-data model id the name matched, e.g. "gpt-4o-mini" for "gpt-4o-mini-2024-07-18". */
  matchedModel?: string;
  /** The list price rises once a request's input exceeds this many tokens; quoted figures are the base tier. */
  tieredAboveTokens?: number;
  /** For source 'energy': the settings the cost is computed from. */
  energy?: LocalEnergySettings;
}

export interface CallCost {
  /** Integer nano-USD; null when the price is unknown. */
  costNano: number | null;
  pricing: PricingSource;
}

export interface CostEstimate extends CallCost {
  /** How the figure was obtained, e.g. "energy for ~10 s at an assumed 30 tokens/s". */
  basis: string;
}
