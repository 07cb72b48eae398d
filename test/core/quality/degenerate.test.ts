import { describe, expect, it } from 'vitest';
import { degenerateSignal } from '../../../shared/core/quality/signals/degenerate.ts';
import { draft } from './fixtures/draft.ts';

describe('degenerate signal', () => {
  it('hard-fails an empty or whitespace-only draft', () => {
    expect(degenerateSignal(draft('  \n\t '))).toMatchObject({ score: 0, hardFail: true, reason: 'the draft is empty' });
  });

  it('accepts an empty text when the draft answered with tool calls', () => {
    const r = degenerateSignal(draft('', { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] }));
    expect(r.applicable).toBe(false);
  });

  it('hard-fails a repetition loop of lines', () => {
    const answer = `Here is the plan.\n${'We need to check the total again.\n'.repeat(6)}`;
    const r = degenerateSignal(draft(answer));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toBe("the draft repeats the line 'We need to check the total again.' 6 times in a row");
  });

  it('hard-fails a draft that loops on the same phrase', () => {
    const answer = `The answer is simple. ${'and then the value goes up by one again '.repeat(15)}`;
    const r = degenerateSignal(draft(answer));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toMatch(/^the draft loops: \d+% of it repeats earlier text/);
  });

  it('hard-fails character loops and garbled output', () => {
    expect(degenerateSignal(draft(`Sure! ${'ha'.repeat(30)}`)).reason).toBe("the draft is stuck repeating 'ha'");
    expect(degenerateSignal(draft(`Result: \uFFFD\uFFFD\uFFFD\u0001\u0002 ok`)).reason).toContain('garbled characters');
  });

  it('flags a draft that only repeats the question', () => {
    const q = 'What is the tallest mountain in Africa?';
    expect(degenerateSignal(draft('What is the tallest mountain in Africa', { query: q })).score).toBeLessThan(0.5);
  });

  it('passes normal prose, tables and long numbers', () => {
    const answer = '| a | b |\n|---|---|\n| 1 | 2 |\n\nThe population was 1000000000000 in the model. Each step adds a new value.';
    expect(degenerateSignal(draft(answer))).toMatchObject({ score: 1 });
  });
});
