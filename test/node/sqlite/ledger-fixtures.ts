// Hand-made ledger rows for the SQLite tests: every field explicit, overridable per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord, QueryRecord } from '../../../shared/core/ledger/types.ts';
import type { Clock } from '../../../shared/core/ports.ts';

export const DAY_MS = 86_400_000;
/** 2025-03-10T00:00:00Z */
export const T0 = Date.UTC(2025, 2, 10);

export function makeCall(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    seq: 0,
    provider: 'ollama',
    model: 'llama3.2:3b',
    tier: 0,
    role: 'draft',
    local: true,
    inputTokens: 100,
    outputTokens: 50,
    cachedInputTokens: 0,
    usageEstimated: false,
    costNano: 1_000,
    pricing: 'energy',
    ttftMs: 40,
    durationMs: 900,
    status: 'ok',
    accepted: true,
    qualityScore: 0.9,
    qualityJson: '{"score":0.9}',
    finishReason: 'stop',
    text: 'draft answer',
    errorCode: null,
    errorMessage: null,
    ...overrides,
  };
}

export function makeQuery(overrides: Partial<QueryRecord> = {}): QueryRecord {
  return {
    id: 'q-1',
    runId: 'run-1',
    createdAt: T0,
    conversationId: null,
    userId: null,
    feature: null,
    domain: 'general',
    complexity: 'simple',
    finalModel: 'llama3.2:3b',
    finalProvider: 'ollama',
    finalTier: 0,
    topTier: 1,
    escalated: false,
    status: 'ok',
    costNano: 1_000,
    costComplete: true,
    baselineCostNano: 5_000,
    baselineEstimated: true,
    latencyMs: 900,
    prompt: 'What is 2 + 2?',
    answer: '4',
    decision: 'accepted the local draft',
    calls: [makeCall()],
    ...overrides,
  };
}

/** A local draft that was rejected, then the cloud verifier's answer. */
export function escalatedQuery(id: string, createdAt: number, overrides: Partial<QueryRecord> = {}): QueryRecord {
  return makeQuery({
    id,
    runId: `run-${id}`,
    createdAt,
    finalModel: 'gpt-4o',
    finalProvider: 'openai',
    finalTier: 1,
    escalated: true,
    costNano: 2_000 + 300_000,
    baselineCostNano: 300_000,
    baselineEstimated: false,
    calls: [
      makeCall({ seq: 0, accepted: false, qualityScore: 0.2, costNano: 2_000 }),
      makeCall({
        seq: 1,
        provider: 'openai',
        model: 'gpt-4o',
        tier: 1,
        role: 'verify',
        local: false,
        inputTokens: 120,
        outputTokens: 80,
        costNano: 300_000,
        pricing: 'list',
        qualityScore: null,
        text: 'verified answer',
      }),
    ],
    ...overrides,
  });
}

export function fixedClock(start = T0): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    monotonic: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cascadeflow-sqlite-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What the ledger records for an answer served from the response cache (hitOutcome, then
 * markCacheHit): `source`'s answer at $0, one call of the answering model with no tokens, marked
 * by its finish reason, and the top tier's estimated baseline (the source's own, by default).
 */
export function cacheHitQuery(source: QueryRecord, id: string, createdAt: number, overrides: Partial<QueryRecord> = {}): QueryRecord {
  const answer = [...source.calls].reverse().find((c) => c.accepted && c.status === 'ok') ?? source.calls[0];
  return {
    ...source,
    id,
    runId: `run-${id}`,
    createdAt,
    conversationId: null,
    status: 'ok',
    escalated: false,
    costNano: 0,
    costComplete: true,
    baselineEstimated: true,
    latencyMs: 3,
    decision: `Served from the response cache: ${source.finalModel}'s answer (query ${source.id}); no model was called, so it cost $0.`,
    calls: [
      makeCall({
        seq: 0,
        provider: answer?.provider ?? source.finalProvider,
        model: answer?.model ?? source.finalModel,
        tier: answer?.tier ?? source.finalTier,
        role: answer?.role ?? 'draft',
        local: answer?.local ?? false,
        inputTokens: 0,
        outputTokens: 0,
        costNano: 0,
        pricing: 'override',
        ttftMs: 3,
        durationMs: 3,
        accepted: true,
        qualityScore: answer?.qualityScore ?? null,
        qualityJson: answer?.qualityJson ?? null,
        finishReason: 'cache_hit',
        text: source.answer,
      }),
    ],
    ...overrides,
  };
}
