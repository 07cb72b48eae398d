// The worst case a run can cost before it starts, so concurrent runs can reserve it: the
// prompt's input tokens plus the expected output, priced at every tier that may run (a cascade
// may escalate through all of them, so their costs add up), as many times as a drafting tier
// answers (its consistency `samples`; the last tier never drafts).
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage, ToolDefinition } from '../model.ts';
import { estimateCostNano, type PricingContext } from '../pricing/index.ts';
import { answersPerQuery } from '../cascade/sampling.ts';
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
  tiers.forEach((tier, i) => {
    const e = estimateCostNano(pricing, tier, inputTokens, outputTokens);
    const answers = answersPerQuery(tiers, i);
    if (e.costNano === null) unpriced.push(tier.model);
    else costNano += answers * e.costNano;
  });
  return { inputTokens, outputTokens, costNano, unpriced };
}
