// A reasoning model's thinking in the form its provider wants it sent back, kept opaque to
// everything but that provider's adapter.
//
// Claude with thinking on refuses to continue an answer that called tools unless the assistant
// message that called them starts with the thinking blocks it came with, unmodified, each with
// its signature (or the encrypted `data` of a redacted block). A signature is bound to the model
// that wrote it, so the blocks are tagged with provider and model and only ever sent back to
// that same model. The chat's readable thinking (Attempt.thinking) is a copy for display; this
// is what the API checks.
import { z } from 'zod';

/** A `thinking` block as the Messages API returned it: the (summarized) text and its signature. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** A thinking block the API encrypted: only its opaque `data` travels. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type ReasoningBlock = ThinkingBlock | RedactedThinkingBlock;

/** The thinking of one assistant answer, in the order the provider sent its blocks. */
export interface ProviderReasoning {
  /** Only Anthropic needs its thinking back; other providers ignore the field. */
  provider: 'anthropic';
  /** The model that wrote (and signed) the blocks: sent back to this model only. */
  model: string;
  blocks: ReasoningBlock[];
}

/** Bounds of what a client may send back: one answer's blocks, each up to about a million characters. */
export const MAX_REASONING_BLOCKS = 64;
export const MAX_REASONING_BLOCK_CHARS = 1_000_000;

const opaque = z.string().max(MAX_REASONING_BLOCK_CHARS);

export const reasoningSchema = z
  .object({
    provider: z.literal('anthropic'),
    model: z.string().min(1).max(200),
    blocks: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('thinking'), thinking: opaque, signature: opaque.min(1, 'a thinking block needs its signature') }).strict(),
          z.object({ type: z.literal('redacted_thinking'), data: opaque.min(1, 'a redacted thinking block needs its data') }).strict(),
        ]),
      )
      .min(1)
      .max(MAX_REASONING_BLOCKS),
  })
  .strict() satisfies z.ZodType<ProviderReasoning>;

/** The blocks of `reasoning` when `model` of `provider` wrote them; otherwise none can be sent back. */
export function reasoningFor(reasoning: ProviderReasoning | undefined, provider: ProviderReasoning['provider'], model: string): ReasoningBlock[] | null {
  if (!reasoning || reasoning.provider !== provider || reasoning.model !== model || reasoning.blocks.length === 0) return null;
  return reasoning.blocks;
}
