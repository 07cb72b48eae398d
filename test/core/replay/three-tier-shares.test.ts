// A three-tier cascade: escalation_rate folds the middle tier into the top; answered_by says
// what share of the queries each tier's answer was kept for.
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, LINES, PRICING, VERIFIER } from './fixtures.ts';

const MIDDLE = 'middle-model';
/** The middle tier answers these as the verifier does (the validator accepts them); the others as the drafter failed. */
const MIDDLE_GOOD = ['wrong-arithmetic', 'cut-off-draft', 'right-arithmetic', 'good-prose'];

const THREE: TraceLine[] = LINES.map(({ line, item }) => {
  const source = MIDDLE_GOOD.includes(item.id) ? item.responses[VERIFIER] : item.responses[DRAFTER];
  if (!source) throw new Error('fixture');
  return { line, item: { ...item, responses: { ...item.responses, [MIDDLE]: { ...source, cost_usd: 0.0001 } } } };
});

describe('three tiers', () => {
  it('reports the share answered by each tier, the middle one included', async () => {
    const report = await replayTrace(THREE, { ...PRICING, tiers: [DRAFTER, MIDDLE, VERIFIER], thresholds: [0.7] });
    const [point] = report.points;
    // The drafter keeps right-arithmetic and good-prose; the middle tier wrong-arithmetic and
    // cut-off-draft; empty-draft and refusal fail at both and reach the verifier.
    expect(point?.answered_by).toEqual({ [DRAFTER]: 2 / 6, [MIDDLE]: 2 / 6, [VERIFIER]: 2 / 6 });
    expect(Object.keys(point?.answered_by ?? {})).toEqual([DRAFTER, MIDDLE, VERIFIER]);
    expect(point?.escalation_rate).toBeCloseTo(4 / 6, 12);
    expect(report.baselines.always_drafter.answered_by).toEqual({ [DRAFTER]: 1, [MIDDLE]: 0, [VERIFIER]: 0 });
    expect(report.baselines.always_verifier.answered_by).toEqual({ [DRAFTER]: 0, [MIDDLE]: 0, [VERIFIER]: 1 });
    // Random routing keeps the same share at each tier.
    expect(report.baselines.random[0]?.answered_by).toEqual(point?.answered_by);
    // The oracle: the middle tier is right on the two the drafter got wrong, the verifier on the other two.
    expect(report.baselines.oracle.answered_by).toEqual({ [DRAFTER]: 2 / 6, [MIDDLE]: 2 / 6, [VERIFIER]: 2 / 6 });
  });
});
