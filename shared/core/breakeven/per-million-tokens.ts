// Drafting cost per million tokens, local against cloud: the figure people compare price lists
// with. A cloud price is the same at any volume; a GPU's is its monthly bill over the tokens it
// drafts that month, so it falls as the volume grows.
import { buildCostModel } from './cost-model.ts';
import type { BreakEvenResult } from './types.ts';

const MILLION = 1_000_000;

/** Nano-USD per million tokens, input and output together, at the query's split of the two. */
export interface CostPerMillionTokens {
  /** Input + output tokens of one query: the tokens the figures below are per million of. */
  tokensPerQuery: number;
  /** Drafting on the cloud drafter, its input and output prices weighted by the query's tokens. */
  cloudDrafterNano: number;
  /** The verifier, weighted the same way. */
  verifierNano: number;
  /**
   * Drafting on your own GPUs at this volume: GPUs, electricity and maintenance over the tokens
   * drafted. Null with no queries: a monthly bill over no tokens has no price per token.
   */
  selfHostedNano: number | null;
}

export function costPerMillionTokens(r: BreakEvenResult): CostPerMillionTokens {
  const i = r.inputs;
  const model = buildCostModel(i);
  // Output tokens are required to be more than 0, so a query always has tokens.
  const tokensPerQuery = i.inputTokensPerQuery + i.outputTokensPerQuery;
  const perMillion = (nanoPerQuery: number) => Math.round((nanoPerQuery / tokensPerQuery) * MILLION);
  const selfDraftingNano = r.selfHost.gpuNano + r.selfHost.energyNano + r.selfHost.maintenanceNano;
  return {
    tokensPerQuery,
    cloudDrafterNano: perMillion(model.draftNanoPerQuery),
    verifierNano: perMillion(model.verifierNanoPerQuery),
    selfHostedNano: i.monthlyQueries > 0 ? perMillion(selfDraftingNano / i.monthlyQueries) : null,
  };
}
