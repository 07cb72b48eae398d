// Which price each replayed model gets. A trace names models by id only, so the price comes
// from the user (--price, --local, or their config), else from the bundled list prices. A model
// that needs a price and has none is an error naming it: a replay never prices a call at $0.
import type { PriceOverride, ProviderKind, TierConfig } from '../config/schema.ts';
import { costOfCall, describePrice, lookupPrice, quoteTier, usdToNano, type LocalEnergySettings, type PricingContext, type PricingSource } from '../pricing/index.ts';
import { anyPriceSuggestions, priceSuggestions } from '../pricing/price-suggestions.ts';
import { didYouMean } from '../words.ts';
import type { PreparedAnswer } from './recorded-provider.ts';
import type { RecordedResponse, TraceLine } from './trace.ts';

/** What a replay input error is about, for a caller that shows fields instead of CLI flags. */
export type ReplayProblem =
  /** `suggestions`: close ids the price lists know, for a "did you mean"; never used in its place. */
  | { field: 'prices'; model: string; suggestions: string[] }
  | { field: 'samples'; samples: number; extra: number; drafters: string[] };

export class ReplayInputError extends Error {
  override readonly name = 'ReplayInputError';
  constructor(
    message: string,
    readonly problem?: ReplayProblem,
  ) {
    super(message);
  }
}

export interface ReplayPricingOptions {
  /** `--price id=IN/OUT`: USD per million tokens. */
  prices?: Record<string, PriceOverride>;
  /** `--local id`: runs on the user's hardware, priced by the energy model. */
  local?: readonly string[];
  /**
   * Models whose every recorded answer in the trace says `local: true`: energy-priced like
   * `--local`, but a `--price` or a configured tier of the user wins over the recording's word.
   */
  declaredLocal?: readonly string[];
  /** Tiers of the user's configuration: a model configured there keeps its provider and price. */
  configTiers?: readonly TierConfig[];
  /** config.prices (per-model overrides). */
  configPrices?: Record<string, PriceOverride>;
  energy: LocalEnergySettings;
}

/** " (did you mean x?)" after a model without a price, when a price list has a close id. */
export const meant = (suggestions: readonly string[]): string => (suggestions.length > 0 ? ` (${didYouMean(suggestions)})` : '');

/** Provider kinds whose list prices are bundled, tried in this order for a bare model id. */
const LIST_PRICED_KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'groq'];

export function replayPricingContext(opts: ReplayPricingOptions): PricingContext {
  return { overrides: { ...(opts.configPrices ?? {}) }, local: { ...opts.energy } };
}

export interface ResolvedTier {
  tier: TierConfig;
  pricing: PricingSource;
  /** "local: energy (300 W at $0.15/kWh)", "$10.00 in / $30.00 out per 1M tokens"... */
  description: string;
  /**
   * Set when the model is priced by the energy its answers take to generate and the trace has no
   * cost for them: the generation speed assumed (the replay's timing), which the cost scales with.
   */
  assumedTokensPerSecond?: number;
}

/**
 * The tier a trace model replays as. `needsPrice` is false when every answer of the model carries
 * its own `cost_usd`; then an unpriced model is acceptable.
 */
export function resolveReplayTier(model: string, opts: ReplayPricingOptions, needsPrice = true): ResolvedTier {
  const ctx = replayPricingContext(opts);
  const price = opts.prices?.[model];
  const describe = (tier: TierConfig): ResolvedTier => {
    const quote = quoteTier(ctx, tier);
    return { tier, pricing: quote.source, description: describePrice(quote) };
  };
  if (opts.local?.includes(model)) {
    return describe({ model, provider: 'ollama', local: true, ...(price ? { price } : {}) });
  }
  if (price) return describe({ model, provider: 'openai-compatible', local: false, price });
  const configured = opts.configTiers?.find((t) => t.model === model);
  if (configured) {
    const r = describe(configured);
    if (r.pricing !== 'unknown') return r;
  }
  if (opts.declaredLocal?.includes(model)) {
    const r = describe({ model, provider: 'ollama', local: true });
    return { ...r, description: `${r.description} (the recording says it ran locally)` };
  }
  for (const provider of LIST_PRICED_KINDS) {
    const quote = lookupPrice(provider, model, ctx);
    if (quote.source !== 'unknown') return { tier: { model, provider }, pricing: quote.source, description: describePrice(quote) };
  }
  if (!needsPrice) return { tier: { model, provider: 'openai-compatible', local: false }, pricing: 'unknown', description: 'recorded cost_usd' };
  const suggestions = configured ? priceSuggestions(configured.provider, model, configured) : anyPriceSuggestions(LIST_PRICED_KINDS, model);
  throw new ReplayInputError(
    `no price is known for the model "${model}"${meant(suggestions)}: give one with --price ${model}=IN/OUT (USD per 1M input/output tokens) or declare it local (energy-priced) with --local ${model}`,
    { field: 'prices', model, suggestions },
  );
}

/** The models whose every answer in these lines is marked `local: true`. */
export function modelsDeclaredLocal(lines: readonly TraceLine[]): string[] {
  const verdict = new Map<string, boolean>();
  for (const { item } of lines) {
    for (const [model, response] of Object.entries(item.responses)) {
      verdict.set(model, (verdict.get(model) ?? true) && response.local === true);
    }
  }
  return [...verdict].filter(([, local]) => local).map(([model]) => model);
}

/** The options with these models also declared local (after the ones already declared). */
export function withDeclaredLocal<T extends ReplayPricingOptions>(opts: T, models: readonly string[]): T {
  return { ...opts, declaredLocal: [...(opts.declaredLocal ?? []), ...models] };
}

/** Cost of one recorded answer in nano-USD: its recorded cost_usd, else its tokens at the tier's price. */
export function recordedCostNano(ctx: PricingContext, tier: TierConfig, response: Pick<RecordedResponse, 'cost_usd'>, answer: PreparedAnswer): number {
  if (response.cost_usd !== undefined) return usdToNano(response.cost_usd);
  const cost = costOfCall(ctx, tier, answer.usage, answer.durationMs);
  if (cost.costNano === null) {
    const suggestions = priceSuggestions(tier.provider, tier.model, tier);
    throw new ReplayInputError(`no price is known for the model "${tier.model}"${meant(suggestions)}: give one with --price ${tier.model}=IN/OUT or declare it local with --local ${tier.model}`, {
      field: 'prices',
      model: tier.model,
      suggestions,
    });
  }
  return cost.costNano;
}

/** Parses `id=IN/OUT` (the id may itself contain "=" or "/"). */
export function parsePriceFlag(flag: string): { model: string; price: PriceOverride } {
  const eq = flag.lastIndexOf('=');
  const model = eq > 0 ? flag.slice(0, eq).trim() : '';
  const [inText, outText, extra] = (eq > 0 ? flag.slice(eq + 1) : '').split('/');
  const input = Number(inText);
  const output = Number(outText);
  if (!model || extra !== undefined || inText === undefined || outText === undefined || inText.trim() === '' || outText.trim() === '' || !Number.isFinite(input) || !Number.isFinite(output) || input < 0 || output < 0) {
    throw new ReplayInputError(`--price must look like MODEL=IN/OUT in USD per 1M tokens, e.g. --price gpt-4-1106-preview=10/30 (got "${flag}")`);
  }
  return { model, price: { inputPerMTok: input, outputPerMTok: output } };
}
