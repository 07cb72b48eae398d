// Turns a finished run into the ledger's rows: one query, one call per attempt.
import type { CallRecord, QueryRecord } from '../ledger/types.ts';
import type { TierConfig } from '../config/schema.ts';
import { isSelfHosted } from '../pricing/lookup.ts';
import type { PricingSource } from '../pricing/types.ts';
import type { CascadeOutcome } from './types.ts';

export interface RecordMeta {
  createdAt: number;
  prompt: string;
  userId?: string | null;
  feature?: string | null;
  /** The run's tier list, to know which calls ran on local hardware. */
  tiers: TierConfig[];
}

/**
 * Local = runs on the user's hardware: what the tier says, else whatever pricing charges by
 * energy. A vLLM or OpenAI-compatible endpoint with a per-token price is a hosted service.
 */
export function isLocalTier(tier: TierConfig | undefined, pricing?: PricingSource): boolean {
  if (tier === undefined) return false;
  if (tier.local !== undefined) return tier.local;
  return pricing === undefined ? isSelfHosted(tier.provider, tier) && tier.price === undefined : pricing === 'energy';
}

export function toQueryRecord(outcome: CascadeOutcome, meta: RecordMeta): QueryRecord {
  const calls: CallRecord[] = outcome.attempts.map((a, seq) => ({
    seq,
    provider: a.provider,
    model: a.model,
    tier: a.tier,
    role: a.role,
    local: isLocalTier(meta.tiers[a.tier], a.pricing),
    inputTokens: a.usage.inputTokens,
    outputTokens: a.usage.outputTokens,
    cachedInputTokens: a.usage.cachedInputTokens,
    usageEstimated: a.usage.estimated,
    costNano: a.costNanoUsd,
    pricing: a.pricing,
    ttftMs: a.ttftMs,
    durationMs: a.latencyMs,
    status: a.status,
    accepted: a.accepted,
    qualityScore: a.quality?.score ?? null,
    qualityJson: a.quality ? JSON.stringify(a.quality) : null,
    finishReason: a.finishReason,
    text: a.text,
    errorCode: a.error?.code ?? null,
    errorMessage: a.error?.message ?? null,
  }));
  const knownCost = outcome.attempts.reduce((s, a) => s + (a.costNanoUsd ?? 0), 0);
  return {
    id: outcome.queryId,
    runId: outcome.runId,
    createdAt: meta.createdAt,
    conversationId: outcome.conversationId,
    userId: meta.userId ?? null,
    feature: meta.feature ?? null,
    domain: outcome.domain,
    complexity: outcome.complexity,
    finalModel: outcome.model,
    finalProvider: outcome.provider,
    finalTier: outcome.tier,
    topTier: meta.tiers.length - 1,
    escalated: outcome.escalated,
    status: outcome.status,
    costNano: knownCost,
    costComplete: outcome.attempts.every((a) => a.costNanoUsd !== null),
    baselineCostNano: outcome.baselineCostNanoUsd,
    baselineEstimated: outcome.baselineEstimated,
    latencyMs: outcome.latencyMs,
    prompt: meta.prompt,
    answer: outcome.answer,
    decision: outcome.decision,
    tierModels: outcome.routing.tierModels,
    calls,
  };
}
