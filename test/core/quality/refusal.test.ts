import { describe, expect, it } from 'vitest';
import { refusalSignal } from '../../../shared/core/quality/signals/refusal.ts';
import { draft } from './fixtures/draft.ts';

describe('refusal signal', () => {
  it.each([
    "I'm sorry, but I can't help with that request.",
    'As an AI language model, I cannot browse the internet or check current prices.',
    "I don't know.",
    'I am unable to provide that information.',
  ])('hard-fails a flat refusal: %s', (answer) => {
    const r = refusalSignal(draft(answer, { query: 'What is the current price of gold per ounce?' }));
    expect(r).toMatchObject({ applicable: true, score: 0, hardFail: true });
    expect(r.reason).toMatch(/^the draft declines to answer \('.+'\)$/);
  });

  it('only discounts a disclaimer in front of a real answer', () => {
    const body = 'Here is how the major schools of thought see it. '.repeat(12);
    const r = refusalSignal(draft(`As an AI, I don't have personal opinions, but I can summarize the debate. ${body}`));
    expect(r.hardFail).toBeUndefined();
    expect(r.score).toBe(0.85);
    expect(r.reason).toContain('the draft carries a disclaimer');
  });

  it('lowers the score for each distinct hedge', () => {
    const one = refusalSignal(draft("The answer is 42, but I'm not sure about the second part."));
    const two = refusalSignal(draft("The answer is 42, but I'm not sure. I might be wrong about the units."));
    expect(one.score).toBeCloseTo(0.7);
    expect(two.score).toBeCloseTo(0.4);
    expect(two.reason).toBe("the draft hedges ('I'm not sure', 'I might be wrong')");
  });

  it('does not count hedges inside quotes or ones the user wrote', () => {
    const user = "Fix the grammar: she are not sure where is her purse.";
    const r = refusalSignal(draft('She is not sure where her purse is. He said, "Maybe, but I\'m not sure."', { query: user }));
    expect(r.score).toBe(1);
  });

  it('does not mistake the idiom "can\'t help but" for a refusal', () => {
    expect(refusalSignal(draft("I can't help but admire the view from the ridge.")).score).toBe(1);
  });

  it('passes a plain answer', () => {
    expect(refusalSignal(draft('Paris is the capital of France.'))).toMatchObject({ applicable: true, score: 1 });
  });
});
