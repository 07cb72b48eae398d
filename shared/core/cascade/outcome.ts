// Honest accounting of a run: every call priced from the usage its provider reported
// (estimated only when none was reported, and flagged), the baseline of asking the top tier
// alone, and the decision in words.
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage } from '../model.ts';
import type { ProviderReasoning } from '../reasoning.ts';
import { costOfCall, estimateCostNano, type PricingContext } from '../pricing/index.ts';
import { nanoToUsd, sumKnownNano } from '../pricing/money.ts';
import { escalationReason } from '../quality/decide.ts';
import type { QualityVerdict } from '../quality/types.ts';
import { estimateChatTokens, estimateTokens } from '../tokens/estimate.ts';
import type { StreamedCall } from './attempt.ts';
import type { RunPlan } from './plan.ts';
import type { Attempt, AttemptRole, AttemptUsage, CascadeOutcome, RunStatus } from './types.ts';


/**
 * Errors that happen before a model processes anything consume no tokens. A server error
 * (HTTP 5xx) before any text is not billed either: guessing the prompt's price for it put
 * money on the ledger for answers that never came.
 */
const NOTHING_CONSUMED = new Set(['unreachable', 'auth_failed', 'model_not_found', 'rate_limited', 'context_too_long', 'provider_error']);

/** Refused before any model ran (server down, no key, unknown model, server error): no tokens, no GPU time. */
function consumedNothing(call: StreamedCall): boolean {
  return !call.usage && call.text.length === 0 && call.thinking.length === 0 && call.error !== null && NOTHING_CONSUMED.has(call.error.code);
}

export function usageOf(call: StreamedCall, messages: ChatMessage[]): AttemptUsage {
  if (call.usage) return { ...call.usage, estimated: false };
  if (consumedNothing(call) || (call.error?.code === 'cancelled' && call.text.length === 0 && call.thinking.length === 0)) {
    // Cancelled before the first token: the prompt may have been read, but nothing was reported
    // and nothing streamed; count the prompt as consumed only when the provider started answering.
    return { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: call.error?.code === 'cancelled' };
  }
  // Reasoning tokens are output tokens: they are generated and billed like the answer's.
  return { inputTokens: estimateChatTokens(messages), outputTokens: estimateTokens(call.thinking + call.text), cachedInputTokens: 0, estimated: true };
}

export function buildAttempt(a: {
  tier: TierConfig;
  tierIndex: number;
  role: AttemptRole;
  call: StreamedCall;
  verdict: QualityVerdict | null;
  accepted: boolean;
  messages: ChatMessage[];
  pricing: PricingContext;
}): Attempt {
  const usage = usageOf(a.call, a.messages);
  // Reported usage goes to the price math as is: cache writes have their own price.
  const billed = a.call.usage ?? { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: usage.cachedInputTokens, cacheWriteTokens: 0 };
  // A local model is priced by the time it ran: waiting for a refused connection is not that.
  const cost = costOfCall(a.pricing, a.tier, billed, consumedNothing(a.call) ? 0 : a.call.latencyMs);
  const status = a.call.error ? (a.call.error.code === 'cancelled' ? 'cancelled' : 'error') : 'ok';
  const attempt: Attempt = {
    model: a.tier.model,
    provider: a.tier.provider,
    tier: a.tierIndex,
    role: a.role,
    status,
    accepted: a.accepted,
    quality: a.verdict,
    usage,
    costNanoUsd: cost.costNano,
    costUsd: cost.costNano === null ? null : nanoToUsd(cost.costNano),
    pricing: cost.pricing,
    latencyMs: Math.round(a.call.latencyMs),
    ttftMs: a.call.ttftMs === null ? null : Math.round(a.call.ttftMs),
    finishReason: a.call.finishReason,
    text: a.call.text,
  };
  if (a.call.thinking.length > 0) attempt.thinking = a.call.thinking;
  if (a.call.toolCalls.length > 0) attempt.toolCalls = a.call.toolCalls;
  if (a.call.error) attempt.error = { code: a.call.error.code, message: a.call.error.message };
  return attempt;
}

export interface OutcomeParts {
  runId: string;
  queryId: string;
  conversationId: string | null;
  plan: RunPlan;
  attempts: Attempt[];
  finalAttempt: Attempt | null;
  lastRejected: Attempt | null;
  lastError: Attempt['error'] | undefined;
  cancelled: boolean;
  trail: string[];
  pricing: PricingContext;
  /** The thinking blocks each attempt came with, in its provider's form (absent: none). */
  reasoning?: ReadonlyMap<Attempt, ProviderReasoning>;
  latencyMs: number;
}

export function summarizeOutcome(p: OutcomeParts): CascadeOutcome {
  const { plan } = p;
  const topIndex = plan.tiers.length - 1;
  const topTier = plan.tiers[topIndex] as TierConfig;

  let status: RunStatus;
  let answerFrom: Attempt | null;
  let error: CascadeOutcome['error'];
  if (p.cancelled) {
    status = 'cancelled';
    answerFrom = p.attempts[p.attempts.length - 1] ?? null;
    error = { code: 'cancelled', message: 'Stopped before the answer was complete.' };
  } else if (p.finalAttempt) {
    status = 'ok';
    answerFrom = p.finalAttempt;
  } else if (p.lastRejected && !plan.requireVerified) {
    status = 'unverified';
    answerFrom = p.lastRejected;
    error = p.lastError ?? { code: 'provider_error', message: 'No tier could verify the draft.' };
  } else {
    status = 'failed';
    answerFrom = null;
    error = p.lastError ?? { code: 'provider_error', message: 'No model answered.' };
  }

  const known = p.attempts.map((a) => a.costNanoUsd);
  const costComplete = known.every((c) => c !== null);
  const costNano = known.reduce<number>((s, c) => s + (c ?? 0), 0);

  // When the top tier failed (no answer, or a draft returned unverified), it spared nothing.
  const baseline = status === 'failed' || status === 'unverified' ? topTierFailedBaseline(p, topIndex) : baselineOf(p, topIndex, topTier, answerFrom);
  const savingsNano = costComplete && baseline.nano !== null ? baseline.nano - costNano : null;
  const finalTierIndex = answerFrom?.tier ?? topIndex;
  const finalTier = plan.tiers[finalTierIndex] as TierConfig;
  // Only an answer that called tools is continued from its assistant message, thinking included.
  const reasoning = answerFrom?.toolCalls ? p.reasoning?.get(answerFrom) : undefined;

  return {
    runId: p.runId,
    queryId: p.queryId,
    conversationId: p.conversationId,
    status,
    answer: answerFrom?.text ?? '',
    ...(answerFrom?.toolCalls ? { toolCalls: answerFrom.toolCalls } : {}),
    ...(reasoning ? { reasoning } : {}),
    model: finalTier.model,
    provider: finalTier.provider,
    tier: finalTierIndex,
    escalated: finalTierIndex > plan.startTier || (status !== 'ok' && p.attempts.filter((x) => x.role !== 'sample').length > 1),
    domain: plan.routing.domain,
    complexity: plan.routing.complexity,
    routing: plan.routing,
    attempts: p.attempts,
    decision: decisionText(status, answerFrom, p.trail, plan, error),
    costNanoUsd: costComplete ? costNano : null,
    costUsd: costComplete ? nanoToUsd(costNano) : null,
    baselineCostNanoUsd: baseline.nano,
    baselineCostUsd: baseline.nano === null ? null : nanoToUsd(baseline.nano),
    baselineEstimated: baseline.estimated,
    savingsUsd: savingsNano === null ? null : nanoToUsd(savingsNano),
    latencyMs: Math.round(p.latencyMs),
    ...(error ? { error } : {}),
  };
}

/**
 * A run whose top tier failed saved nothing against it: asking the top tier alone would have met
 * the same failure, at what the top tier's own calls in this run cost (nothing when it never
 * ran). That holds for a run with no answer and for one that returned a draft unverified: the
 * draft was paid for, and no verifier answer was spared by it.
 */
function topTierFailedBaseline(p: OutcomeParts, topIndex: number): { nano: number | null; estimated: boolean } {
  const top = p.attempts.filter((a) => a.tier === topIndex && a.role !== 'audit' && a.role !== 'sample');
  return { nano: sumKnownNano(top.map((a) => a.costNanoUsd)), estimated: false };
}

/** What the top tier alone would have cost: its real cost when it ran, else an estimate. */
function baselineOf(p: OutcomeParts, topIndex: number, topTier: TierConfig, answerFrom: Attempt | null): { nano: number | null; estimated: boolean } {
  const topRun = p.attempts.find((a) => a.tier === topIndex && a.status === 'ok' && a.role !== 'audit');
  if (topRun) return { nano: topRun.costNanoUsd, estimated: false };
  const reference = answerFrom ?? p.attempts[0];
  if (!reference) return { nano: null, estimated: true };
  const inputTokens = reference.usage.inputTokens;
  const outputTokens = reference.usage.outputTokens;
  return { nano: estimateCostNano(p.pricing, topTier, inputTokens, outputTokens).costNano, estimated: true };
}

function decisionText(status: RunStatus, answerFrom: Attempt | null, trail: string[], plan: RunPlan, error: CascadeOutcome['error']): string {
  const steps = trail.length > 0 ? `${trail.join('; ')}. ` : '';
  const notes = plan.notes.length > 0 ? `${plan.notes.join('; ')}. ` : '';
  const skip = `${notes}${plan.routing.skippedDrafter ? `${plan.routing.domainReasons.filter((r) => r.startsWith('skipped') || r.startsWith('asked')).join('; ')}. ` : ''}`;
  switch (status) {
    case 'cancelled':
      return `Stopped by the user. ${notes}${steps}`.trim();
    case 'failed':
      return `${skip}${steps}No answer: ${error?.message ?? 'every tier failed'}`.trim();
    case 'unverified':
      return `${skip}${steps}Returned ${answerFrom?.model}'s draft unverified because the verifier failed.`.trim();
    case 'ok': {
      const a = answerFrom as Attempt;
      const top = plan.tiers.length - 1;
      if (a.tier === top && a.tier > 0) return `${skip}${steps}Answered by ${a.model}.`.trim();
      // Held below the top tier (a budget): the answer is kept even though the check rejected it.
      if (a.quality && !a.quality.accepted) {
        return `${skip}${steps}Kept ${a.model}'s answer although it scored ${a.quality.score.toFixed(2)} < ${a.quality.threshold.toFixed(2)}: no tier above it could be asked (${escalationReason(a.quality)}).`.trim();
      }
      const why = a.quality ? a.quality.explanation.replace(/^accepted:\s*/i, '') : 'accepted';
      return `${skip}${steps}Accepted ${a.model}'s answer: ${why}`.trim();
    }
  }
}
