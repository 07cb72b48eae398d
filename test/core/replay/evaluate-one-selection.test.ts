// evaluate selects its queries once, over every drafter and the verifier, and measures each
// drafter on exactly that selection: a drafter's own pass must not trim it again to the queries
// its own answers happen to be labelled on.
import { describe, expect, it } from 'vitest';
import { evaluateDrafters } from '../../../shared/core/replay/evaluate.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, LINES, PRICING, VERIFIER } from './fixtures.ts';

const UNRATED_DRAFTER = 'unrated-mini';
/** The fixture's drafter loses its label on these two (its four others and the verifier's six keep theirs). */
const UNRATED = ['empty-draft', 'refusal'];

/**
 * Drafter a (the fixture's) labelled on four of six queries; drafter b, the same answers with no
 * label at all. No query is labelled for a, b and the verifier, so evaluate keeps all six.
 */
const A_AND_B: TraceLine[] = LINES.map(({ line, item }) => {
  const own = item.responses[DRAFTER];
  if (!own) return { line, item };
  const { correct: _dropped, ...unlabelled } = own;
  return { line, item: { ...item, responses: { ...item.responses, [DRAFTER]: UNRATED.includes(item.id) ? unlabelled : own, [UNRATED_DRAFTER]: unlabelled } } };
});

const options = (drafters: string[]) => ({ ...PRICING, local: [DRAFTER, UNRATED_DRAFTER], drafters, verifier: VERIFIER, threshold: 0.7 });

describe('evaluate measures every drafter on the one selection of queries', () => {
  it('keeps all six queries for both drafters, with the figures of the six', async () => {
    const report = await evaluateDrafters(A_AND_B, options([DRAFTER, UNRATED_DRAFTER]));
    // Cost and escalation do not depend on labels: those of the plain two-tier replay of the six.
    const six = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });
    const point = six.points[0];
    expect(report.queries).toBe(6);
    expect(report.unlabelled).toEqual({ count: 0, ids: [] });
    expect(report.drafters.map((d) => d.queries)).toEqual([6, 6]);
    // b's answers are a's: the same acceptance and cost, on the same queries.
    for (const d of report.drafters) {
      expect(d.acceptance_rate).toBe(1 - (point?.escalation_rate ?? NaN));
      expect(d.cost_usd).toBe(point?.cost_usd);
    }
    expect(report.verifier_cost_usd).toBe(six.baselines.always_verifier.cost_usd);
    // a's quality is averaged over the four queries it is labelled on (right on two); b has none.
    expect(report.drafters.map((d) => d.drafter_quality)).toEqual([0.5, null]);
    // No query is labelled for every model: the verifier's quality on these six is not one figure.
    expect(report.verifier_quality).toBeNull();
  });

  it('gives the same verifier figures whatever the order of --drafters', async () => {
    const one = await evaluateDrafters(A_AND_B, options([DRAFTER, UNRATED_DRAFTER]));
    const other = await evaluateDrafters(A_AND_B, options([UNRATED_DRAFTER, DRAFTER]));
    expect(other.verifier_cost_usd).toBe(one.verifier_cost_usd);
    expect(other.verifier_quality).toBe(one.verifier_quality);
  });

  it('counts its progress to queries x drafters, each pass replaying the whole selection', async () => {
    const seen: [number, number][] = [];
    await evaluateDrafters(A_AND_B, { ...options([DRAFTER, UNRATED_DRAFTER]), onProgress: (done, total) => void seen.push([done, total]) });
    const total = 2 * LINES.length;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });
});
