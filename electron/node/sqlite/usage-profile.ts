// The user's measured workload, as the break-even calculator needs it: how many queries a month,
// how large each answered query is, and how fast the local drafter writes.
import type Database from 'better-sqlite3';
import type { UsageProfile } from '../../../shared/api/contract.ts';
import { localDrafterSpeed, MIN_TIMED_OUTPUT_TOKENS, type DrafterTimings, type LocalDrafterSpeed } from '../../../shared/core/breakeven/measured-speed.ts';
import { CACHE_HIT_SQL, DRAFTER_ACCEPTED_SQL, DRAFTER_ELIGIBLE_SQL } from './ledger-analytics.ts';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30;

interface ProfileRow {
  queries: number;
  cache_hits: number;
  first_at: number | null;
  eligible: number;
  drafted: number;
  input_tokens: number | null;
  output_tokens: number | null;
}

/**
 * Over the `days` before `now`. A query's size is that of the call whose answer was used (its last
 * accepted call): an escalated query sends the same prompt twice, but the workload is one answer.
 * The monthly rate divides by the days actually covered, so a ledger started last week is not
 * diluted by three empty weeks. Answers served from the response cache called no model and cost
 * nothing whichever way the rest is served: they are counted apart (cacheHits), not in the
 * workload, its sizes (a hit's call has no tokens) or the drafter's acceptance.
 */
export function usageProfile(db: Database.Database, days: number, now: number): UsageProfile {
  const from = now - days * DAY_MS;
  const row = db
    .prepare<{ from: number; to: number }, ProfileRow>(`
      WITH q AS (
        SELECT created_at, status, top_tier, final_tier, cache_hit,
          (SELECT c.id FROM calls c WHERE c.query_id = queries.id AND c.accepted = 1 ORDER BY c.seq DESC LIMIT 1) AS answer_call
        FROM queries WHERE created_at >= @from AND created_at < @to
      )
      SELECT COALESCE(SUM(NOT ${CACHE_HIT_SQL}), 0) AS queries, COALESCE(SUM(${CACHE_HIT_SQL}), 0) AS cache_hits,
        MIN(created_at) AS first_at,
        COALESCE(SUM(${DRAFTER_ELIGIBLE_SQL}), 0) AS eligible,
        COALESCE(SUM(${DRAFTER_ACCEPTED_SQL}), 0) AS drafted,
        AVG(CASE WHEN NOT ${CACHE_HIT_SQL} THEN (SELECT c.input_tokens FROM calls c WHERE c.id = answer_call) END) AS input_tokens,
        AVG(CASE WHEN NOT ${CACHE_HIT_SQL} THEN (SELECT c.output_tokens FROM calls c WHERE c.id = answer_call) END) AS output_tokens
      FROM q`)
    .get({ from, to: now });
  if (row === undefined) throw new Error('aggregate query returned no row');
  const coveredDays = row.first_at === null ? days : Math.min(days, Math.max(1, Math.ceil((now - row.first_at) / DAY_MS)));
  return {
    days,
    queries: row.queries,
    cacheHits: row.cache_hits,
    coveredDays,
    monthlyQueries: Math.round((row.queries / coveredDays) * DAYS_PER_MONTH),
    avgInputTokens: Math.round(row.input_tokens ?? 0),
    avgOutputTokens: Math.round(row.output_tokens ?? 0),
    drafterAcceptanceRate: row.eligible > 0 ? row.drafted / row.eligible : null,
    localDrafterSpeed: measureLocalDrafter(db, from, now),
  };
}

/**
 * Each local model's drafts in the window, summed for localDrafterSpeed. A draft is timed after
 * its first token only when its stored answer could hold all its output tokens (a token is at
 * least one character): more tokens than characters means output the answer does not show
 * (thinking, a tool call) was written before the first answer token, inside the time to first
 * token, and counting its tokens over the time after it would overstate the speed. Those, and
 * drafts without a time to first token, are timed over their whole duration instead.
 * An answer served from the response cache is no draft (its one call has no tokens): not counted.
 */
export const DRAFTER_TIMINGS_SQL = `
  SELECT model, COUNT(*) AS drafts, MAX(created_at) AS lastAt,
    COALESCE(SUM(usable), 0) AS usable,
    COALESCE(SUM(usable AND timed), 0) AS afterFirstTokenCalls,
    COALESCE(SUM(CASE WHEN usable AND timed THEN output_tokens - 1 END), 0) AS afterFirstTokenTokens,
    COALESCE(SUM(CASE WHEN usable AND timed THEN duration_ms - ttft_ms END), 0) AS afterFirstTokenMs,
    COALESCE(SUM(usable AND duration_ms > 0), 0) AS wholeCalls,
    COALESCE(SUM(CASE WHEN usable AND duration_ms > 0 THEN output_tokens END), 0) AS wholeTokens,
    COALESCE(SUM(CASE WHEN usable AND duration_ms > 0 THEN duration_ms END), 0) AS wholeMs
  FROM (
    SELECT c.model, q.created_at, c.output_tokens, c.ttft_ms, c.duration_ms,
      (c.status = 'ok' AND c.output_tokens >= @minTokens) AS usable,
      (c.ttft_ms IS NOT NULL AND c.duration_ms > c.ttft_ms AND c.output_tokens <= length(c.text)) AS timed
    FROM queries q JOIN calls c ON c.query_id = q.id
    WHERE q.created_at >= @from AND q.created_at < @to AND c.local = 1 AND c.role = 'draft' AND q.cache_hit = 0
  )
  GROUP BY model`;

function measureLocalDrafter(db: Database.Database, from: number, to: number): LocalDrafterSpeed {
  const rows = db.prepare<{ from: number; to: number; minTokens: number }, DrafterTimings>(DRAFTER_TIMINGS_SQL).all({ from, to, minTokens: MIN_TIMED_OUTPUT_TOKENS });
  return localDrafterSpeed(rows);
}
