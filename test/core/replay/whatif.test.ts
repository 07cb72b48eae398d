import { describe, expect, it } from 'vitest';
import { whatIf, type WhatIfCall, type WhatIfQuery } from '../../../shared/core/replay/whatif.ts';

const call = (o: Partial<WhatIfCall>): WhatIfCall => ({
  seq: 0,
  model: 'llama3.2:3b',
  tier: 0,
  role: 'draft',
  status: 'ok',
  accepted: true,
  inputTokens: 1_000,
  outputTokens: 500,
  cachedInputTokens: 0,
  durationMs: 12_000,
  costNano: 150_000,
  pricing: 'energy',
  ...o,
});

const pricing = { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } };

describe('what-if re-pricing', () => {
  const queries: WhatIfQuery[] = [
    { id: 'a', topTier: 1, baselineCostNano: 1_000_000, calls: [call({})] },
    {
      id: 'b',
      topTier: 1,
      baselineCostNano: 2_000_000,
      calls: [call({ accepted: false }), call({ seq: 1, model: 'gpt-4o', tier: 1, role: 'verify', pricing: 'list', costNano: 2_000_000, durationMs: 3_000 })],
    },
    { id: 'c', topTier: 1, baselineCostNano: null, calls: [call({ model: 'mystery', pricing: 'unknown', costNano: null })] },
  ];

  it('changes nothing without a verifier or an electricity price', () => {
    const r = whatIf(queries, { pricing });
    expect(r.whatif_cost_usd).toBe(r.actual_cost_usd);
    expect(r.actual_cost_usd).toBeCloseTo(2_300_000 / 1e9, 15);
    expect(r.actual_baseline_usd).toBeCloseTo(3_000_000 / 1e9, 15);
    expect(r.whatif_baseline_usd).toBeNull();
    expect(r.unknown_price_calls).toBe(1);
  });

  it('doubles the energy cost of local calls at double the electricity price and leaves cloud calls alone', () => {
    const r = whatIf(queries, { pricing, electricityUsdPerKwh: 0.3 });
    // 300 W x 12 s at $0.30/kWh = 300,000 nano per local call.
    expect(r.whatif_cost_usd).toBeCloseTo((2 * 300_000 + 2_000_000) / 1e9, 15);
    expect(r.by_model.find((l) => l.model === 'gpt-4o')?.repriced_as).toBe('unchanged');
  });

  it('prices top-tier calls as the what-if verifier and compares with that verifier alone', () => {
    const r = whatIf(queries, { pricing, verifier: { model: 'cheap-verifier', provider: 'openai-compatible', price: { inputPerMTok: 1, outputPerMTok: 2 } } });
    // 1,000 in x 1,000 nano + 500 out x 2,000 nano = 2,000,000 nano: the same as the recorded gpt-4o call.
    expect(r.whatif_cost_usd).toBeCloseTo(2_300_000 / 1e9, 15);
    // Verifier alone: the answer calls of a and b at 2,000,000 nano each; c has an unpriced call and is left out of both.
    expect(r.whatif_baseline_usd).toBeCloseTo(4_000_000 / 1e9, 15);
    expect(r.whatif_savings_pct).toBeCloseTo(((4_000_000 - 2_300_000) / 4_000_000) * 100, 10);
  });
});
