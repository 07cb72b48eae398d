// The what-if table a person reads: counts agree with their nouns, an unknown price is said.
import { describe, expect, it } from 'vitest';
import { formatWhatIf } from '../../../electron/node/replay/format.ts';
import type { WhatIfReport } from '../../../shared/core/replay/whatif.ts';

function report(over: Partial<WhatIfReport>): WhatIfReport {
  return {
    queries: 1,
    calls: 1,
    verifier: null,
    repriced_models: [],
    electricity_usd_per_kwh: null,
    gpu_watts: 300,
    actual_cost_usd: 0,
    whatif_cost_usd: 0,
    actual_baseline_usd: 0,
    whatif_baseline_usd: null,
    whatif_savings_pct: null,
    unknown_price_calls: 0,
    by_model: [{ model: 'mystery-model', calls: 1, input_tokens: 12, output_tokens: 3, actual_cost_usd: 0, whatif_cost_usd: 0, repriced_as: 'unchanged', unknown_price_calls: 1 }],
    ...over,
  };
}

describe('formatWhatIf', () => {
  it('reads "1 query, 1 model call" for a first day of use', () => {
    const text = formatWhatIf(report({}), 1);
    expect(text.split('\n')[0]).toBe('Last 1 day: 1 query, 1 model call; what-if: no change');
  });

  it('says how many calls have no known price', () => {
    expect(formatWhatIf(report({ unknown_price_calls: 1 }), 30)).toContain('Left out of both sums: 1 call with no known price.');
    const many = formatWhatIf(report({ queries: 1319, calls: 2638, unknown_price_calls: 2, verifier: { model: 'gpt-4.1', provider: 'openai' } }), 30);
    expect(many.split('\n')[0]).toBe('Last 30 days: 1,319 queries, 2,638 model calls; what-if: verifier gpt-4.1');
    expect(many).toContain('Left out of both sums: 2 calls with no known price.');
  });
});
