// A trace where some queries have no label for a tier (a ledger trace, a trace of two merged
// recordings): every figure is measured on the queries labelled for every tier, and the others
// are named. Cost and escalation counted over more queries than quality would credit a routing,
// and the oracle, with savings on queries whose quality nobody measured.
import { describe, expect, it } from 'vitest';
import { evaluateDrafters } from '../../../shared/core/replay/evaluate.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, LINES, PRICING, VERIFIER } from './fixtures.ts';

/** Two of the drafter's wrong answers lose their label (the fixture's other four keep theirs). */
const UNRATED = ['empty-draft', 'refusal'];
const PARTLY: TraceLine[] = LINES.map(({ line, item }) => {
  const own = item.responses[DRAFTER];
  if (!UNRATED.includes(item.id) || !own) return { line, item };
  const { correct: _dropped, ...unlabelled } = own;
  return { line, item: { ...item, responses: { ...item.responses, [DRAFTER]: unlabelled } } };
});
const LABELLED_ONLY = PARTLY.filter((l) => !UNRATED.includes(l.item.id));

const run = (lines: readonly TraceLine[]) => replayTrace(lines, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });

describe('a partly labelled trace', () => {
  it('is measured on its fully labelled queries alone, and names the others', async () => {
    const report = await run(PARTLY);
    expect(report.queries).toBe(4);
    expect(report.labelled).toBe(4);
    expect(report.unlabelled).toEqual({ count: 2, ids: UNRATED });
    // Left: wrong-arithmetic and cut-off-draft (only the verifier right), right-arithmetic and good-prose (both right).
    expect(report.baselines.always_drafter.quality).toBe(0.5);
    // The oracle escalates the two of four where the verifier is better. Counting the unlabelled
    // two as kept on the drafter, as before, read 2 of 6: a third of the escalation, and savings
    // on two queries whose quality nobody knew.
    expect(report.baselines.oracle).toMatchObject({ escalation_rate: 0.5, quality: 1, relative_quality: 1 });
    expect(report.baselines.oracle.answered_by).toEqual({ [DRAFTER]: 0.5, [VERIFIER]: 0.5 });
  });

  it('gives exactly the figures of the trace without those queries', async () => {
    const partly = await run(PARTLY);
    const without = await run(LABELLED_ONLY);
    expect(partly.points).toEqual(without.points);
    expect(partly.baselines).toEqual(without.baselines);
    expect(partly.at_target).toEqual(without.at_target);
    expect(partly.recommended).toEqual(without.recommended);
  });

  it('keeps every query when none is labelled: cost and escalation are still exact', async () => {
    const none = LINES.map(({ line, item }) => ({ line, item: { ...item, responses: Object.fromEntries(Object.entries(item.responses).map(([m, { correct: _c, ...r }]) => [m, r])) } }));
    const report = await run(none);
    expect(report.queries).toBe(6);
    expect(report.labelled).toBe(0);
    expect(report.unlabelled.count).toBe(0);
    expect(report.points[0]?.quality).toBeNull();
  });

  it('evaluate measures every drafter on the queries labelled for all of them', async () => {
    // A second drafter, labelled everywhere: the first drafter's unlabelled queries are left out for it too.
    const second = 'second-drafter';
    const lines = PARTLY.map(({ line, item }) => ({ line, item: { ...item, responses: { ...item.responses, [second]: { ...(item.responses[VERIFIER] ?? { text: '' }) } } } }));
    const report = await evaluateDrafters(lines, { ...PRICING, local: [DRAFTER, second], drafters: [DRAFTER, second], verifier: VERIFIER, threshold: 0.7 });
    expect(report.queries).toBe(4);
    expect(report.unlabelled).toEqual({ count: 2, ids: UNRATED });
    expect(report.drafters.map((d) => d.queries)).toEqual([4, 4]);
  });
});
