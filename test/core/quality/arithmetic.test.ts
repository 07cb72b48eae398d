import { describe, expect, it } from 'vitest';
import { arithmeticSignal } from '../../../shared/core/quality/signals/arithmetic.ts';
import { findCalculations } from '../../../shared/core/quality/text/calculations.ts';
import { draft } from './fixtures/draft.ts';

const judge = (answer: string) => arithmeticSignal(draft(answer));

describe('arithmetic signal', () => {
  it('hard-fails a GSM8K-style chain with exactly one wrong step and names it', () => {
    const answer = [
      'Janet starts with 16 eggs per day.',
      'She eats 3 for breakfast, so she has 16 - 3 = 13 eggs left.',
      'She sells 13 boxes of 4, so 13 x 4 = 56 eggs.',
      '#### 56',
    ].join('\n');
    const r = judge(answer);
    expect(r.applicable).toBe(true);
    expect(r.hardFail).toBe(true);
    expect(r.score).toBe(0);
    expect(r.reason).toBe("the draft's calculation 13 x 4 = 56 is wrong (13 x 4 = 52)");
  });

  it('passes a correct chain with calculator notes, dollars and thousands separators', () => {
    const answer = [
      'She has 16 - 3 - 4 = <<16-3-4=9>>9 eggs left.',
      'She sells them for 9 * $2 = $<<9*2=18>>18.',
      'The house is worth $80,000 + $50,000 = $130,000 after repairs and 150% of $50,000 = $75,000 more.',
      'A robe takes 2 + 2/2 = <<2+2/2=3>>3 bolts.',
      '#### 18',
    ].join('\n');
    const r = judge(answer);
    expect(r).toMatchObject({ applicable: true, score: 1 });
    expect(r.hardFail).toBeUndefined();
    expect(r.reason).toMatch(/^\d+ calculations checked, all right$/);
  });

  it('catches a wrong value in the middle of a chained note', () => {
    const r = judge('On Tuesday they delivered 425 / 5 + 17 = <<425/5+17=91+17=108>>108 letters.');
    expect(r.hardFail).toBe(true);
    expect(r.reason).toContain('425/5+17 = 91+17 is wrong (425/5+17 = 102)');
  });

  it('accepts a running total written as one chain', () => {
    expect(judge('She had 16 - 3 = 13 - 4 = 9 eggs.').score).toBe(1);
  });

  it('accepts results rounded or truncated to the shown precision, and rejects an off-by-one', () => {
    expect(judge('Each gets 10/3 = 3.33 cups, so 10 / 3 = 3 whole cups, and 2/3 = 0.67 of a cup.').score).toBe(1);
    expect(judge('That is 0.33 * 300 = 100 people, roughly.').score).toBe(1);
    expect(judge('Each row has 13 x 4 = 53 seats.').hardFail).toBe(true);
  });

  it('reads percentages both as fractions and as plain numbers', () => {
    expect(judge('20% of 50 = 10 and 50 * 20% = 10 and (12 / 20) x 100 = 60%.').score).toBe(1);
    expect(judge('With the discount she pays $80 - 25% = $60, plus tax: $60 + 10% = $66.').score).toBe(1);
    const wrong = judge('The share is (12 / 20) x 100 = 55%.');
    expect(wrong.hardFail).toBe(true);
    expect(wrong.reason).toContain('(12 / 20) x 100 = 60');
  });

  it('understands LaTeX, markdown bold and escaped asterisks', () => {
    expect(judge('So $\\frac{1}{2} \\times 8 = 4$ and **5 + 3 = 8** and 17 \\* 4 = 68.').score).toBe(1);
    expect(judge('So $\\frac{1}{2} \\times 8 = 5$.').hardFail).toBe(true);
  });

  it('continues a calculation on lines that start with "="', () => {
    const r = judge('Number of integers = (4 - (-14) - 1)\n                  = (4 + 14 + 1)\n                  = 19');
    expect(r.hardFail).toBe(true);
    expect(r.reason).toContain('(4 - (-14) - 1) = 17');
  });

  it.each([
    ['dates', 'The meeting on 2023-10-05 moved to 2023-10-12; see 10/05/2023.'],
    ['versions', 'Upgrade from 3.11.2 = the old release to 3.12.0.'],
    ['phone numbers', 'Call 555-123-4567 or +1 (555) 123-4567.'],
    ['algebra', 'If x + 3 = 5 then x = 2, and 3R + 5R + 10 = 4R + 10 gives 4R = 32.'],
    ['words for numbers', 'Note that 1 = one and 2 = two.'],
    ['units glued to numbers', 'We need 180m = 180 metres, and 2x + 3 = 7.'],
    ['other number systems', 'In binary, 1 + 1 = 10.'],
    ['questions', 'Is 2 + 2 = 5? No.'],
    ['disowned claims', 'The claim 13 x 4 = 56 is wrong.'],
    ['scale words', '3,000,000 / 2 = 1.5 million people.'],
    ['function notation', 'f(2) = 2^2 + 3 = 7.'],
    ['ranges and ratios', 'Between 5-10 people, a ratio of 3:4 = 0.75.'],
  ])('does not flag %s', (_label, answer) => {
    const r = judge(answer);
    expect(r.hardFail).toBeUndefined();
    expect(r.score).toBe(1);
  });

  it('is not applicable when the draft shows no calculation', () => {
    expect(judge('Paris is the capital of France.')).toMatchObject({ applicable: false, score: 1 });
  });

  it('ignores code blocks, where = is assignment', () => {
    expect(judge('Use this:\n```python\nx = 2 + 2\ny = 5\n```').applicable).toBe(false);
  });
});

describe('findCalculations', () => {
  it('reports each comparison with what the computed side really equals', () => {
    const calcs = findCalculations('Tickets cost 3 x $12 = $36 and 36 + 4 = 41.');
    expect(calcs.map((c) => [c.text, c.correct, c.expected])).toEqual([
      ['3 x $12 = $36', true, 36],
      ['36 + 4 = 41', false, 40],
    ]);
  });

  it('evaluates mixed numbers, powers and implicit multiplication', () => {
    const calcs = findCalculations('So 22 + 2/3 = 22 2/3, 2^10 = 1024, 5² = 25 and 2(3 + 4) = 14.');
    expect(calcs.every((c) => c.correct)).toBe(true);
    expect(calcs).toHaveLength(4);
  });
});
