// The user's measured workload, as the break-even calculator needs it: how many queries a month
// and how large each answered query is.
import type Database from 'better-sqlite3';
import type { UsageProfile } from '../../../shared/api/contract.ts';
import { DRAFTER_ACCEPTED_SQL, DRAFTER_ELIGIBLE_SQL } from './ledger-analytics.ts';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30;

interface ProfileRow {
  queries: number;
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
 * diluted by three empty weeks.
 */
export function usageProfile(db: Database.Database, days: number, now: number): UsageProfile {
  const from = now - days * DAY_MS;
  const row = db
    .prepare<{ from: number; to: number }, ProfileRow>(`
      WITH q AS (
        SELECT created_at, status, top_tier, final_tier,
          (SELECT c.id FROM calls c WHERE c.query_id = queries.id AND c.accepted = 1 ORDER BY c.seq DESC LIMIT 1) AS answer_call
        FROM queries WHERE created_at >= @from AND created_at < @to
      )
      SELECT COUNT(*) AS queries, MIN(created_at) AS first_at,
        COALESCE(SUM(${DRAFTER_ELIGIBLE_SQL}), 0) AS eligible,
        COALESCE(SUM(${DRAFTER_ACCEPTED_SQL}), 0) AS drafted,
        AVG((SELECT c.input_tokens FROM calls c WHERE c.id = answer_call)) AS input_tokens,
        AVG((SELECT c.output_tokens FROM calls c WHERE c.id = answer_call)) AS output_tokens
      FROM q`)
    .get({ from, to: now });
  if (row === undefined) throw new Error('aggregate query returned no row');
  const coveredDays = row.first_at === null ? days : Math.min(days, Math.max(1, Math.ceil((now - row.first_at) / DAY_MS)));
  return {
    days,
    queries: row.queries,
    coveredDays,
    monthlyQueries: Math.round((row.queries / coveredDays) * DAYS_PER_MONTH),
    avgInputTokens: Math.round(row.input_tokens ?? 0),
    avgOutputTokens: Math.round(row.output_tokens ?? 0),
    drafterAcceptanceRate: row.eligible > 0 ? row.drafted / row.eligible : null,
  };
}
