import { describe, expect, it } from 'vitest';
import { confidenceSignal } from '../../../shared/core/quality/signals/confidence.ts';
import type { TokenLogprob } from '../../../shared/core/model.ts';
import { draft } from './fixtures/draft.ts';

const tokens = (ps: number[]): TokenLogprob[] => ps.map((p, i) => ({ token: `t${i}`, logprob: Math.log(p) }));

describe('confidence signal', () => {
  it('is not applicable without logprobs', () => {
    expect(confidenceSignal(draft('Paris.'))).toMatchObject({ applicable: false });
    expect(confidenceSignal(draft('Paris.', { logprobs: [] }))).toMatchObject({ applicable: false });
  });

  it('scores a confident answer high even with a few unlikely tokens', () => {
    const ps = Array.from({ length: 40 }, (_, i) => (i % 20 === 7 ? 0.02 : 0.95));
    const r = confidenceSignal(draft('The capital of France is Paris.', { logprobs: tokens(ps) }));
    expect(r.applicable).toBe(true);
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.reason).toMatch(/^the model was confident \(mean token probability 0\.9\d, 5% of tokens below 0\.1\)$/);
  });

  it('scores a guessing answer low and says why', () => {
    const ps = Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.05 : 0.6));
    const r = confidenceSignal(draft('It might be Lyon or Marseille.', { logprobs: tokens(ps) }));
    expect(r.score).toBeLessThan(0.3);
    expect(r.reason).toContain('the model was unsure of many tokens');
    expect(r.reason).toContain('50% of tokens below 0.1');
  });

  it('ignores whitespace tokens and treats -Infinity as probability 0', () => {
    const lps: TokenLogprob[] = [
      { token: ' ', logprob: -20 },
      { token: 'Yes', logprob: -0.01 },
      { token: '.', logprob: -0.02 },
      { token: 'It', logprob: -0.05 },
      { token: 'is', logprob: Number.NEGATIVE_INFINITY },
    ];
    const r = confidenceSignal(draft('Yes. It is', { logprobs: lps }));
    expect(r.reason).toContain('25% of tokens below 0.1');
  });
});
