// evaluate's from_ledger describes the queries every drafter was measured on: how many come from
// the ledger and how the answers of every drafter and the verifier there are labelled, the same
// whichever drafter's pass ran last.
import { describe, expect, it } from 'vitest';
import { evaluateDrafters } from '../../../shared/core/replay/evaluate.ts';
import { LEDGER_BIAS_NOTE } from '../../../shared/core/replay/importers/ledger.ts';
import { LEDGER_SOURCE, type RecordedResponse, type TraceLine } from '../../../shared/core/replay/trace.ts';
import { PRICING, VERIFIER } from './fixtures.ts';

const A = 'drafter-a';
const B = 'drafter-b';
const usage = { input_tokens: 30, output_tokens: 20 };
const rated = (text: string, correct: boolean): RecordedResponse => ({ text, correct, label_source: 'feedback', usage });
const agreeing = (text: string, agrees: boolean): RecordedResponse => ({ text, agrees_with_top: agrees, label_source: 'agreement', usage });

/**
 * Two ledger queries and one from a benchmark (never counted in from_ledger). On the ledger ones,
 * a's answers are labelled by a rating and by agreement, b's both by agreement, the verifier's by
 * agreement and by a rating: 2 ratings and 4 agreements over the three models. A pass of b alone
 * (b and the verifier) sees 1 and 3; a pass of a alone, 2 and 2.
 */
const LINES: TraceLine[] = [
  {
    line: 1,
    item: {
      id: 'ledger-1',
      source: LEDGER_SOURCE,
      messages: [{ role: 'user', content: 'What is 6 * 7?' }],
      category: 'math',
      responses: { [A]: rated('6 * 7 = 42.\n#### 42', true), [B]: agreeing('6 * 7 = 41.\n#### 41', false), [VERIFIER]: agreeing('It is 42.\n#### 42', true) },
    },
  },
  {
    line: 2,
    item: {
      id: 'ledger-2',
      source: LEDGER_SOURCE,
      messages: [{ role: 'user', content: 'What is 8 * 9?' }],
      category: 'math',
      responses: { [A]: agreeing('8 * 9 = 72.\n#### 72', true), [B]: agreeing('8 * 9 = 72.\n#### 72', true), [VERIFIER]: rated('It is 72.\n#### 72', true) },
    },
  },
  {
    line: 3,
    item: {
      id: 'bench-1',
      messages: [{ role: 'user', content: 'What is 2 * 5?' }],
      category: 'math',
      responses: { [A]: { text: '#### 10', correct: true, usage }, [B]: { text: '#### 10', correct: true, usage }, [VERIFIER]: { text: '#### 10', correct: true, usage } },
    },
  },
];

const options = (drafters: string[]) => ({ ...PRICING, local: [A, B], drafters, verifier: VERIFIER, threshold: 0.7 });

describe("evaluate's from_ledger", () => {
  it('counts the labels of every drafter and the verifier on the selected queries, whatever the order of --drafters', async () => {
    const expected = { queries: 2, labels: { feedback: 2, agreement: 4 }, note: LEDGER_BIAS_NOTE };
    const ab = await evaluateDrafters(LINES, options([A, B]));
    expect(ab.queries).toBe(3);
    expect(ab.from_ledger).toEqual(expected);
    expect((await evaluateDrafters(LINES, options([B, A]))).from_ledger).toEqual(expected);
  });

  it('counts only the selected queries: one set aside for a missing answer is not in it', async () => {
    const missing = LINES.map((l) => (l.item.id === 'ledger-2' ? { ...l, item: { ...l.item, responses: { [A]: l.item.responses[A] as RecordedResponse, [VERIFIER]: l.item.responses[VERIFIER] as RecordedResponse } } } : l));
    const r = await evaluateDrafters(missing, options([A, B]));
    expect(r.excluded).toEqual({ count: 1, ids: ['ledger-2'] });
    expect(r.from_ledger).toEqual({ queries: 1, labels: { feedback: 1, agreement: 2 }, note: LEDGER_BIAS_NOTE });
  });

  it('is null for a trace with no ledger query', async () => {
    const bench = LINES.filter((l) => l.item.source === undefined);
    expect((await evaluateDrafters(bench, options([A, B]))).from_ledger).toBeNull();
  });
});
