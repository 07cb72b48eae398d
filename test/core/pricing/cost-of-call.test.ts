import { describe, expect, it } from 'vitest';
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import type { ReportedUsage } from '../../../shared/core/model.ts';
import { costOfCall } from '../../../shared/core/pricing/cost.ts';
import type { PricingContext } from '../../../shared/core/pricing/types.ts';

const ctx: PricingContext = { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } };

function usage(inputTokens: number, outputTokens: number, cachedInputTokens = 0, cacheWriteTokens = 0): ReportedUsage {
  return { inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens };
}

describe('costOfCall with list prices', () => {
  it('prices gpt-4o-mini with cached input like the worked example', () => {
    // gpt-4o-mini: $0.15 in, $0.075 cached, $0.60 out per 1M tokens. 1200 prompt tokens of which 1024 cached:
    //   176 x 150 nano = 26,400; 1024 x 75 nano = 76,800; 300 x 600 nano = 180,000 -> 283,200 nano = $0.0002832
    expect(costOfCall(ctx, { model: 'gpt-4o-mini', provider: 'openai' }, usage(1200, 300, 1024), 900)).toEqual({ costNano: 283_200, pricing: 'list' });
  });

  it('matches dated model ids to their list entry', () => {
    // Same prices, no cache: 1200 x 150 + 300 x 600 = 180,000 + 180,000 = 360,000 nano.
    expect(costOfCall(ctx, { model: 'gpt-4o-mini-2024-07-18', provider: 'openai' }, usage(1200, 300), 0).costNano).toBe(360_000);
  });

  it('charges Anthropic cache writes at the cache-write price', () => {
    // claude-sonnet-4-20250514: $3 in, $3.75 cache write, $15 out per 1M tokens.
    //   (4740 - 4735) x 3000 = 15,000; 4735 x 3750 = 17,756,250; 255 x 15,000 = 3,825,000 -> 21,596,250 nano
    const r = costOfCall(ctx, { model: 'claude-sonnet-4-20250514', provider: 'anthropic' }, usage(4740, 255, 0, 4735), 0);
    expect(r).toEqual({ costNano: 21_596_250, pricing: 'list' });
  });

  it('applies the long-context tier above 200k input tokens', () => {
    // claude-sonnet-4-5 above 200,000 input tokens: $6 in, $22.50 out per 1M.
    //   250,000 x 6000 = 1,500,000,000; 1000 x 22,500 = 22,500,000 -> 1,522,500,000 nano ($1.5225)
    // At the base price it would be 250,000 x 3000 + 1000 x 15,000 = 765,000,000.
    const r = costOfCall(ctx, { model: 'claude-sonnet-4-5', provider: 'anthropic' }, usage(250_000, 1000), 0);
    expect(r.costNano).toBe(1_522_500_000);
  });

  it('prices Groq models', () => {
    // llama-3.1-8b-instant: $0.05 in, $0.08 out -> 1M in + 1M out = $0.13 = 130,000,000 nano.
    expect(costOfCall(ctx, { model: 'llama-3.1-8b-instant', provider: 'groq' }, usage(1_000_000, 1_000_000), 0).costNano).toBe(130_000_000);
  });

  it('clamps cached tokens a provider over-reports instead of failing', () => {
    // 10 input tokens reported as 20 cached: treated as all 10 cached.
    //   gpt-4o: 10 x 1250 (cached $1.25) + 1 x 10,000 = 22,500 nano.
    expect(costOfCall(ctx, { model: 'gpt-4o', provider: 'openai' }, usage(10, 1, 20), 0)).toEqual({ costNano: 22_500, pricing: 'list' });
  });

  it('prices a hosted OpenAI-compatible service marked local:false by its address', () => {
    // Together's meta-llama/Llama-3.3-70B-Instruct-Turbo: $0.88 in and out -> 1000 x 880 + 1000 x 880 = 1,760,000 nano.
    const tier: TierConfig = { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', provider: 'openai-compatible', local: false, baseUrl: 'https://api.together.xyz/v1' };
    expect(costOfCall(ctx, tier, usage(1000, 1000), 5000)).toEqual({ costNano: 1_760_000, pricing: 'list' });
  });
});

describe('costOfCall when the price is unknown', () => {
  it('returns null, never 0, for a model the price data does not know', () => {
    expect(costOfCall(ctx, { model: 'gpt-nonexistent-9', provider: 'openai' }, usage(1000, 1000), 100)).toEqual({ costNano: null, pricing: 'unknown' });
  });

  it('does not borrow another provider\'s price for a model name', () => {
    expect(costOfCall(ctx, { model: 'gpt-4o', provider: 'anthropic' }, usage(1000, 1000), 100).costNano).toBeNull();
  });

  it('returns null for a hosted service whose address is not in the price data', () => {
    const tier: TierConfig = { model: 'some-model', provider: 'openai-compatible', local: false, baseUrl: 'https://llm.example.com/v1' };
    expect(costOfCall(ctx, tier, usage(1000, 1000), 100)).toEqual({ costNano: null, pricing: 'unknown' });
  });
});

describe('costOfCall with overrides', () => {
  it('uses the tier price, cached input at its own price', () => {
    // $1 in, $0.50 cached, $2 out: 800 x 1000 + 200 x 500 + 500 x 2000 = 800,000 + 100,000 + 1,000,000 = 1,900,000 nano.
    const tier: TierConfig = { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.5 } };
    expect(costOfCall(ctx, tier, usage(1000, 500, 200), 0)).toEqual({ costNano: 1_900_000, pricing: 'override' });
  });

  it('charges cached input at the input price when the override has no cached price', () => {
    // 1000 x 1000 + 500 x 2000 = 2,000,000 nano.
    const tier: TierConfig = { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 1, outputPerMTok: 2 } };
    expect(costOfCall(ctx, tier, usage(1000, 500, 200), 0).costNano).toBe(2_000_000);
  });

  it('uses config.prices for the model when the tier has no price', () => {
    // gpt-4o list would be 1000 x 2500 + 500 x 10,000 = 7,500,000; the override $2 / $4 gives 2,000,000 + 2,000,000.
    const withOverride: PricingContext = { ...ctx, overrides: { 'gpt-4o': { inputPerMTok: 2, outputPerMTok: 4 } } };
    expect(costOfCall(withOverride, { model: 'gpt-4o', provider: 'openai' }, usage(1000, 500), 0)).toEqual({ costNano: 4_000_000, pricing: 'override' });
  });

  it('lets the tier price win over config.prices', () => {
    const withOverride: PricingContext = { ...ctx, overrides: { 'gpt-4o': { inputPerMTok: 2, outputPerMTok: 4 } } };
    const tier: TierConfig = { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 1, outputPerMTok: 2 } };
    expect(costOfCall(withOverride, tier, usage(1000, 500), 0).costNano).toBe(2_000_000);
  });

  it('prices a local model with an override by tokens, not energy', () => {
    // $0.10 in / $0.20 out: 1000 x 100 + 1000 x 200 = 300,000 nano, whatever the duration.
    const tier: TierConfig = { model: 'llama3.2:3b', provider: 'ollama', price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } };
    expect(costOfCall(ctx, tier, usage(1000, 1000), 60_000)).toEqual({ costNano: 300_000, pricing: 'override' });
  });
});

describe('costOfCall for local models (energy)', () => {
  it('charges the electricity for the call duration', () => {
    // 300 W x 12 s = 3600 J = 1 Wh = 0.001 kWh; x $0.15 = $0.00015 = 150,000 nano.
    expect(costOfCall(ctx, { model: 'llama3.2:3b', provider: 'ollama' }, usage(1200, 300), 12_000)).toEqual({ costNano: 150_000, pricing: 'energy' });
  });

  it('applies to vLLM, OpenAI-compatible servers and tiers marked local', () => {
    // 450 W x 8 s = 1 Wh at $0.30/kWh = $0.0003 = 300,000 nano.
    const c: PricingContext = { overrides: {}, local: { gpuWatts: 450, electricityUsdPerKwh: 0.3 } };
    for (const tier of [
      { model: 'meta-llama/Llama-3.1-8B-Instruct', provider: 'vllm' },
      { model: 'qwen2.5-7b', provider: 'openai-compatible' },
      { model: 'gpt-4o-mini', provider: 'openai', local: true },
    ] satisfies TierConfig[]) {
      expect(costOfCall(c, tier, usage(10, 10), 8000)).toEqual({ costNano: 300_000, pricing: 'energy' });
    }
  });

  it('costs nothing for no time and ignores negative durations', () => {
    expect(costOfCall(ctx, { model: 'llama3.2:3b', provider: 'ollama' }, usage(1, 1), 0).costNano).toBe(0);
    expect(costOfCall(ctx, { model: 'llama3.2:3b', provider: 'ollama' }, usage(1, 1), -5000).costNano).toBe(0);
  });
});

describe('dated list prices', () => {
  it('looks up the price in force at ctx.now', () => {
    // o3 cost $10 in before 2025-06-10 and $2 in from then: 1M input tokens.
    const tier: TierConfig = { model: 'o3', provider: 'openai' };
    expect(costOfCall({ ...ctx, now: new Date('2025-01-01T00:00:00Z') }, tier, usage(1_000_000, 0), 0).costNano).toBe(10_000_000_000);
    expect(costOfCall({ ...ctx, now: new Date('2026-01-01T00:00:00Z') }, tier, usage(1_000_000, 0), 0).costNano).toBe(2_000_000_000);
  });
});
