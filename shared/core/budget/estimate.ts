// The worst case a run can cost before it starts, so concurrent runs can reserve it: the
// prompt's input tokens plus the output each tier may write, priced at every tier that may run (a
// cascade may escalate through all of them, so their costs add up), as many times as a drafting
// tier answers (its consistency `samples`; the last tier never drafts).
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage, ToolDefinition } from '../model.ts';
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from '../output-tokens.ts';
import { estimateCostNano, type PricingContext } from '../pricing/index.ts';
import { answersPerQuery } from '../cascade/sampling.ts';
import { estimateChatTokens, estimateTokens } from '../tokens/estimate.ts';

/** What a run's calls are assumed to write. */
export interface OutputAssumption {
  /** The request's maxTokens, when it gives one. */
  maxTokens?: number;
  /** budget.expectedOutputTokens: the answer a call is expected to write when nothing else says. */
  expected: number;
}

export interface RunEstimate {
  inputTokens: number;
  /** Per tier, the output tokens reserved for each of its calls (worstOutputTokens). */
  outputTokens: number[];
  /** Sum over the tiers; a tier with an unknown price adds nothing (its cost is never recorded either). */
  costNano: number;
  /** Models whose price is unknown: their spend cannot be bounded. */
  unpriced: string[];
}

/**
 * The output tokens reserved for one call to `tier`. A request's maxTokens caps thinking and
 * answer together on every provider (Anthropic max_tokens, OpenAI max_completion_tokens, vLLM
 * max_tokens, Ollama num_predict), so it is the worst case. Without one, a tier with a thinking
 * level may think far past the expected answer, and is billed for it as output: its worst case is
 * the cap its thinking counts against: on Claude the 16,384 max_tokens the adapter sends. The
 * OpenAI-compatible and Ollama adapters send no cap, so their reasoning has no ceiling of its
 * own: they are reserved the same, the most any call of the app is let write without a maxTokens.
 * A tier without a level (or `off`) is reserved the expected answer, as before.
 */
export function worstOutputTokens(tier: TierConfig, output: OutputAssumption): number {
  if (output.maxTokens !== undefined) return output.maxTokens;
  if (tier.thinking === undefined || tier.thinking === 'off') return output.expected;
  return Math.max(output.expected, ANTHROPIC_DEFAULT_MAX_TOKENS);
}

export function estimateInputTokens(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): number {
  const toolTokens = tools && tools.length > 0 ? estimateTokens(JSON.stringify(tools)) : 0;
  return estimateChatTokens(messages) + toolTokens;
}

export function estimateRunCost(pricing: PricingContext, tiers: readonly TierConfig[], inputTokens: number, output: OutputAssumption): RunEstimate {
  let costNano = 0;
  const unpriced: string[] = [];
  const outputTokens: number[] = [];
  tiers.forEach((tier, i) => {
    const written = worstOutputTokens(tier, output);
    outputTokens.push(written);
    const e = estimateCostNano(pricing, tier, inputTokens, written);
    const answers = answersPerQuery(tiers, i);
    if (e.costNano === null) unpriced.push(tier.model);
    else costNano += answers * e.costNano;
  });
  return { inputTokens, outputTokens, costNano, unpriced };
}
