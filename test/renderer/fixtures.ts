// Realistic API values for renderer tests.
import type { ConversationSummary } from '../../shared/api/contract.ts';
import type { Attempt, CascadeOutcome } from '../../shared/core/cascade/types.ts';
import type { QualityVerdict } from '../../shared/core/quality/types.ts';

export function verdict(score: number, accepted: boolean, reason = 'the draft looks right'): QualityVerdict {
  return {
    score,
    threshold: 0.7,
    accepted,
    signals: [
      { name: 'arithmetic', applicable: true, score, reason, hardFail: !accepted },
      { name: 'confidence', applicable: false, score: 1, reason: 'no logprobs' },
    ],
    reasons: accepted ? [] : [reason],
    explanation: accepted ? `accepted: ${reason}` : `escalated: ${reason}`,
    hardFailure: !accepted,
  };
}

export function attempt(over: Partial<Attempt> = {}): Attempt {
  return {
    model: 'llama3.2:3b',
    provider: 'ollama',
    tier: 0,
    role: 'draft',
    status: 'ok',
    accepted: true,
    quality: verdict(0.92, true),
    usage: { inputTokens: 40, outputTokens: 12, cachedInputTokens: 0, estimated: false },
    costUsd: 0.0000021,
    costNanoUsd: 2100,
    pricing: 'energy',
    latencyMs: 800,
    ttftMs: 120,
    finishReason: 'stop',
    text: '17 * 23 = 391.',
    ...over,
  };
}

export function outcome(over: Partial<CascadeOutcome> = {}): CascadeOutcome {
  const attempts = over.attempts ?? [attempt()];
  return {
    runId: 'run-1',
    queryId: 'q-1',
    conversationId: 'c-1',
    status: 'ok',
    answer: attempts.at(-1)?.text ?? '',
    model: 'llama3.2:3b',
    provider: 'ollama',
    tier: 0,
    escalated: false,
    domain: 'math',
    complexity: 'simple',
    routing: { domain: 'math', domainReasons: [], complexity: 'simple', complexityReasons: [], tierModels: ['llama3.2:3b', 'gpt-4o'], skippedDrafter: false },
    attempts,
    decision: 'accepted the local draft: the arithmetic checks out',
    costUsd: 0.0000021,
    costNanoUsd: 2100,
    baselineCostUsd: 0.00022,
    baselineCostNanoUsd: 220000,
    baselineEstimated: true,
    savingsUsd: 0.0002179,
    latencyMs: 800,
    ...over,
  };
}

export function escalatedOutcome(): CascadeOutcome {
  const draft = attempt({ accepted: false, quality: verdict(0.2, false, "the draft's calculation 13 x 4 = 56 is wrong (13 x 4 = 52)"), text: '13 * 4 = 56.' });
  const verify = attempt({ model: 'gpt-4o', provider: 'openai-compatible', tier: 1, role: 'verify', quality: null, pricing: 'override', text: '13 * 4 = 52.', costUsd: 0.0003, costNanoUsd: 300000 });
  return outcome({ attempts: [draft, verify], answer: '13 * 4 = 52.', model: 'gpt-4o', provider: 'openai-compatible', tier: 1, escalated: true, decision: "escalated: the draft's calculation is wrong", costUsd: 0.0003021, savingsUsd: -0.0000021 });
}

export function conversation(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id: 'c-1', title: 'Arithmetic', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, messageCount: 0, costUsd: 0, baselineCostUsd: 0, savingsUsd: 0, unknownPriceQueries: 0, ...over };
}
