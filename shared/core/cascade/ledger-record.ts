// Turns a finished run into the ledger's rows: one query, one call per attempt.
import type { CallRecord, QueryRecord } from '../ledger/types.ts';
import type { TierConfig } from '../config/schema.ts';
import { isSelfHosted } from '../pricing/lookup.ts';
import type { CascadeOutcome } from './types.ts';

export interface RecordMeta {
  createdAt: number;
  prompt: string;
  userId?: string | null;
  feature?: string | null;
  /** The run's tier list, to know which calls ran on local hardware. */
  tiers: TierConfig[];
}

/** Local = self-hosted, by the same rule that prices a tier by energy instead of per token. */
export function isLocalTier(tier: TierConfig | undefined): boolean {
  return tier !== undefined && isSelfHosted(tier.provider, tier);
}

export function toQueryRecord(outcome: CascadeOutcome, meta: RecordMeta): QueryRecord {
  const calls: CallRecord[] = outcome.attempts.map((a, seq) => ({
    seq,
    provider: a.provider,
    model: a.model,
    tier: a.tier,
    role: a.role,
    local: isLocalTier(meta.tiers[a.tier]),
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
    calls,
  };
}
