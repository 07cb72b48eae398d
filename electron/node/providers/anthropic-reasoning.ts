// Claude's thinking blocks, kept whole from the stream and sent back in the next request.
//
// The stream opens a `thinking` block (content_block_start), grows its text by thinking_delta
// and delivers its signature in one signature_delta just before content_block_stop (the SDK's
// SignatureDelta; its MessageStream replaces, not appends, the signature). A `redacted_thinking`
// block arrives whole in content_block_start, with its encrypted `data`. The API wants them back
// unmodified and in their order, leading the assistant message that called tools, and checks the
// signature against the model: shared/core/reasoning.ts tags them with it.
import type { ContentBlockParam, RawContentBlockDelta, RawContentBlockStartEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage } from '../../../shared/core/model.ts';
import { reasoningFor, type ReasoningBlock } from '../../../shared/core/reasoning.ts';

export interface ThinkingBlockCollector {
  start(index: number, block: RawContentBlockStartEvent['content_block']): void;
  delta(index: number, delta: RawContentBlockDelta): void;
  /** The finished block at `index`, or null when it was not a thinking block or came unsigned. */
  stop(index: number): ReasoningBlock | null;
}

export function createThinkingBlockCollector(): ThinkingBlockCollector {
  const open = new Map<number, ReasoningBlock>();
  return {
    start(index, block) {
      if (block.type === 'thinking') open.set(index, { type: 'thinking', thinking: block.thinking, signature: block.signature });
      else if (block.type === 'redacted_thinking') open.set(index, { type: 'redacted_thinking', data: block.data });
    },
    delta(index, delta) {
      const block = open.get(index);
      if (block?.type !== 'thinking') return;
      if (delta.type === 'thinking_delta') block.thinking += delta.thinking;
      else if (delta.type === 'signature_delta') block.signature = delta.signature;
    },
    stop(index) {
      const block = open.get(index);
      open.delete(index);
      if (!block) return null;
      // A block without its signature (or data) would be refused if sent back: it is not kept.
      return (block.type === 'thinking' ? block.signature : block.data) ? block : null;
    },
  };
}

/** The thinking blocks `model` wrote for this assistant message; the API takes them back from that model alone. */
export function signedBlocksOf(message: ChatMessage, model: string): ReasoningBlock[] | null {
  return message.role === 'assistant' ? reasoningFor(message.reasoning, 'anthropic', model) : null;
}

/** The blocks as content blocks of the request, exactly as they came. */
export function toBlockParams(blocks: readonly ReasoningBlock[]): ContentBlockParam[] {
  return blocks.map((b) => (b.type === 'thinking' ? { type: 'thinking', thinking: b.thinking, signature: b.signature } : { type: 'redacted_thinking', data: b.data }));
}
