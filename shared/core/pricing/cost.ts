// What one model call cost, from the usage the provider reported, and what a call would cost
// before it is sent (for the baseline when the top tier did not run, and for pre-send estimates).
import type { PriceOverride, TierConfig } from '../config/schema.ts';
import type { ReportedUsage } from '../model.ts';
import type { CallCost, CostEstimate, PricingContext } from './types.ts';
import { energyCostNano } from './energy.ts';
import { listCostUsd, toLibraryUsage } from './list-prices.ts';
import { findOverride, isSelfHosted, listProviderFor } from './lookup.ts';
import { perMTokToNanoPerToken, usdToNano } from './money.ts';

/** Generation speed assumed for a local model when estimating its energy before it runs. */
export const DEFAULT_LOCAL_TOKENS_PER_SECOND = 30;

const UNKNOWN: CallCost = Object.freeze({ costNano: null, pricing: 'unknown' });

/** Cached input at the cached price when the override gives one, else at the input price. */
function overrideCostNano(p: PriceOverride, usage: ReportedUsage): number {
  const u = toLibraryUsage(usage);
  const input = u.input_tokens ?? 0;
  const cached = u.cache_read_tokens ?? 0;
  const output = u.output_tokens ?? 0;
  const cachedPrice = p.cachedInputPerMTok ?? p.inputPerMTok;
  const nano =
    (input - cached) * perMTokToNanoPerToken(p.inputPerMTok) +
    cached * perMTokToNanoPerToken(cachedPrice) +
    output * perMTokToNanoPerToken(p.outputPerMTok);
  return Math.round(nano) + 0;
}

function tokenPricedCost(ctx: PricingContext, tier: TierConfig, usage: ReportedUsage): CallCost | null {
  const override = findOverride(ctx, tier.model, tier);
  if (override !== undefined) return { costNano: overrideCostNano(override, usage), pricing: 'override' };
  if (isSelfHosted(tier.provider, tier)) return null;
  const providerId = listProviderFor(tier.provider, tier);
  if (providerId === undefined) return UNKNOWN;
  const usd = listCostUsd(usage, tier.model, providerId, ctx.now);
  return usd === null ? UNKNOWN : { costNano: usdToNano(usd), pricing: 'list' };
}

/**
 * Cost of a finished call. `usage.inputTokens` includes cached and cache-write tokens.
 * Energy-priced (local) calls cost the electricity for `durationMs`.
 */
export function costOfCall(ctx: PricingContext, tier: TierConfig, usage: ReportedUsage, durationMs: number): CallCost {
  return tokenPricedCost(ctx, tier, usage) ?? { costNano: energyCostNano(ctx.local, durationMs), pricing: 'energy' };
}

/**
 * Cost of a call that has not run (no cache assumed). A local model's duration is unknown, so
 * it is estimated from the output length at `tokensPerSecond` (default 30 tokens/s).
 */
export function estimateCostNano(
  ctx: PricingContext,
  tier: TierConfig,
  inputTokens: number,
  outputTokens: number,
  opts?: { tokensPerSecond?: number },
): CostEstimate {
  const usage: ReportedUsage = { inputTokens, outputTokens, cachedInputTokens: 0, cacheWriteTokens: 0 };
  const priced = tokenPricedCost(ctx, tier, usage);
  if (priced !== null) {
    const basis =
      priced.pricing === 'unknown'
        ? `no price known for ${tier.model}`
        : `${inputTokens} input + ${outputTokens} output tokens at ${priced.pricing === 'list' ? 'list' : 'your'} prices`;
    return { ...priced, basis };
  }
  const requested = opts?.tokensPerSecond;
  const tokensPerSecond = requested !== undefined && Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_LOCAL_TOKENS_PER_SECOND;
  const seconds = Math.max(0, outputTokens) / tokensPerSecond;
  return {
    costNano: energyCostNano(ctx.local, seconds * 1000),
    pricing: 'energy',
    basis: `energy for ~${formatSeconds(seconds)} of generation, assuming ${tokensPerSecond} tokens/s (${ctx.local.gpuWatts} W at $${ctx.local.electricityUsdPerKwh}/kWh)`,
  };
}

function formatSeconds(s: number): string {
  return s >= 10 ? `${Math.round(s)} s` : `${Number(s.toPrecision(2))} s`;
}
