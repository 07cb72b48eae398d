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
    { id: 'a', status: 'ok', topTier: 1, baselineCostNano: 1_000_000, calls: [call({})] },
    {
      id: 'b',
      status: 'ok',
      topTier: 1,
      baselineCostNano: 2_000_000,
      calls: [call({ accepted: false }), call({ seq: 1, model: 'gpt-4o', tier: 1, role: 'verify', pricing: 'list', costNano: 2_000_000, durationMs: 3_000 })],
    },
    { id: 'c', status: 'ok', topTier: 1, baselineCostNano: null, calls: [call({ model: 'mystery', pricing: 'unknown', costNano: null })] },
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

  // The ledger claims no saving when the verifier failed (a draft returned unverified), and
  // estimates a stopped run's baseline from its tokens: the what-if must follow the same rule,
  // or its saving cannot be compared with the one Savings and `report` show.
  const unverified: WhatIfQuery = {
    id: 'u',
    status: 'unverified',
    topTier: 1,
    baselineCostNano: 0,
    calls: [call({ accepted: false }), call({ seq: 1, model: 'gpt-4o', tier: 1, role: 'verify', status: 'error', accepted: false, inputTokens: 0, outputTokens: 0, pricing: 'list', costNano: 0, durationMs: 50 })],
  };
  // 1,000 in at $2.50/M + 500 out at $10/M: gpt-4o alone on the stopped draft's tokens.
  const stopped: WhatIfQuery = { id: 's', status: 'cancelled', topTier: 1, baselineCostNano: 7_500_000, calls: [call({ status: 'cancelled', accepted: false })] };
  const cheap = { model: 'cheap-verifier', provider: 'openai-compatible', price: { inputPerMTok: 1, outputPerMTok: 2 } } as const;

  it('claims no what-if saving on a draft returned unverified because the verifier failed', () => {
    const r = whatIf([unverified], { pricing, verifier: cheap });
    expect(r.whatif_baseline_usd).toBe(0);
    expect(r.whatif_savings_pct).toBeNull();
  });

  it('prices a stopped run\'s verifier-alone from the tokens of its stopped draft', () => {
    const r = whatIf([stopped], { pricing, verifier: cheap });
    expect(r.whatif_baseline_usd).toBeCloseTo(2_000_000 / 1e9, 15);
  });

  it('re-priced as the verifier it recorded, reproduces the ledger\'s baseline', () => {
    const r = whatIf([unverified, stopped], { pricing, verifier: { model: 'gpt-4o', provider: 'openai' } });
    expect(r.actual_baseline_usd).toBeCloseTo(7_500_000 / 1e9, 15);
    expect(r.whatif_baseline_usd).toBeCloseTo(r.actual_baseline_usd, 15);
  });
});

describe('what-if labels of models given --price or --local', () => {
  const queries: WhatIfQuery[] = [{ id: 'a', status: 'ok', topTier: 1, baselineCostNano: 1_000_000, calls: [call({})] }];

  it('a --local model is labelled by electricity when it has no price of the user\'s', () => {
    const r = whatIf(queries, { pricing, repriced: { 'llama3.2:3b': { model: 'llama3.2:3b', provider: 'ollama', local: true } } });
    // 300 W x 12 s at $0.15/kWh = 150,000 nano.
    expect(r.by_model[0]).toMatchObject({ repriced_as: 'local: energy at $0.15/kWh', whatif_cost_usd: 150_000 / 1e9 });
  });

  it('a --local model with a price of the user\'s (config.prices) is labelled with the price it was priced at', () => {
    const withPrice = { ...pricing, overrides: { 'llama3.2:3b': { inputPerMTok: 1, outputPerMTok: 2 } } };
    const r = whatIf(queries, { pricing: withPrice, repriced: { 'llama3.2:3b': { model: 'llama3.2:3b', provider: 'ollama', local: true } } });
    // 1,000 in x 1,000 nano + 500 out x 2,000 nano: the user's price, not electricity.
    expect(r.by_model[0]).toMatchObject({ repriced_as: 'your price', whatif_cost_usd: 2_000_000 / 1e9 });
  });
});
