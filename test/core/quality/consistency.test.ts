import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/core/quality/decide.ts';
import { consistencySignal } from '../../../shared/core/quality/signals/consistency.ts';
import { draft } from './fixtures/draft.ts';

const COWS = 'A farmer has 12 cows and buys 3 times as many sheep. How many animals does he have?';
const answer = (n: string) => `He buys 12 * 3 = 36 sheep, so he has 12 + 36 = 48 animals.\n#### ${n}`;

function check(text: string, samples: string[] | undefined, query = COWS) {
  return consistencySignal(draft(text, { query, ...(samples ? { samples } : {}) }));
}

describe('consistency signal', () => {
  it('does not apply without other samples', () => {
    expect(check(answer('48'), undefined)).toMatchObject({ applicable: false });
    expect(check(answer('48'), [])).toMatchObject({ applicable: false });
  });

  it('scores the share of samples that reach the same final number, however it is written', () => {
    const r = check(answer('48'), ['So 48 animals in all.', 'The answer is 48.00', 'He has $48', 'Total: 60']);
    expect(r).toMatchObject({ applicable: true, score: 0.75 });
    expect(r.reason).toBe("only 3 of 4 other samples reach the draft's answer 48; they say 60");
  });

  it('says when every sample agrees, and when none does', () => {
    expect(check(answer('1,300'), ['#### 1300', 'so the total is 1300'])).toMatchObject({ score: 1, reason: 'all 2 other samples reach the same answer (1300)' });
    expect(check(answer('48'), ['#### 48'])).toMatchObject({ score: 1, reason: 'the other sample reaches the same answer (48)' });
    expect(check(answer('36'), ['#### 48', '#### 60'])).toMatchObject({ score: 0, reason: "none of the 2 other samples reaches the draft's answer 36; they say 48, 60" });
  });

  it('counts a sample that reaches no answer as not agreeing', () => {
    expect(check(answer('48'), ['I am not sure how to solve this.', '#### 48'])).toMatchObject({ applicable: true, score: 0.5 });
  });

  it('compares the picked option of a multiple-choice question', () => {
    const q = 'Which planet is largest? Choose one:\nA) Mars\nB) Jupiter\nC) Venus\nD) Earth';
    expect(check('The answer is B.', ['B) Jupiter is the largest.', 'It is Jupiter.'], q)).toMatchObject({ score: 1 });
    expect(check('The answer is B.', ['The answer is C.', 'The answer is B.'], q)).toMatchObject({ score: 0.5 });
  });

  it('compares the closing verdict of a true/false question', () => {
    const q = 'Oranges cost more than apples. Bananas cost more than oranges. Bananas cost more than apples: is that true, false, or uncertain?';
    expect(check('If the first two are true, the third statement is true.', ['The third statement is true.', 'So the third statement is false.'], q)).toMatchObject({ applicable: true, score: 0.5 });
  });

  it('leaves free-text answers alone: two essays can differ in every word and both be right', () => {
    const q = 'Write a short poem about the sea.';
    expect(check('Waves roll in, grey and slow.', ['The tide comes home at night.'], q)).toMatchObject({ applicable: false, reason: 'free-text answers are not compared' });
  });

  it('compares the results of an arithmetic question asked outright: the samples were paid for', () => {
    expect(check('8 * 9 = 72.', ['8 times 9 is 72.', 'It is 81.'], 'What is 8 * 9?')).toMatchObject({ applicable: true, score: 0.5 });
    expect(check('72', ['72'], "What's 8 x 9?")).toMatchObject({ applicable: true, score: 1 });
    // A version number is not arithmetic: still free text.
    expect(check('It added pattern matching.', ['It added speedups.'], 'What is new in Python 3.11?')).toMatchObject({ applicable: false });
  });

  it('compares numbers an open question did not ask for only when the draft marks its answer', () => {
    const q = 'Solve 3x + 2 = 11.';
    expect(check('3x = 9, so x = 3.\nThe answer is 3', ['x = 3, the answer is 3', 'The answer is 4'], q)).toMatchObject({ applicable: true, score: 0.5 });
    expect(check('Subtract 2 and divide by 3: x = 3.', ['x = 4'], q)).toMatchObject({ applicable: false });
  });

  it('escalates a draft that half its samples contradict at the default threshold, not one that one in four does', () => {
    const split = validateDraft(draft(answer('48'), { query: COWS, samples: ['#### 48', '#### 60'] }), 0.7);
    expect(split.accepted).toBe(false);
    expect(split.explanation).toContain("only 1 of 2 other samples reaches the draft's answer 48; they say 60");
    const mostly = validateDraft(draft(answer('48'), { query: COWS, samples: ['#### 48', '#### 48', '#### 48', '#### 60'] }), 0.7);
    expect(mostly.accepted).toBe(true);
  });
});
