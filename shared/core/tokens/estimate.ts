// Token counts before a request is sent (context-window checks, cost previews). Billing never
// uses these: it uses the usage the provider reports. o200k is exact for current OpenAI models
// and a fair proxy for others.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage } from '../model.ts';

export { contextWindowOf } from './context-window.ts';

/** Chat framing per message (role and separators), as in OpenAI's counting guide. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens that prime the assistant's reply. */
export const REPLY_PRIMING_TOKENS = 3;

// User text may contain "<|endoftext|>" and the like: count it as text instead of throwing.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text, AS_PLAIN_TEXT);
}

/** The messages' texts and tool calls with their framing; `count` counts one text (a replay passes its cache of counts). */
export function estimateChatTokens(messages: readonly ChatMessage[], count: (text: string) => number = estimateTokens): number {
  if (messages.length === 0) return 0;
  let total = REPLY_PRIMING_TOKENS;
  for (const m of messages) {
    total += MESSAGE_OVERHEAD_TOKENS + count(m.content);
    for (const call of m.toolCalls ?? []) total += count(call.name) + count(call.arguments);
  }
  return total;
}
