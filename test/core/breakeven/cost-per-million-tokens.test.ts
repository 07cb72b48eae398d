import { describe, expect, it } from 'vitest';
import { analyzeBreakEven } from '../../../shared/core/breakeven/analyze.ts';
import { costPerMillionTokens } from '../../../shared/core/breakeven/per-million-tokens.ts';
import type { BreakEvenResult } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE } from './fixtures.ts';

function analyze(inputs: unknown): BreakEvenResult {
  const r = analyzeBreakEven(inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

// The seed's query is 400 + 100 = 500 tokens (see seed-example.test.ts for the per-query prices).
describe('drafting cost per million tokens, local against cloud', () => {
  it('weights the cloud prices by the query\'s tokens, and spreads the GPU\'s month over the tokens it drafts', () => {
    expect(costPerMillionTokens(analyze(SEED_EXAMPLE))).toEqual({
      tokensPerQuery: 500,
      // $0.00012 a draft / 500 tokens x 1M = $0.24 (not the $0.15 input or $0.60 output list price).
      cloudDrafterNano: 240_000_000,
      // $0.002 / 500 x 1M = $4.00.
      verifierNano: 4_000_000_000,
      // ($200 GPU + $50 electricity + $100 maintenance) / (5M x 500 = 2.5e9 tokens) x 1M = $0.14.
      selfHostedNano: 140_000_000,
    });
  });

  it('makes the GPU dearer per token at a lower volume, the cloud not', () => {
    // At 1M queries: $200 + $10 electricity + $100 = $310 over 5e8 tokens = $0.62 per 1M.
    const p = costPerMillionTokens(analyze({ ...SEED_EXAMPLE, monthlyQueries: 1_000_000 }));
    expect(p.selfHostedNano).toBe(620_000_000);
    expect(p.cloudDrafterNano).toBe(240_000_000);
  });

  it('has no per-token GPU price without queries, rather than $0', () => {
    const p = costPerMillionTokens(analyze({ ...SEED_EXAMPLE, monthlyQueries: 0 }));
    expect(p.selfHostedNano).toBeNull();
    expect(p.cloudDrafterNano).toBe(240_000_000);
  });
});
