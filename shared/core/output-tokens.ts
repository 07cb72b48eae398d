// How many output tokens a call may be billed for when the request sets no maxTokens, as the
// provider adapters ask: the Messages API requires max_tokens, so the Anthropic adapter always
// sends one; the OpenAI-compatible and Ollama adapters send none and the server's own limit holds.
// Shared so the budget's worst case (shared/core/budget/estimate.ts) reserves what is really asked.

/**
 * The max_tokens the Anthropic adapter sends when the request sets none. Thinking (a model's
 * default, or a tier's level) counts against it, so 4,096 cut long answers short; every Claude 4
 * model can write at least this much, and only tokens written are paid for.
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 16_384;
