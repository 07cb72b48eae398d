// What a recording will roughly cost before any model is called: each prompt's tokens (counted
// with the shared tokenizer) plus an assumed answer length, at each model's price. An estimate
// for the user to confirm, never a bill: the trace records the cost each provider reports.
// With `samples` answers per prompt (--samples), every answer is a full call: k times, for each
// model below the top one (the top model answers once: it never drafts in a replay).
import { answersAtTier } from '../cascade/sampling.ts';
import type { ProviderKind, TierConfig } from '../config/schema.ts';
import { describePrice, estimateCostNano, quoteTier, type PricingContext, type PricingSource } from '../pricing/index.ts';
import type { PromptItem } from './prompt-set.ts';
import { countChatTokensCached } from './token-counts.ts';

/** Answer length assumed when the user gives none: a few paragraphs. */
export const DEFAULT_ASSUMED_OUTPUT_TOKENS = 300;

export interface RecordEstimateLine {
  model: string;
  provider: ProviderKind;
  prompts: number;
  /** Answers per prompt: `samples` below the top model, 1 for the top one. */
  answers: number;
  /** Summed over every call: each of a prompt's answers sends the prompt again. */
  inputTokens: number;
  outputTokens: number;
  /** Null when the model has no known price. */
  costNano: number | null;
  pricing: PricingSource;
  /** The price used, e.g. "$2.50 in / $10.00 out per 1M tokens" or the energy settings. */
  price: string;
}

export interface RecordEstimate {
  lines: RecordEstimateLine[];
  /** Sum of the priced models. */
  pricedNano: number;
  /** Models without a price: their cost is not in the sum. */
  unpriced: string[];
  outputTokensPerAnswer: number;
  /** Answers per prompt of each model below the top one: the main one and the extra ones. */
  samples: number;
}

export function estimateRecording(
  prompts: readonly PromptItem[],
  tiers: readonly TierConfig[],
  pricing: PricingContext,
  outputTokensPerAnswer = DEFAULT_ASSUMED_OUTPUT_TOKENS,
  samples = 1,
): RecordEstimate {
  const inputs = prompts.map((p) => countChatTokensCached(p.messages));
  const totalInput = inputs.reduce((a, b) => a + b, 0);
  const lines = tiers.map((tier, index): RecordEstimateLine => {
    const answers = answersAtTier(index, tiers.length, samples);
    const quote = quoteTier(pricing, tier);
    let costNano: number | null = 0;
    for (const input of inputs) {
      // Per prompt, not on the totals: list prices can depend on the size of one request.
      const e = estimateCostNano(pricing, tier, input, outputTokensPerAnswer);
      costNano = costNano === null || e.costNano === null ? null : costNano + e.costNano;
    }
    return {
      model: tier.model,
      provider: tier.provider,
      prompts: prompts.length,
      answers,
      inputTokens: totalInput * answers,
      outputTokens: outputTokensPerAnswer * prompts.length * answers,
      costNano: quote.source === 'unknown' || costNano === null ? null : costNano * answers,
      pricing: quote.source,
      price: describePrice(quote),
    };
  });
  return {
    lines,
    pricedNano: lines.reduce((s, l) => s + (l.costNano ?? 0), 0),
    unpriced: lines.filter((l) => l.costNano === null).map((l) => l.model),
    outputTokensPerAnswer,
    samples,
  };
}
