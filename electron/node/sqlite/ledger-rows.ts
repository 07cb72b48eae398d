// Mapping between ledger records and their SQLite rows (0/1 for booleans, checked enums on read),
// shared by the store and the exports so both read the same shape.
import { COMPLEXITY_LEVELS, PROVIDER_KINDS } from '../../../shared/core/config/schema.ts';
import type { AttemptRole } from '../../../shared/core/cascade/types.ts';
import type { CallRecord, QueryRecord } from '../../../shared/core/ledger/types.ts';

export interface QueryRow {
  id: string;
  run_id: string;
  created_at: number;
  conversation_id: string | null;
  user_id: string | null;
  feature: string | null;
  domain: string;
  complexity: string;
  final_model: string;
  final_provider: string;
  final_tier: number;
  top_tier: number;
  escalated: number;
  status: string;
  cost_nano: number;
  cost_complete: number;
  baseline_cost_nano: number | null;
  baseline_estimated: number;
  latency_ms: number;
  prompt: string;
  answer: string;
  decision: string;
  tier_models: string | null;
  feedback: string | null;
  feedback_note: string | null;
}

export interface CallRow {
  query_id: string;
  seq: number;
  provider: string;
  model: string;
  tier: number;
  role: string;
  local: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  usage_estimated: number;
  cost_nano: number | null;
  pricing: string;
  ttft_ms: number | null;
  duration_ms: number;
  status: string;
  accepted: number;
  quality_score: number | null;
  quality_json: string | null;
  finish_reason: string | null;
  text: string;
  error_code: string | null;
  error_message: string | null;
}

export type QueryParams = Omit<QueryRow, 'feedback' | 'feedback_note'>;

const ROLES = ['draft', 'verify', 'parallel', 'audit', 'sample'] as const satisfies readonly AttemptRole[];
const ATTEMPT_STATUSES = ['ok', 'error', 'cancelled'] as const;
const RUN_STATUSES = ['ok', 'unverified', 'failed', 'cancelled'] as const;
const PRICINGS = ['list', 'override', 'energy', 'unknown'] as const;

/** A stored enum value that this build does not know means the file is damaged or newer. */
function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`ledger row has an unknown ${field} "${value}"`);
  return found;
}

const bit = (b: boolean): number => (b ? 1 : 0);
// Latencies come from a monotonic clock with fractions of a millisecond; the columns are integers.
const ms = (n: number): number => Math.round(n);
const msOrNull = (n: number | null): number | null => (n === null ? null : Math.round(n));

export function queryParams(q: QueryRecord): QueryParams {
  return {
    id: q.id,
    run_id: q.runId,
    created_at: q.createdAt,
    conversation_id: q.conversationId,
    user_id: q.userId,
    feature: q.feature,
    domain: q.domain,
    complexity: q.complexity,
    final_model: q.finalModel,
    final_provider: q.finalProvider,
    final_tier: q.finalTier,
    top_tier: q.topTier,
    escalated: bit(q.escalated),
    status: q.status,
    cost_nano: q.costNano,
    cost_complete: bit(q.costComplete),
    baseline_cost_nano: q.baselineCostNano,
    baseline_estimated: bit(q.baselineEstimated),
    latency_ms: ms(q.latencyMs),
    prompt: q.prompt,
    answer: q.answer,
    decision: q.decision,
    tier_models: q.tierModels === undefined ? null : JSON.stringify(q.tierModels),
  };
}

export function callParams(queryId: string, c: CallRecord): CallRow {
  return {
    query_id: queryId,
    seq: c.seq,
    provider: c.provider,
    model: c.model,
    tier: c.tier,
    role: c.role,
    local: bit(c.local),
    input_tokens: c.inputTokens,
    output_tokens: c.outputTokens,
    cached_input_tokens: c.cachedInputTokens,
    usage_estimated: bit(c.usageEstimated),
    cost_nano: c.costNano,
    pricing: c.pricing,
    ttft_ms: msOrNull(c.ttftMs),
    duration_ms: ms(c.durationMs),
    status: c.status,
    accepted: bit(c.accepted),
    quality_score: c.qualityScore,
    quality_json: c.qualityJson,
    finish_reason: c.finishReason,
    text: c.text,
    error_code: c.errorCode,
    error_message: c.errorMessage,
  };
}

export function callFromRow(r: CallRow): CallRecord {
  return {
    seq: r.seq,
    provider: oneOf(PROVIDER_KINDS, r.provider, 'provider'),
    model: r.model,
    tier: r.tier,
    role: oneOf(ROLES, r.role, 'role'),
    local: r.local === 1,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cachedInputTokens: r.cached_input_tokens,
    usageEstimated: r.usage_estimated === 1,
    costNano: r.cost_nano,
    pricing: oneOf(PRICINGS, r.pricing, 'pricing'),
    ttftMs: r.ttft_ms,
    durationMs: r.duration_ms,
    status: oneOf(ATTEMPT_STATUSES, r.status, 'call status'),
    accepted: r.accepted === 1,
    qualityScore: r.quality_score,
    qualityJson: r.quality_json,
    finishReason: r.finish_reason,
    text: r.text,
    errorCode: r.error_code,
    errorMessage: r.error_message,
  };
}

export function queryFromRow(r: QueryRow, calls: CallRecord[]): QueryRecord {
  return {
    id: r.id,
    runId: r.run_id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
    userId: r.user_id,
    feature: r.feature,
    domain: r.domain,
    complexity: oneOf(COMPLEXITY_LEVELS, r.complexity, 'complexity'),
    finalModel: r.final_model,
    finalProvider: oneOf(PROVIDER_KINDS, r.final_provider, 'provider'),
    finalTier: r.final_tier,
    topTier: r.top_tier,
    escalated: r.escalated === 1,
    status: oneOf(RUN_STATUSES, r.status, 'status'),
    costNano: r.cost_nano,
    costComplete: r.cost_complete === 1,
    baselineCostNano: r.baseline_cost_nano,
    baselineEstimated: r.baseline_estimated === 1,
    latencyMs: r.latency_ms,
    prompt: r.prompt,
    answer: r.answer,
    decision: r.decision,
    ...(r.tier_models === null ? {} : { tierModels: parseTierModels(r.tier_models) }),
    calls,
  };
}

function parseTierModels(json: string): string[] {
  const v: unknown = JSON.parse(json);
  if (!Array.isArray(v) || !v.every((m) => typeof m === 'string')) throw new Error('ledger row has a malformed tier_models');
  return v;
}

export function feedbackFromRow(value: string | null): 'up' | 'down' | null {
  return value === 'up' || value === 'down' ? value : null;
}

/** A query as the exports write it: the QueryRecord with its calls, plus the user's feedback. */
export type QueryWithFeedback = QueryRecord & { feedback: 'up' | 'down' | null; feedbackNote: string | null };

export function queryWithFeedbackFromRow(r: QueryRow, calls: readonly CallRow[]): QueryWithFeedback {
  // Object.assign, not a spread: copying a 25-key object per row made V8 promote short-lived
  // copies to the old generation, and a 1M-row export's memory rose by 50-60 MB.
  return Object.assign(queryFromRow(r, calls.map(callFromRow)), { feedback: feedbackFromRow(r.feedback), feedbackNote: r.feedback_note });
}

/** Columns written by recordQuery, in the order of QueryParams. */
export const QUERY_INSERT_COLUMNS = [
  'id', 'run_id', 'created_at', 'conversation_id', 'user_id', 'feature', 'domain', 'complexity', 'final_model',
  'final_provider', 'final_tier', 'top_tier', 'escalated', 'status', 'cost_nano', 'cost_complete',
  'baseline_cost_nano', 'baseline_estimated', 'latency_ms', 'prompt', 'answer', 'decision', 'tier_models',
] as const satisfies readonly (keyof QueryParams)[];

export const QUERY_COLUMNS = [...QUERY_INSERT_COLUMNS, 'feedback', 'feedback_note'].join(', ');

export const CALL_COLUMN_LIST = [
  'query_id', 'seq', 'provider', 'model', 'tier', 'role', 'local', 'input_tokens', 'output_tokens',
  'cached_input_tokens', 'usage_estimated', 'cost_nano', 'pricing', 'ttft_ms', 'duration_ms', 'status', 'accepted',
  'quality_score', 'quality_json', 'finish_reason', 'text', 'error_code', 'error_message',
] as const satisfies readonly (keyof CallRow)[];

export const CALL_COLUMNS = CALL_COLUMN_LIST.join(', ');

/** A query's calls in the order they were made. */
export const CALLS_OF_QUERY_SQL = `SELECT ${CALL_COLUMNS} FROM calls WHERE query_id = ? ORDER BY seq`;
