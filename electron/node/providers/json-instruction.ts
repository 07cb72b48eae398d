// JSON asked in words. Anthropic has no plain JSON mode, and OpenAI's refuses a request whose
// messages never say "json" ("'messages' must contain the word 'json' in some form").
import type { ChatMessage } from '../../../shared/core/model.ts';

export const JSON_ONLY = 'Answer with a single valid JSON value and nothing else.';

/** The messages with JSON asked for first, unless one of them already mentions JSON. */
export function withJsonAsked(messages: ChatMessage[]): ChatMessage[] {
  return messages.some((m) => /json/i.test(m.content)) ? messages : [{ role: 'system', content: JSON_ONLY }, ...messages];
}
