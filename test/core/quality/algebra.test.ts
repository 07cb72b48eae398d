import { describe, expect, it } from 'vitest';
import { arithmeticSignal } from '../../../shared/core/quality/signals/arithmetic.ts';
import { algebraStatements, parseAlgebra, sameExpression, wrongAlgebraSteps } from '../../../shared/core/quality/text/algebra.ts';
import { draft } from './fixtures/draft.ts';

// The end of a real Mixtral answer from the MT-Bench recordings (judged 3/10): y/2 - 2y + y is -y/2.
const SLIP = ['Substituting z = y/2, we get:', '', 'z - x = y/2 - (4(y/2) - y)', '', 'Simplifying, we get:', '', 'z - x = y/2 - 2y + y', '', 'Combining terms, we get:', '', 'z - x = -3y/2'].join('\n');
const QUESTION = 'x+y = 4z, x*y = 4z^2, express z-x in y';

function same(a: string, b: string, vars: string[]): boolean | null {
  const x = parseAlgebra(a);
  const y = parseAlgebra(b);
  if (!x || !y) throw new Error(`did not parse: ${a} / ${b}`);
  return sameExpression(x, y, vars);
}

describe('symbolic steps', () => {
  it('tells equal expressions from different ones, implicit products and powers included', () => {
    expect(same('y/2 - 2y + y', '-y/2', ['y'])).toBe(true);
    expect(same('y/2 - 2y + y', '-3y/2', ['y'])).toBe(false);
    expect(same('(x - y)^2', 'x^2 - 2xy + y^2', ['x', 'y'])).toBe(true);
    expect(same('4(y/2) - y', 'y', ['y'])).toBe(true);
    expect(same('(x + 1)(x - 2)', 'x^2 - x - 2', ['x'])).toBe(true);
  });

  it('reads LaTeX the way drafts write it', () => {
    const [s] = algebraStatements('\\( (x - y)^2 = \\frac{x^2 + y^2}{1} - 2 \\cdot x y \\)');
    expect(s?.lhs).toBe('(x-y)^2');
    expect(s && sameExpression(s.rhs, parseAlgebra('x^2 - 2xy + y^2') as NonNullable<ReturnType<typeof parseAlgebra>>, ['x', 'y'])).toBe(true);
  });

  it('reads only pure algebra: prose, long words and English short words are not variables', () => {
    expect(algebraStatements('Total money earned = 38 * 2')).toEqual([]);
    expect(algebraStatements('So we get x = 3')).toEqual([]);
    expect(algebraStatements('The cost is x = 2y + 1').map((s) => s.lhs)).toEqual([]);
    expect(algebraStatements('Rearranging: x = 2y + 1').map((s) => s.lhs)).toEqual(['x']);
  });

  it('finds the wrong simplification in a real draft and names both lines', () => {
    const steps = wrongAlgebraSteps(SLIP, QUESTION);
    expect(steps.map((s) => [s.before.line, s.after.line])).toEqual([['z - x = y/2 - 2y + y', 'z - x = -3y/2']]);
    const r = arithmeticSignal(draft(SLIP, { query: QUESTION }));
    expect(r).toMatchObject({ applicable: true, score: 0, hardFail: true });
    expect(r.reason).toBe('the draft\'s step from "z - x = y/2 - 2y + y" to "z - x = -3y/2" is wrong: the two expressions differ');
  });

  it('passes the same derivation done right', () => {
    const right = SLIP.replace('z - x = -3y/2', 'z - x = -y/2');
    expect(wrongAlgebraSteps(right, QUESTION)).toEqual([]);
    expect(arithmeticSignal(draft(right, { query: QUESTION })).hardFail).toBeUndefined();
  });

  it('does not take the two lines of a system for a step', () => {
    const system = 'The lines are:\ny = 2x + 3\nand\ny = 5 - x\nSo 2x + 3 = 5 - x, and x = 2/3.';
    expect(wrongAlgebraSteps(system, 'Where do the lines y = 2x + 3 and y = 5 - x meet?')).toEqual([]);
    // Even when the question does not give them, without a rewrite cue they are two statements.
    expect(wrongAlgebraSteps('Line one:\ny = 2x + 3\nLine two:\ny = 5 - x', 'Two lines cross. Where?')).toEqual([]);
  });

  it('skips a substitution: a step that changes the variables is not a rewrite', () => {
    expect(wrongAlgebraSteps('z - x = y/2 - (4z - y)\nSubstituting, we get:\nz - x = y/2 - (4(y/2) - y)', QUESTION)).toEqual([]);
  });

  it('allows for rounding when a side is written with decimals', () => {
    expect(wrongAlgebraSteps('y = x/3 + 1\nSo:\ny = 0.333x + 1', 'Rewrite it.')).toEqual([]);
  });
});
