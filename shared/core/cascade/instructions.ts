// The user's standing instructions (config `instructions`) reach every model as the first,
// system message of the conversation. They are added when a question is sent, never stored
// with the conversation, so new instructions apply to the next question of an old chat too.
import type { ChatMessage } from '../model.ts';

/** The messages to send: the instructions first, unless there are none or the caller sent its own system message. */
export function withInstructions(messages: ChatMessage[], instructions: string | undefined): ChatMessage[] {
  const text = instructions?.trim();
  if (!text || messages.some((m) => m.role === 'system')) return messages;
  return [{ role: 'system', content: text }, ...messages];
}
