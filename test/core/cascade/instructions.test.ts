import { describe, expect, it } from 'vitest';
import { withInstructions } from '../../../shared/core/cascade/instructions.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';

const chat: ChatMessage[] = [
  { role: 'user', content: 'How far is Paris from Lyon?' },
  { role: 'assistant', content: 'About 390 km.' },
  { role: 'user', content: 'And by train?' },
];

describe('withInstructions', () => {
  it('puts the instructions first, as a system message', () => {
    expect(withInstructions(chat, '  Answer briefly.\n')).toEqual([{ role: 'system', content: 'Answer briefly.' }, ...chat]);
  });

  it('leaves the messages alone without instructions, or when the caller sent its own system message', () => {
    expect(withInstructions(chat, undefined)).toBe(chat);
    expect(withInstructions(chat, '   ')).toBe(chat);
    const own: ChatMessage[] = [{ role: 'system', content: 'You are a travel agent.' }, ...chat];
    expect(withInstructions(own, 'Answer briefly.')).toBe(own);
  });
});
