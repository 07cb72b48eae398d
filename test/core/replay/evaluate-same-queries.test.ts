// evaluate ranks drafters against each other: they must be measured on the same queries, or a
// drafter that was never recorded on the hard ones looks best.
import { describe, expect, it } from 'vitest';
import { evaluateDrafters } from '../../../shared/core/replay/evaluate.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, LINES, PRICING, VERIFIER } from './fixtures.ts';

const GAPPY = 'gappy-mini';
const EASY = ['right-arithmetic', 'good-prose'];

/** The fixture trace with a second drafter recorded only on the two easy queries (right both times). */
const WITH_GAPS: TraceLine[] = LINES.map(({ line, item }) => {
  const own = item.responses[DRAFTER];
  if (!EASY.includes(item.id) || !own) return { line, item };
  return { line, item: { ...item, responses: { ...item.responses, [GAPPY]: { ...own, correct: true } } } };
});

const options = (drafters: string[]) => ({ ...PRICING, local: [DRAFTER, GAPPY], drafters, verifier: VERIFIER, threshold: 0.7 });

describe('evaluate measures every drafter on the same queries', () => {
  it('leaves out the queries a drafter has no answer for, for every drafter, and says which', async () => {
    const report = await evaluateDrafters(WITH_GAPS, options([DRAFTER, GAPPY]));
    expect(report.queries).toBe(2);
    expect(report.drafters.map((d) => d.queries)).toEqual([2, 2]);
    expect(report.excluded).toEqual({ count: LINES.length - 2, ids: LINES.map((l) => l.item.id).filter((id) => !EASY.includes(id)) });
    // On the easy queries the fixture's drafter is right too: no reason to rank it below.
    expect(report.drafters.map((d) => d.drafter_quality)).toEqual([1, 1]);
  });

  it('gives the same verifier baseline whatever the order of --drafters', async () => {
    const one = await evaluateDrafters(WITH_GAPS, options([DRAFTER, GAPPY]));
    const other = await evaluateDrafters(WITH_GAPS, options([GAPPY, DRAFTER]));
    expect(other.verifier_cost_usd).toBe(one.verifier_cost_usd);
    expect(other.verifier_quality).toBe(one.verifier_quality);
    expect(other.drafters.find((d) => d.drafter === DRAFTER)?.cost_usd).toBe(one.drafters.find((d) => d.drafter === DRAFTER)?.cost_usd);
  });

  it('refuses a drafter listed twice, naming it', async () => {
    await expect(evaluateDrafters(LINES, options([DRAFTER, DRAFTER]))).rejects.toThrow(`--drafters lists "${DRAFTER}" twice`);
  });

  it('counts its progress over every drafter\'s pass, to the end, without starting again at 0', async () => {
    const seen: [number, number][] = [];
    const twice: TraceLine[] = LINES.map(({ line, item }) => ({ line, item: { ...item, responses: { ...item.responses, [GAPPY]: item.responses[DRAFTER] ?? { text: '' } } } }));
    await evaluateDrafters(twice, { ...options([DRAFTER, GAPPY]), onProgress: (done, total) => void seen.push([done, total]) });
    const total = 2 * LINES.length;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });
});
