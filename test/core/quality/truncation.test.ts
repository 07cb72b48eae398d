import { describe, expect, it } from 'vitest';
import { truncationSignal } from '../../../shared/core/quality/signals/truncation.ts';
import { draft } from './fixtures/draft.ts';

describe('truncation signal', () => {
  it('hard-fails a draft cut off at the token limit', () => {
    const r = truncationSignal(draft('The first step is to', { finishReason: 'length' }));
    expect(r).toEqual({ name: 'truncation', applicable: true, score: 0, hardFail: true, reason: 'the draft was cut off at the token limit' });
  });

  it('hard-fails content-filtered and cancelled drafts', () => {
    expect(truncationSignal(draft('Well', { finishReason: 'content_filter' })).hardFail).toBe(true);
    expect(truncationSignal(draft('Well', { finishReason: 'cancelled' })).hardFail).toBe(true);
  });

  it('hard-fails a "stopped" draft that ends inside a calculation note', () => {
    const r = truncationSignal(draft('Toula bought 3 x 12 = <<3*12=36>>36 donuts, which cost 36 * 68/12 = $<<36*68/1'));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toBe("the draft stops inside a calculation ('<<36*68/1')");
  });

  it('hard-fails a draft that ends on an operator or inside a number', () => {
    expect(truncationSignal(draft('In total that is 15 + 25 =')).hardFail).toBe(true);
    expect(truncationSignal(draft("The value is 80,000 + 50,000 = $130,00")).reason).toContain('stops in the middle of a number');
  });

  it('hard-fails a draft whose last number stops inside the result of the calculator note before it', () => {
    const r = truncationSignal(draft('The number doubled at the third station. So, 90 (from the second stop) * 2 = <<90*2=180>>1'));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toContain('stops in the middle of a number');
    expect(truncationSignal(draft('So, 90 * 2 = <<90*2=180>>180')).score).toBe(1);
  });

  it('lowers the score of a line of working left open at a comma', () => {
    const r = truncationSignal(draft('Bob washes 15 pieces of laundry per room.\nIn each room, Bob washes 2 sheets,'));
    expect(r).toMatchObject({ score: 0.25, reason: "the draft stops mid-sentence ('…In each room, Bob washes 2 sheets,')" });
    expect(truncationSignal(draft('Thank you for your time and consideration,\nJane')).score).toBe(1);
    expect(truncationSignal(draft('I look forward to hearing from you soon,')).score).toBe(1);
  });

  it('lowers the score of a draft that stops mid-sentence or promises what it never gives', () => {
    const mid = truncationSignal(draft('The function handles the base cases and then, for every other value of n, it sums the products from 1 to'));
    expect(mid).toMatchObject({ score: 0.25 });
    expect(mid.hardFail).toBeFalsy();
    const colon = truncationSignal(draft("If the tree is not binary, use a depth-first search.\n\nHere's a Python function that implements this approach:"));
    expect(colon.reason).toContain('announcing something it never gives');
  });

  it('lowers the score of a list whose last item stops on an article, a conjunction or a possessive', () => {
    for (const answer of ['1. Boil water 2. Put the', 'Steps:\n1. Boil water\n2. Put the', '- Preheat the oven\n- Mix flour and', '* Check your']) {
      expect(truncationSignal(draft(answer)), answer).toMatchObject({ score: 0.25, reason: expect.stringContaining('stops mid-sentence') as unknown });
    }
    // Whole items: a phrasal verb, a capital letter naming a thing, a single word.
    for (const answer of ['- Log in\n- Sign up', '1. Choose Plan A', '- Vitamin A', '- Turn it on', '- and', '2. Pick one or the other']) {
      expect(truncationSignal(draft(answer)), answer).toMatchObject({ score: 1 });
    }
  });

  it('passes complete drafts, including ones ending in lists, code or markdown', () => {
    for (const answer of ['Paris.', '#### 18', '- apples\n- pears', 'Use `a << b` for shifts', 'Suitable for ages 18+', 'The answer is *18*', 'Best regards,\n[Your Name]']) {
      expect(truncationSignal(draft(answer))).toMatchObject({ score: 1 });
    }
  });
});
