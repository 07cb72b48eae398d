// Replay of a trace that recorded extra answers of the drafter (`record --samples`): the real
// engine draws them through the recorded provider, the consistency check compares them, and
// their cost is the drafter's.
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../shared/core/replay/judge.ts';
import { matrixOf, prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceItem, TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, GUESSING, PRICING, RIGHT_SETUP as RIGHT, sampledItem as item, SURE, VERIFIER } from './fixtures.ts';

const lines = (items: TraceItem[]): TraceLine[] => items.map((it, i) => ({ line: i + 1, item: it }));

const TRACE = lines([GUESSING, SURE]);

describe('replay with consistency samples', () => {
  it('without --samples the wrong draft passes: its text alone looks sound', async () => {
    const p = prepareReplay(TRACE, [DRAFTER, VERIFIER], PRICING);
    const outcomes = await runEngine(p, 0.7);
    expect(outcomes.map((o) => o.model)).toEqual([DRAFTER, DRAFTER]);
    expect(outcomes[0]?.attempts.map((a) => a.role)).toEqual(['draft']);
  });

  it('with --samples 3 the engine draws the recorded samples, escalates the guess and keeps the sure answer', async () => {
    const p = prepareReplay(TRACE, [DRAFTER, VERIFIER], { ...PRICING, samples: 3 });
    const outcomes = await runEngine(p, 0.7);
    expect(outcomes.map((o) => o.model)).toEqual([VERIFIER, DRAFTER]);
    expect(outcomes[0]?.attempts.map((a) => a.role)).toEqual(['draft', 'sample', 'sample', 'verify']);
    expect(outcomes[0]?.attempts.slice(1, 3).map((a) => a.text)).toEqual([RIGHT.text, 'He has 12 + 3 * 12 + 12 = 60.\n#### 60']);
    expect(outcomes[0]?.decision).toContain("none of the 2 other samples reaches the draft's answer 36; they say 48, 60");
  });

  it("prices the samples into the drafter's cost: three answers of 24 tokens on the GPU", () => {
    const plain = matrixOf(prepareReplay(TRACE, [DRAFTER, VERIFIER], PRICING));
    const sampled = matrixOf(prepareReplay(TRACE, [DRAFTER, VERIFIER], { ...PRICING, samples: 3 }));
    // 24 tokens at 30 tokens/s = 0.8 s of a 300 W GPU at $0.15/kWh = 10,000 nano-USD an answer.
    expect(plain.costNano.map((c) => c[0])).toEqual([10_000, 10_000]);
    expect(sampled.costNano.map((c) => c[0])).toEqual([30_000, 30_000]);
    expect(sampled.costNano.map((c) => c[1])).toEqual(plain.costNano.map((c) => c[1]));
  });

  it('the report says how many answers the drafter drew, and the cascade reaches the verifier quality', async () => {
    const report = await replayTrace(TRACE, { ...PRICING, samples: 3, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });
    expect(report.samples).toBe(3);
    expect(report.points[0]?.relative_quality).toBe(1);
    expect(report.points[0]?.escalation_rate).toBe(0.5);
    const without = await replayTrace(TRACE, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });
    expect(without.samples).toBe(1);
    expect(without.points[0]?.relative_quality).toBe(0.5);
  });

  it('leaves out a query with too few recorded samples and says why when none has enough', () => {
    const mixed = lines([...TRACE.map((l) => l.item), item('unsampled', RIGHT, true, undefined)]);
    const p = prepareReplay(mixed, [DRAFTER, VERIFIER], { ...PRICING, samples: 3 });
    expect(p.items.map((i) => i.id)).toEqual(['guessing', 'sure']);
    expect(p.excluded).toEqual([{ id: 'unsampled', line: 3, missing: [`2 samples of ${DRAFTER}`] }]);
    expect(() => prepareReplay(TRACE, [DRAFTER, VERIFIER], { ...PRICING, samples: 4 })).toThrow(ReplayInputError);
    expect(() => prepareReplay(TRACE, [DRAFTER, VERIFIER], { ...PRICING, samples: 4 })).toThrow('record them with `cascadeflow record --samples 4`');
    expect(() => prepareReplay(TRACE, [DRAFTER, VERIFIER], { ...PRICING, samples: 0 })).toThrow('--samples must be a whole number from 1 to 8');
  });
});
