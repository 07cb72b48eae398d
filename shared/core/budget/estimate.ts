// The worst case a run can cost before it starts, so concurrent runs can reserve it: the
// prompt's input tokens plus the expected output, priced at every tier that may run (a cascade
// may escalate through all of them, so their costs add up).
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage, ToolDefinition } from '../model.ts';
import { estimateCostNano, type PricingContext } from '../pricing/index.ts';
import { estimateChatTokens, estimateTokens } from '../tokens/estimate.ts';

export interface RunEstimate {
  inputTokens: number;
  outputTokens: number;
  /** Sum over the tiers; a tier with an unknown price adds nothing (its cost is never recorded either). */
  costNano: number;
  /** Models whose price is unknown: their spend cannot be bounded. */
  unpriced: string[];
}

export function estimateInputTokens(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): number {
  const toolTokens = tools && tools.length > 0 ? estimateTokens(JSON.stringify(tools)) : 0;
  return estimateChatTokens(messages) + toolTokens;
}

export function estimateRunCost(pricing: PricingContext, tiers: readonly TierConfig[], inputTokens: number, outputTokens: number): RunEstimate {
  let costNano = 0;
  const unpriced: string[] = [];
  for (const tier of tiers) {
    const e = estimateCostNano(pricing, tier, inputTokens, outputTokens);
    if (e.costNano === null) unpriced.push(tier.model);
    else costNano += e.costNano;
  }
  return { inputTokens, outputTokens, costNano, unpriced };
}
