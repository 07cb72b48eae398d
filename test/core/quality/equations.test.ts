// Solving an equation in one unknown: each line of the derivation must keep the solution.
// The wrong derivations are real Mixtral answers from the bundled GSM8K recordings.
import { describe, expect, it } from 'vitest';
import { arithmeticSignal } from '../../../shared/core/quality/signals/arithmetic.ts';
import { wrongEquationSteps } from '../../../shared/core/quality/text/equations.ts';
import { draft } from './fixtures/draft.ts';

const BEES_QUESTION = 'There are 700 bees in a hive. There are twice as many worker bees as baby bees, and there are twice as many babies as queens. How many worker bees are there?';
// Q + 2Q + 4Q is 7Q, not 5Q: Q = 100, and the draft's 560 workers should be 400.
const BEES = ['Now, we can substitute equations (1) and (2) into equation (3):', '', 'Q + 2Q + 2(2Q) = 700', '', 'Combining the terms on the left side, we get:', '', '5Q = 700', '', 'Q = 700 / 5', 'Q = 140'].join('\n');

const steps = (text: string, question = 'Solve it.') => wrongEquationSteps(text, question).map((s) => [s.before.line, s.after.line]);

describe('equation steps', () => {
  it('finds the step that changes the solution and names both lines and both roots', () => {
    expect(steps(BEES, BEES_QUESTION)).toEqual([['Q + 2Q + 2(2Q) = 700', '5Q = 700']]);
    const r = arithmeticSignal(draft(BEES, { query: BEES_QUESTION }));
    expect(r).toMatchObject({ applicable: true, score: 0, hardFail: true });
    expect(r.reason).toBe('the draft\'s step from "Q + 2Q + 2(2Q) = 700" (Q = 100) to "5Q = 700" (Q = 140) changes the solution');
  });

  it('passes the same derivation done right', () => {
    const right = BEES.replace('5Q = 700', '7Q = 700').replace('Q = 700 / 5', 'Q = 700 / 7').replace('Q = 140', 'Q = 100');
    expect(steps(right, BEES_QUESTION)).toEqual([]);
    expect(arithmeticSignal(draft(right, { query: BEES_QUESTION })).hardFail).toBeUndefined();
  });

  it('catches slips when multiplying out, cross-multiplying and dropping a term', () => {
    expect(steps('x + 4 + x + x/2 = 19\n2x + 8 + x = 38')).toHaveLength(1); // 2x + 8 + 2x + x
    expect(steps('1/3 = x / 45\n3 * 45 = 1 * x')).toHaveLength(1); // x = 15, not 135
    expect(steps('(F - 12 + 25) + (F - 12) + F = 85\n3F - 3 = 85')).toHaveLength(1); // 3F + 1
    expect(steps('x + 4 + x + x/2 = 19\n2x + 8 + 2x + x = 38\n5x = 30\nx = 6')).toEqual([]);
  });

  it('does not compare across a solved line, a new definition or a check', () => {
    // "W = 20/3" ends one derivation; the next equation starts another (a real GPT-4 answer).
    expect(steps('3W = 20\nW = 20 / 3\n4 + W + 3 + (2W + 5) = 24')).toEqual([]);
    expect(steps('x + 2 = 5\nLet x be the pears now:\n2x = 10')).toEqual([]);
    expect(steps('2x + 3 = 11\nTo check, plug x back in:\n2x = 9')).toEqual([]);
  });

  it('reads only lines linear in one unknown, and allows for rounded decimals', () => {
    expect(steps('x^2 = 9\nx = 3')).toEqual([]); // not linear: two roots
    expect(steps('x + y = 10\n2x = 10')).toEqual([]); // two unknowns
    expect(steps('x/3 + 1 = 2\n0.333x = 1')).toEqual([]);
    expect(steps('x/3 + 1 = 2\n0.3x = 1')).toHaveLength(1);
  });

  it('does not take equations the question gives for the draft\'s steps', () => {
    const q = 'Solve 2x + 3 = 7 and then 3x - 1 = 11.';
    expect(steps('2x + 3 = 7\n3x - 1 = 11', q)).toEqual([]);
  });
});
