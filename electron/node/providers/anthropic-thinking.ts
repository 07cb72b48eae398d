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
import { signedBlocksOf } from './anthropic-reasoning.ts';

export interface ThinkingFields {
  thinking?: ThinkingConfigParam;
  effort?: NonNullable<OutputConfig['effort']>;
}

/**
 * The assistant message whose tool calls the request answers (the messages end with tool results
 * after it), or null when the request does not continue a tool turn.
 */
export function toolTurnOf(messages: readonly ChatMessage[]): ChatMessage | null {
  let i = messages.length - 1;
  if (messages[i]?.role !== 'tool') return null;
  while (i >= 0 && messages[i]?.role === 'tool') i--;
  const turn = messages[i];
  return turn?.role === 'assistant' && (turn.toolCalls?.length ?? 0) > 0 ? turn : null;
}

/**
 * True when the request continues an answer that called tools (the messages end with tool results
 * after the assistant's tool calls) and that answer's thinking blocks cannot be sent back: it came
 * without them, or from another model (a signature is bound to its model). With thinking on, the
 * API then refuses: "a final `assistant` message must start with a thinking block ... To avoid this
 * requirement, disable `thinking`". So a level is not sent for such a request, and the model
 * finishes the turn at its default; a refusal here would otherwise drop the level for every later
 * question. A model that thinks by default and cannot stop (Opus 4.7) still needs the blocks: it
 * can only continue from a message that carries its `reasoning` (anthropic.ts says so when not).
 */
export function continuesUnsignedToolTurn(messages: readonly ChatMessage[], model: string): boolean {
  const turn = toolTurnOf(messages);
  return turn !== null && signedBlocksOf(turn, model) === null;
}

export function thinkingFields(level: ThinkingLevel | undefined, messages: readonly ChatMessage[], model: string): ThinkingFields {
  if (level !== undefined && level !== 'off' && continuesUnsignedToolTurn(messages, model)) return {};
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
 * again without thinking would not help it, nor is a complaint about the conversation's own
 * thinking blocks ("messages.1.content.0: Invalid `signature` in `thinking` block", "... must start
 * with a thinking block"): the blocks are wrong or missing, not the level.
 */
export function refusesThinking(apiMessage: string): boolean {
  if (/^\s*messages\.\d+/i.test(apiMessage)) return false;
  if (/thinking|effort/i.test(apiMessage)) return true;
  return /output_config/i.test(apiMessage) && !/output_config\.format/i.test(apiMessage);
}
