// Provider-neutral shapes of a chat request and of what a model streams back.
// Every provider adapter maps its wire format onto these; the engine sees nothing else.
import type { ProviderReasoning, ReasoningBlock } from './reasoning.ts';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/**
 * How much a reasoning model thinks before it answers (absent: the model's own default).
 * Thinking costs output tokens, and on a local drafter the energy of the time it takes.
 */
export const THINKING_LEVELS = ['off', 'low', 'medium', 'high'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

export interface ToolCall {
  id?: string;
  name: string;
  /** Raw JSON text of the arguments, exactly as the model produced it (may be invalid). */
  arguments: string;
}

export interface ChatMessage {
  role: Role;
  content: string;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  /**
   * On an assistant message: the thinking it came with, as its provider must be sent it back
   * (shared/core/reasoning.ts). Claude needs it to continue an answer that called tools with
   * thinking on; every other provider, and any other model, ignores it.
   */
  reasoning?: ProviderReasoning;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown>;
}

/** `json` asks for any JSON value; an object is a JSON Schema the answer must satisfy. */
export type ResponseFormat = 'json' | Record<string, unknown>;

export interface LlmRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  format?: ResponseFormat;
  maxTokens?: number;
  temperature?: number;
  /** How much a reasoning model thinks (tier `thinking`); absent: the model's default. */
  thinking?: ThinkingLevel;
  /** Ask for token logprobs where the provider supports them (used by the confidence signal). */
  logprobs?: boolean;
  /**
   * Set on the extra answers drawn for the consistency check (tier `samples`): 1 for the first
   * extra answer, 2 for the second... Live providers ignore it (the sampling temperature makes
   * the answers differ); replay's recorded provider returns the matching recorded sample.
   */
  sample?: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'cancelled' | 'other';

/** Token counts as the provider reported them. `inputTokens` includes cached input tokens. */
export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
}

export type StreamChunk =
  | { type: 'text'; text: string }
  /** A reasoning model's thinking, sent apart from the answer (Ollama `thinking`, vLLM `reasoning_content`, Anthropic thinking blocks). */
  | { type: 'thinking'; text: string }
  | { type: 'logprobs'; logprobs: TokenLogprob[] }
  | { type: 'tool_call'; toolCall: ToolCall }
  /**
   * One finished thinking block in the provider's own form (Anthropic: with its signature), in
   * the order the blocks came, for the answer's assistant message to carry back (ChatMessage.reasoning).
   */
  | { type: 'reasoning'; provider: ProviderReasoning['provider']; model: string; block: ReasoningBlock }
  /** Always the last chunk. `usage` is null when the provider never reported usage. */
  | { type: 'done'; finishReason: FinishReason; usage: ReportedUsage | null };

export const ZERO_USAGE: ReportedUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 });
