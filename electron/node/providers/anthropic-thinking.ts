// How a tier's thinking level goes on the Messages API wire, and which 400 refuses it.
//
// Chosen from the SDK's types (ThinkingConfigAdaptive, OutputConfig.effort) and Anthropic's
// thinking and effort documentation:
// - low / medium / high: `thinking: {type: adaptive}` plus `output_config.effort` at the same
//   level. Adaptive thinking is how Claude 4.6 and later are asked to think (Opus 4.7 and later
//   refuse the older `{type: enabled, budget_tokens}`, deprecated on 4.6), and effort is the
//   depth control that goes with it, in the same words as ours. Effort also makes the answer
//   itself terser or fuller, which is what a cheaper or dearer level means here too.
// - `display: summarized`: Opus 4.7 and later leave the thinking text out by default (empty
//   blocks, signature only); the chat shows a tier's thinking as it does for other servers, and
//   the thinking is billed in full either way.
// - off: `thinking: {type: disabled}`, and no effort (off says nothing of the answer's length).
// - absent: neither field, the model's own default.
// Effort sits in `output_config` beside a JSON schema `format`: anthropic.ts merges the two.
// Older models (Claude 4.5) refuse adaptive thinking and effort: the adapter then asks once
// without them and no longer sends a level to that model (see refused-options.ts), which
// answers with its default rather than a fixed thinking budget.
import type { OutputConfig, ThinkingConfigParam } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ThinkingLevel } from '../../../shared/core/model.ts';

export interface ThinkingFields {
  thinking?: ThinkingConfigParam;
  effort?: NonNullable<OutputConfig['effort']>;
}

/**
 * The request continues an answer that called tools (the messages end with tool results after the
 * assistant's tool calls). With thinking on, the API then wants that assistant message to start
 * with its thinking block and signature, which the chat messages do not carry: "a final
 * `assistant` message must start with a thinking block ... To avoid this requirement, disable
 * `thinking`". So a level is not sent for such a request, and the model finishes the turn at its
 * default; a refusal here would otherwise drop the level for every later question. A model that
 * thinks by default and cannot stop (Opus 4.7) still needs the blocks: carrying them in the chat
 * messages is the whole fix, not made yet.
 */
export function continuesToolTurn(messages: readonly ChatMessage[]): boolean {
  let i = messages.length - 1;
  if (messages[i]?.role !== 'tool') return false;
  while (i >= 0 && messages[i]?.role === 'tool') i--;
  const turn = messages[i];
  return turn?.role === 'assistant' && (turn.toolCalls?.length ?? 0) > 0;
}

export function thinkingFields(level: ThinkingLevel | undefined, messages: readonly ChatMessage[] = []): ThinkingFields {
  if (level !== undefined && level !== 'off' && continuesToolTurn(messages)) return {};
  switch (level) {
    case undefined:
      return {};
    case 'off':
      return { thinking: { type: 'disabled' } };
    default:
      return { thinking: { type: 'adaptive', display: 'summarized' }, effort: level };
  }
}

/**
 * True for a 400 that refuses the thinking fields themselves, in the API's words: "adaptive
 * thinking is not supported on this model", "This model does not support the effort parameter.",
 * '"thinking.type.disabled" is not supported for this model', "output_config.effort: Input
 * should be ...". A complaint about the JSON schema in `output_config.format` is not one: asking
 * again without thinking would not help it.
 */
export function refusesThinking(apiMessage: string): boolean {
  if (/thinking|effort/i.test(apiMessage)) return true;
  return /output_config/i.test(apiMessage) && !/output_config\.format/i.test(apiMessage);
}
