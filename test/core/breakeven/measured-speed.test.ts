import { describe, expect, it } from 'vitest';
import { localDrafterSpeed, type DrafterTimings } from '../../../shared/core/breakeven/measured-speed.ts';

const timings = (over: Partial<DrafterTimings>): DrafterTimings => ({
  model: 'llama3.2:3b',
  drafts: 0,
  usable: 0,
  afterFirstTokenCalls: 0,
  afterFirstTokenTokens: 0,
  afterFirstTokenMs: 0,
  wholeCalls: 0,
  wholeTokens: 0,
  wholeMs: 0,
  lastAt: 0,
  ...over,
});

describe('localDrafterSpeed', () => {
  it('prefers the time after the first token, and counts the rest as skipped', () => {
    // 10 drafts, 8 usable, 6 timed after their first token: 1,500 tokens in 25,000 ms = 60 tokens/s.
    // Over the whole calls it would be 2,000 tokens in 40,000 ms = 50 tokens/s.
    const t = timings({ drafts: 10, usable: 8, afterFirstTokenCalls: 6, afterFirstTokenTokens: 1_500, afterFirstTokenMs: 25_000, wholeCalls: 8, wholeTokens: 2_000, wholeMs: 40_000 });
    expect(localDrafterSpeed([t])).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 60, calls: 6, skipped: 4, timing: 'after-first-token' });
  });

  it('falls back to whole calls when none could be timed after the first token', () => {
    // 2,000 tokens in 40,000 ms = 50 tokens/s, from the 8 usable of 10.
    const t = timings({ drafts: 10, usable: 8, wholeCalls: 8, wholeTokens: 2_000, wholeMs: 40_000 });
    expect(localDrafterSpeed([t])).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 50, calls: 8, skipped: 2, timing: 'whole-call' });
  });

  it('times the model with most usable drafts; a tie goes to the one used last', () => {
    const a = timings({ model: 'a', drafts: 9, usable: 3, wholeCalls: 3, wholeTokens: 300, wholeMs: 10_000, lastAt: 5 });
    const b = timings({ model: 'b', drafts: 4, usable: 4, wholeCalls: 4, wholeTokens: 400, wholeMs: 10_000, lastAt: 1 });
    const c = timings({ model: 'c', drafts: 4, usable: 4, wholeCalls: 4, wholeTokens: 400, wholeMs: 5_000, lastAt: 2 });
    expect(localDrafterSpeed([a, b, c])).toMatchObject({ model: 'c', tokensPerSec: 80 });
  });

  it('says why there is no speed', () => {
    expect(localDrafterSpeed([])).toEqual({ measured: false, reason: 'no-local-drafts', localDrafts: 0 });
    expect(localDrafterSpeed([timings({ drafts: 3 })])).toEqual({ measured: false, reason: 'too-few-usable', localDrafts: 3 });
  });
});
