import { describe, expect, it } from 'vitest';
import { finalAnswerSignal } from '../../../shared/core/quality/signals/final-answer.ts';
import { draft } from './fixtures/draft.ts';

const Q = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest for $2 each. How much does she make every day?";

describe('final answer signal', () => {
  it('is not applicable to questions that do not ask for a number or a choice', () => {
    expect(finalAnswerSignal(draft('A haiku about rain.', { query: 'Write a haiku about rain.' })).applicable).toBe(false);
  });

  it('leaves a bare calculation to the arithmetic check, and says so rather than "no number asked"', () => {
    expect(finalAnswerSignal(draft('17 * 23 = 391', { query: 'What is 17 * 23?' }))).toMatchObject({
      applicable: false,
      reason: 'the question is a bare calculation, which the arithmetic check re-does',
    });
    expect(finalAnswerSignal(draft('A haiku about rain.', { query: 'Write a haiku about rain.' })).reason).toBe('the question does not ask for a number or a choice');
  });

  it('passes a GSM8K-style answer whose final line follows from its working', () => {
    const r = finalAnswerSignal(draft('16 - 3 - 4 = 9 eggs are left.\n9 * 2 = 18\n#### 18', { query: Q }));
    expect(r).toMatchObject({ applicable: true, score: 1, reason: 'the draft states a final answer (18)' });
  });

  it('passes a prose conclusion without a marker', () => {
    const r = finalAnswerSignal(draft('She uses 3 + 4 = 7 eggs, so 16 - 7 = 9 remain.\nShe makes 9 * $2 = $18 every day.', { query: Q }));
    expect(r.score).toBe(1);
  });

  it('lowers the score when the question asks for a number and the draft gives none', () => {
    const r = finalAnswerSignal(draft('She makes a good profit from the remaining eggs.', { query: Q }));
    expect(r).toMatchObject({ score: 0.2, reason: 'the question asks for a number but the draft gives none' });
  });

  it('flags an explicit final answer that appears nowhere in the working', () => {
    const r = finalAnswerSignal(draft('16 - 3 - 4 = 9 eggs are left.\n9 * 2 = 18\n#### 30', { query: Q }));
    expect(r.reason).toContain("the final answer 30 does not follow from the draft's working");
    expect(r.score).toBeLessThan(0.5);
  });

  it('flags a count of things that is not a whole number', () => {
    const q = 'Poppy has a 1000-piece puzzle. She places a quarter of the pieces, then her mom places a third of the remaining pieces. How many pieces are left to be placed?';
    const r = finalAnswerSignal(draft('1000 / 4 = 250\n250 / 3 = 83.33\n1000 - 333.33 = 666.67\n#### 666.67', { query: q }));
    expect(r.reason).toContain('the question asks how many pieces, but the draft\'s answer 666.67 is not a whole number');
    expect(r.score).toBeLessThanOrEqual(0.15);
  });

  it('accepts fractional answers for rates and continuous units', () => {
    const q = 'James runs 12 miles a day for 5 days a week at 10 miles an hour. How many hours does he run a week?';
    expect(finalAnswerSignal(draft('12 * 5 = 60 miles.\n60 / 10 = 6 hours.\n#### 6', { query: q })).score).toBe(1);
    const q2 = 'A 5 foot board is cut into 2 equal parts. How many feet long is each part?';
    expect(finalAnswerSignal(draft('5 / 2 = 2.5\n#### 2.5', { query: q2 })).score).toBe(1);
  });

  it('flags working that never uses a quantity the question gives', () => {
    const q = 'Her final concert is twice as long as usual, plus a 15-minute encore. If it runs 65 minutes, how long is a usual concert?';
    const r = finalAnswerSignal(draft("Her usual concerts run for 65 / 2 = 32.5 minutes.\n#### 32.5", { query: q }));
    expect(r.reason).toContain("the working never uses the question's 15");
    expect(r.score).toBeLessThanOrEqual(0.6);
  });

  it('doubts a step rounded to a whole number without a word about rounding', () => {
    const q = 'Together Lily, David, and Bodhi collected 43 insects. Lily found 7 more than David. David found half of what Bodhi found. How many insects did Lily find?';
    const r = finalAnswerSignal(draft('David found 43 / (1 + 1 + 7/2) = <<43 / (1 + 1 + 7/2)=8>>8 insects.\nLily found 8 + 7 = <<8+7=15>>15 insects.\n#### 15', { query: q }));
    expect(r.reason).toContain('the working rounds 43 / (1 + 1 + 7/2) = 7.8182 to 8 without saying so');
    expect(r.score).toBeLessThanOrEqual(0.6);
  });

  it('accepts a whole-number step the draft or the question says is rounded', () => {
    const q = 'A bus holds 40 people. How many buses are needed for 130 people?';
    expect(finalAnswerSignal(draft('130 / 40 = 3.25, so rounding up, 4 buses are needed.\n#### 4', { query: q })).score).toBe(1);
    expect(finalAnswerSignal(draft('130 / 40 = 4 buses, since we need whole buses.\n#### 4', { query: q })).score).toBe(1);
    const rounded = 'A bag of 7 apples is shared by 3 children. How many apples does each get, to the nearest whole apple?';
    expect(finalAnswerSignal(draft('7 / 3 = 2 apples each.\n#### 2', { query: rounded })).score).toBe(1);
  });

  it('flags a draft that argues with its own result', () => {
    const q = 'A robe takes 2 bolts of blue fiber and 3 bolts of white fiber per 2 robes. How many bolts does one robe take?';
    const r = finalAnswerSignal(draft('2 + 3/2 = 3.5 bolts. However, since you can\'t have half a bolt, it takes 4 bolts.\n#### 4', { query: q }));
    expect(r.reason).toContain("the draft argues with its own result ('can't have half a bolt");
  });

  it('flags a negative answer to a how-much question', () => {
    const q = 'He lost $5, then won $11, then lost $16.50. How much did he lose on average?';
    expect(finalAnswerSignal(draft('5 - 11 + 16.5 = 10.5\n10.5 / 3 = 3.5\n#### -3.5', { query: q })).reason).toContain('negative number');
  });

  it('checks that a multiple-choice answer picks an option, by letter or by text', () => {
    const q = 'Which of the following is a prime number?\nA) 21\nB) 27\nC) 29\nD) 33';
    expect(finalAnswerSignal(draft('The answer is C, since 29 has no divisors.', { query: q })).score).toBe(1);
    expect(finalAnswerSignal(draft('Only 29 is prime, so it is the one.', { query: q })).score).toBe(1);
    const none = finalAnswerSignal(draft('Prime numbers have exactly two divisors.', { query: q }));
    expect(none).toMatchObject({ score: 0.35, reason: 'the question lists choices (A, B, C, D) but the draft does not pick one' });
  });

  it('treats lettered data lists as data, not choices', () => {
    const q = 'Identify the company with the highest profit:\na) Company X made $3 billion\nb) Company Y made $6 billion\nc) Company Z made $7 billion';
    expect(finalAnswerSignal(draft('Company Z, with $7 billion.', { query: q })).applicable).toBe(false);
  });

  it('counts "no" and "none" as an answer to how many', () => {
    const q = 'David has three sisters. Each of them has one brother. How many brothers does David have?';
    expect(finalAnswerSignal(draft('David has no brothers: he is the brother.', { query: q })).score).toBe(1);
  });

  describe('true/false and yes/no questions', () => {
    const FRUIT = 'Each statement below is about fruit prices. 1. Oranges cost more than apples. 2. Oranges cost less than bananas. 3. Bananas cost more than apples and bananas cost more than oranges. If the third statement is true, is the first statement true, false, or uncertain? Please explain.';

    it('marks a draft that opens with one verdict and concludes the other', () => {
      const answer = 'If the third statement is true, then it is certain that the first statement is true. Bananas cost more than both, so oranges may cost less than apples. Therefore, the first statement is false.';
      expect(finalAnswerSignal(draft(answer, { query: FRUIT }))).toMatchObject({ applicable: true, score: 0.2, reason: 'the draft first says true, then concludes false' });
    });

    it('passes one verdict held throughout, and does not take the premise for a verdict', () => {
      const answer = 'If the third statement is true, the first statement is uncertain. Bananas cost more than apples and oranges, but that says nothing about oranges versus apples. So the first statement is uncertain.';
      expect(finalAnswerSignal(draft(answer, { query: FRUIT }))).toMatchObject({ applicable: true, score: 1 });
    });

    it('reads a leading yes or no as the verdict', () => {
      const q = 'Can a penguin fly? Answer yes or no and explain.';
      expect(finalAnswerSignal(draft('Yes, penguins can fly. Their wings are flippers, so the claim that they fly is false.', { query: q })).score).toBe(0.2);
      expect(finalAnswerSignal(draft('No. Penguins cannot fly; their wings are flippers for swimming.', { query: q })).score).toBe(1);
    });
  });
});
