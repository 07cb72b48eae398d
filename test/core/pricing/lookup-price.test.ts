import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../shared/core/config/schema.ts';
import { describePrice } from '../../../shared/core/pricing/describe.ts';
import { lookupPrice, quoteTier } from '../../../shared/core/pricing/lookup.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import type { PricingContext } from '../../../shared/core/pricing/types.ts';

const ctx: PricingContext = { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } };

describe('lookupPrice', () => {
  it('quotes bundled list prices per 1M tokens', () => {
    expect(lookupPrice('openai', 'gpt-4o', ctx)).toEqual({
      inputPerMTok: 2.5,
      outputPerMTok: 10,
      cachedInputPerMTok: 1.25,
      cacheWritePerMTok: null,
      source: 'list',
      matchedModel: 'gpt-4o',
    });
    const haiku = lookupPrice('anthropic', 'claude-3-5-haiku-20241022', ctx);
    expect(haiku).toMatchObject({ inputPerMTok: 0.8, outputPerMTok: 4, cachedInputPerMTok: 0.08, cacheWritePerMTok: 1, source: 'list' });
    expect(lookupPrice('groq', 'llama-3.1-8b-instant', ctx)).toMatchObject({ inputPerMTok: 0.05, outputPerMTok: 0.08, source: 'list' });
  });

  it('reports the list entry a dated id matched', () => {
    expect(lookupPrice('openai', 'gpt-4o-mini-2024-07-18', ctx).matchedModel).toBe('gpt-4o-mini');
  });

  it('quotes the base tier and where the long-context price starts', () => {
    const q = lookupPrice('anthropic', 'claude-sonnet-4-5', ctx);
    expect(q).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15, tieredAboveTokens: 200_000 });
  });

  it('gives all-null "unknown" for models it does not know, never zeros', () => {
    expect(lookupPrice('openai', 'no-such-model', ctx)).toEqual({
      inputPerMTok: null,
      outputPerMTok: null,
      cachedInputPerMTok: null,
      cacheWritePerMTok: null,
      source: 'unknown',
    });
  });

  it('prices self-hosted providers by energy, even when the model name is a cloud one', () => {
    for (const provider of ['ollama', 'vllm', 'openai-compatible'] as const) {
      const q = lookupPrice(provider, 'gpt-4o', ctx);
      expect(q.source).toBe('energy');
      expect(q.inputPerMTok).toBeNull();
      expect(q.energy).toEqual({ gpuWatts: 300, electricityUsdPerKwh: 0.15 });
    }
  });

  it('lets config.prices and then the tier price override everything', () => {
    const c: PricingContext = { ...ctx, overrides: { 'llama3.2:3b': { inputPerMTok: 0.02, outputPerMTok: 0.04 } } };
    expect(lookupPrice('ollama', 'llama3.2:3b', c)).toMatchObject({ inputPerMTok: 0.02, outputPerMTok: 0.04, cachedInputPerMTok: null, source: 'override' });
    expect(quoteTier(c, { model: 'llama3.2:3b', provider: 'ollama', price: { inputPerMTok: 1, outputPerMTok: 3, cachedInputPerMTok: 0.5 } })).toMatchObject({
      inputPerMTok: 1,
      outputPerMTok: 3,
      cachedInputPerMTok: 0.5,
      source: 'override',
    });
  });

  it('builds its context from the app configuration', () => {
    const c = pricingContextFromConfig(DEFAULT_CONFIG);
    expect(c).toEqual({ overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } });
    // DEFAULT_CONFIG: llama3.2:3b on Ollama (local) drafts for gpt-4o.
    expect(DEFAULT_CONFIG.tiers.map((t) => quoteTier(c, t).source)).toEqual(['energy', 'list']);
  });
});

describe('describePrice', () => {
  it('describes list prices per 1M tokens', () => {
    expect(describePrice(lookupPrice('openai', 'gpt-4o', ctx))).toBe('$2.50 in / $10.00 out per 1M tokens');
    expect(describePrice(lookupPrice('openai', 'gpt-4o-mini', ctx))).toBe('$0.15 in / $0.60 out per 1M tokens');
  });

  it('says when a price is unknown, an override or local energy', () => {
    expect(describePrice(lookupPrice('openai', 'no-such-model', ctx))).toBe('price unknown');
    expect(describePrice(lookupPrice('ollama', 'llama3.2:3b', ctx))).toBe('local: energy (300 W at $0.15/kWh)');
    const c: PricingContext = { ...ctx, overrides: { 'gpt-4o': { inputPerMTok: 2, outputPerMTok: 8 } } };
    expect(describePrice(lookupPrice('openai', 'gpt-4o', c))).toBe('$2.00 in / $8.00 out per 1M tokens (your price)');
  });

  it('mentions the long-context price step', () => {
    expect(describePrice(lookupPrice('anthropic', 'claude-sonnet-4-5', ctx))).toBe('$3.00 in / $15.00 out per 1M tokens (higher above 200,000 input tokens)');
  });
});
