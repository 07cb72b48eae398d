// Between outcomes and cache entries: which outcomes may be cached (successful ones only), and
// the outcome of a hit: the cached answer at $0, with the top tier's estimated cost as baseline
// so the saving is counted like any other.
import { z } from 'zod';
import { providerKindSchema, type TierConfig } from '../config/schema.ts';
import type { Attempt, AttemptRole, CacheHit, CascadeOutcome, RoutingInfo } from '../cascade/types.ts';
import type { FinishReason } from '../model.ts';
import type { QualityVerdict } from '../quality/types.ts';
import { reasoningSchema } from '../reasoning.ts';
import { estimateCostNano, type PricingContext } from '../pricing/index.ts';
import { nanoToUsd } from '../pricing/money.ts';
import type { CachedAnswer } from './types.ts';

/** The entry to store for a finished run, or null when it must not be cached. */
export function cacheableEntry(outcome: CascadeOutcome, storedAt: number): CachedAnswer | null {
  // Only answers that passed the cascade; never cancelled, failed or unverified ones, and never
  // a hit again (re-storing it would keep an answer alive forever).
  if (outcome.status !== 'ok' || outcome.error || outcome.cache) return null;
  // A consistency sample only voted on the draft: never the answer, even if marked accepted.
  const answering = [...outcome.attempts].reverse().find((a) => a.accepted && a.status === 'ok' && a.role !== 'audit' && a.role !== 'sample');
  if (!answering || (answering.text.length === 0 && !answering.toolCalls?.length)) return null;
  return {
    version: 1,
    answer: outcome.answer,
    ...(answering.thinking ? { thinking: answering.thinking } : {}),
    ...(outcome.toolCalls ? { toolCalls: outcome.toolCalls } : {}),
    ...(outcome.reasoning ? { reasoning: outcome.reasoning } : {}),
    model: answering.model,
    provider: answering.provider,
    tier: answering.tier,
    role: answering.role,
    finishReason: answering.finishReason,
    quality: answering.quality,
    inputTokens: answering.usage.inputTokens,
    outputTokens: answering.usage.outputTokens,
    sourceQueryId: outcome.queryId,
    storedAt,
  };
}

export interface HitContext {
  runId: string;
  queryId: string;
  conversationId: string | null;
  routing: RoutingInfo;
  tiers: readonly TierConfig[];
  pricing: PricingContext;
  hit: CacheHit;
  latencyMs: number;
  now: number;
}

export function hitAttempt(entry: CachedAnswer, latencyMs: number): Attempt {
  return {
    model: entry.model,
    provider: entry.provider,
    tier: entry.tier,
    role: entry.role,
    status: 'ok',
    accepted: true,
    quality: entry.quality,
    usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false },
    costUsd: 0,
    costNanoUsd: 0,
    // Not a list price: the cache set it to zero.
    pricing: 'override',
    latencyMs: Math.round(latencyMs),
    ttftMs: Math.round(latencyMs),
    finishReason: entry.finishReason,
    text: entry.answer,
    ...(entry.thinking ? { thinking: entry.thinking } : {}),
    ...(entry.toolCalls ? { toolCalls: entry.toolCalls } : {}),
  };
}

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export function hitOutcome(entry: CachedAnswer, ctx: HitContext): CascadeOutcome {
  const top = ctx.tiers[ctx.tiers.length - 1];
  const baseline = top ? estimateCostNano(ctx.pricing, top, entry.inputTokens, entry.outputTokens).costNano : null;
  const note = `served from the response cache (${ctx.hit.backend})`;
  const routing: RoutingInfo = { ...ctx.routing, domainReasons: [...ctx.routing.domainReasons, note] };
  return {
    runId: ctx.runId,
    queryId: ctx.queryId,
    conversationId: ctx.conversationId,
    status: 'ok',
    answer: entry.answer,
    ...(entry.toolCalls ? { toolCalls: entry.toolCalls } : {}),
    ...(entry.toolCalls && entry.reasoning ? { reasoning: entry.reasoning } : {}),
    model: entry.model,
    provider: entry.provider,
    tier: entry.tier,
    escalated: false,
    domain: routing.domain,
    complexity: routing.complexity,
    routing,
    attempts: [hitAttempt(entry, ctx.latencyMs)],
    decision: `Served from the response cache: ${entry.model}'s answer to the same conversation ${age(ctx.now - entry.storedAt)} ago (query ${entry.sourceQueryId}); no model was called, so it cost $0.`,
    costUsd: 0,
    costNanoUsd: 0,
    baselineCostNanoUsd: baseline,
    baselineCostUsd: baseline === null ? null : nanoToUsd(baseline),
    baselineEstimated: true,
    savingsUsd: baseline === null ? null : nanoToUsd(baseline),
    latencyMs: Math.round(ctx.latencyMs),
    cache: ctx.hit,
  };
}

/** Marks a hit's call on the ledger (finish_reason; the calls table has no cache role). */
export const CACHE_HIT_FINISH_REASON = 'cache_hit';

const finishReasons = ['stop', 'length', 'tool_calls', 'content_filter', 'cancelled', 'other'] as const satisfies readonly FinishReason[];
// An entry keeps the answering attempt only, so 'sample' is not a valid role: a hit replays the
// answer (one call at $0), not the sampling, and the samples' cost stays with the run that paid it.
const roles = ['draft', 'verify', 'parallel', 'audit'] as const satisfies readonly AttemptRole[];

// Entries may come from another machine's build (Redis): check the shape instead of trusting it.
const cachedAnswerSchema = z.object({
  version: z.literal(1),
  answer: z.string(),
  thinking: z.string().optional(),
  toolCalls: z.array(z.object({ id: z.string().optional(), name: z.string(), arguments: z.string() })).optional(),
  reasoning: reasoningSchema.optional(),
  model: z.string().min(1),
  provider: providerKindSchema,
  tier: z.number().int().min(0),
  role: z.enum(roles),
  finishReason: z.enum(finishReasons).nullable(),
  quality: z.custom<QualityVerdict>((v) => typeof v === 'object' && v !== null && typeof (v as { score?: unknown }).score === 'number').nullable(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  sourceQueryId: z.string(),
  storedAt: z.number(),
}) satisfies z.ZodType<CachedAnswer>;

/** A stored entry read back from a backend, or null when it is not a valid version-1 entry. */
export function parseCachedAnswer(json: string): CachedAnswer | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = cachedAnswerSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}
