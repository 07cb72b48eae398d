import { describe, expect, it } from 'vitest';
import { estimateCostNano } from '../../../shared/core/pricing/cost.ts';
import type { PricingContext } from '../../../shared/core/pricing/types.ts';

const ctx: PricingContext = { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } };

describe('estimateCostNano', () => {
  it('estimates a list-priced call from token counts', () => {
    // gpt-4o: 1000 x 2500 + 500 x 10,000 = 2,500,000 + 5,000,000 = 7,500,000 nano ($0.0075).
    const e = estimateCostNano(ctx, { model: 'gpt-4o', provider: 'openai' }, 1000, 500);
    expect(e.costNano).toBe(7_500_000);
    expect(e.pricing).toBe('list');
  });

  it('estimates a local model\'s energy from an assumed 30 tokens/s and says so', () => {
    // 300 output tokens / 30 tokens/s = 10 s; 300 W x 10 s = 3000 J = 1/1200 kWh; x $0.15 = $0.000125 = 125,000 nano.
    const e = estimateCostNano(ctx, { model: 'llama3.2:3b', provider: 'ollama' }, 100, 300);
    expect(e).toMatchObject({ costNano: 125_000, pricing: 'energy' });
    expect(e.basis).toContain('30 tokens/s');
  });

  it('uses a measured generation speed when given', () => {
    // 300 tokens at 60 tokens/s = 5 s -> half of the above: 62,500 nano.
    const e = estimateCostNano(ctx, { model: 'llama3.2:3b', provider: 'ollama' }, 100, 300, { tokensPerSecond: 60 });
    expect(e.costNano).toBe(62_500);
    expect(e.basis).toContain('60 tokens/s');
  });

  it('is null, not 0, when the price is unknown', () => {
    const e = estimateCostNano(ctx, { model: 'mystery-model', provider: 'openai' }, 1000, 500);
    expect(e.costNano).toBeNull();
    expect(e.pricing).toBe('unknown');
  });

  it('uses overrides for estimates too', () => {
    // $1 / $2: 1000 x 1000 + 500 x 2000 = 2,000,000 nano.
    const e = estimateCostNano(ctx, { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 1, outputPerMTok: 2 } }, 1000, 500);
    expect(e).toMatchObject({ costNano: 2_000_000, pricing: 'override' });
  });
});
