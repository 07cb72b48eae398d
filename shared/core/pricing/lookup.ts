// Which price applies to a model: a tier's own price, then config.prices[model], then (for
// models on the user's hardware) the energy model, then the bundled list price, else unknown.
import type { PriceOverride, ProviderKind, TierConfig } from '../config/schema.ts';
import type { PriceQuote, PricingContext } from './types.ts';
import { listProviderId, listProviderIdForUrl, listQuote } from './list-prices.ts';

/** Kinds that normally serve models from the user's own hardware. */
const SELF_HOSTED_KINDS: readonly ProviderKind[] = ['ollama', 'vllm', 'openai-compatible'];

export type TierPricingHints = Pick<TierConfig, 'price' | 'local' | 'baseUrl'>;

export function isSelfHosted(provider: ProviderKind, hints?: Pick<TierConfig, 'local'>): boolean {
  if (hints?.local !== undefined) return hints.local;
  return SELF_HOSTED_KINDS.includes(provider);
}

export function unknownQuote(): PriceQuote {
  return { inputPerMTok: null, outputPerMTok: null, cachedInputPerMTok: null, cacheWritePerMTok: null, source: 'unknown' };
}

function overrideQuote(p: PriceOverride): PriceQuote {
  return {
    inputPerMTok: p.inputPerMTok,
    outputPerMTok: p.outputPerMTok,
    cachedInputPerMTok: p.cachedInputPerMTok ?? null,
    cacheWritePerMTok: null,
    source: 'override',
  };
}

/** The user's override for this model, if any: the tier's own price wins over config.prices. */
export function findOverride(ctx: PricingContext, model: string, hints?: TierPricingHints): PriceOverride | undefined {
  if (hints?.price !== undefined) return hints.price;
  return Object.hasOwn(ctx.overrides, model) ? ctx.overrides[model] : undefined;
}

/**
 * The bundled-data provider id that prices this model, if any. An OpenAI-compatible or vLLM
 * tier marked `local: false` is a hosted service: its address may identify it (Together,
 * DeepSeek, OpenRouter...).
 */
export function listProviderFor(provider: ProviderKind, hints?: TierPricingHints): string | undefined {
  const direct = listProviderId(provider);
  if (direct !== undefined) return direct;
  if (hints?.local === false && hints.baseUrl !== undefined) return listProviderIdForUrl(hints.baseUrl);
  return undefined;
}

export function lookupPrice(provider: ProviderKind, model: string, ctx: PricingContext, hints?: TierPricingHints): PriceQuote {
  const override = findOverride(ctx, model, hints);
  if (override !== undefined) return overrideQuote(override);
  if (isSelfHosted(provider, hints)) {
    return { ...unknownQuote(), source: 'energy', energy: { ...ctx.local } };
  }
  const providerId = listProviderFor(provider, hints);
  if (providerId === undefined) return unknownQuote();
  return listQuote(model, providerId, ctx.now) ?? unknownQuote();
}

export function quoteTier(ctx: PricingContext, tier: TierConfig): PriceQuote {
  return lookupPrice(tier.provider, tier.model, ctx, tier);
}
