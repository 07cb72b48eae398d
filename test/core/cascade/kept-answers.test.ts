import { describe, expect, it } from 'vitest';
import { isReplacedAnswer, keptTurns } from '../../../shared/core/cascade/kept-answers.ts';

const user = (content: string) => ({ role: 'user', content });
const answer = (content: string) => ({ role: 'assistant', content });

describe('keptTurns', () => {
  it('keeps the newest answer to a retried question', () => {
    const chat = [user('Q1'), answer('first'), answer('second'), user('Q2'), answer('A2')];
    expect(keptTurns(chat)).toEqual([user('Q1'), answer('second'), user('Q2'), answer('A2')]);
    expect([0, 1, 2, 3, 4].map((i) => isReplacedAnswer(chat, i))).toEqual([false, true, false, false, false]);
  });

  it('keeps the answer a failed retry did not replace', () => {
    const chat = [user('Q1'), answer('good'), answer(''), user('Q2')];
    expect(keptTurns(chat)).toEqual([user('Q1'), answer('good'), user('Q2')]);
    expect(isReplacedAnswer(chat, 1)).toBe(false);
  });

  it('leaves out empty answers, keeping their question', () => {
    expect(keptTurns([user('Q1'), answer('  '), user('Q2')])).toEqual([user('Q1'), user('Q2')]);
  });

  it('leaves a conversation without retries as it is', () => {
    const chat = [user('Q1'), answer('A1'), user('Q2'), answer('A2')];
    expect(keptTurns(chat)).toEqual(chat);
  });
});
