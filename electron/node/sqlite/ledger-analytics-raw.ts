// The ledger analytics computed the plain way, straight from the raw rows: the definition the
// rollup-based LedgerAnalytics must reproduce. Tests use it as the oracle and the benchmark as the
// baseline; the app never runs it (a year of a large ledger takes seconds here).
import type Database from 'better-sqlite3';
import type { DailyPoint, TimeRange } from '../../../shared/core/ledger/types.ts';
import {
  CACHE_HIT_SQL,
  DRAFTER_ANSWERED_SQL,
  DRAFT_UNVERIFIED_SQL,
  DRAFTER_ELIGIBLE_SQL,
  MODEL_RAN_SQL,
  PRICED_SQL,
  toModelCost,
  toSummary,
  toDomainCost,
  toTagCost,
  toTopQuery,
  type DomainRow,
  type AuditRow,
  type CallSummaryRow,
  type LedgerAnalytics,
  type ModelRow,
  type QuerySummaryRow,
  type TagRow,
  type TopRow,
} from './ledger-analytics.ts';

const IN_RANGE = 'created_at >= @from AND created_at < @to';

interface RawDailyRow {
  day: string;
  queries: number;
  cost: number;
  baseline: number;
  escalated: number;
  cache_hits: number;
  quality: number | null;
}

function tagSql(column: 'user_id' | 'feature'): string {
  return `SELECT COALESCE(${column}, '(none)') AS tag, COUNT(*) AS queries, SUM(cost_nano) AS cost,
      COALESCE(SUM(baseline_cost_nano), 0) AS baseline,
      COALESCE(SUM(CASE WHEN ${PRICED_SQL} THEN COALESCE(baseline_cost_nano, 0) - cost_nano END), 0) AS savings,
      SUM(NOT ${PRICED_SQL}) AS unknown
    FROM queries WHERE ${IN_RANGE}
    GROUP BY tag ORDER BY cost DESC, tag`;
}

export function createRawLedgerAnalytics(db: Database.Database): LedgerAnalytics {
  const querySummary = db.prepare<TimeRange, QuerySummaryRow>(`
    SELECT COUNT(*) AS queries,
      COALESCE(SUM(cost_nano), 0) AS cost,
      COALESCE(SUM(baseline_cost_nano), 0) AS baseline,
      COALESCE(SUM(CASE WHEN ${PRICED_SQL} THEN baseline_cost_nano - cost_nano END), 0) AS savings,
      COALESCE(SUM(CASE WHEN ${PRICED_SQL} THEN baseline_cost_nano END), 0) AS savings_baseline,
      COALESCE(SUM(${PRICED_SQL} AND baseline_cost_nano IS NOT NULL), 0) AS with_baseline,
      COALESCE(SUM(${DRAFTER_ELIGIBLE_SQL}), 0) AS eligible,
      COALESCE(SUM(${DRAFTER_ANSWERED_SQL}), 0) AS drafted,
      COALESCE(SUM(${DRAFT_UNVERIFIED_SQL}), 0) AS unverified_drafts,
      COALESCE(SUM(escalated), 0) AS escalated,
      COALESCE(SUM(cost_complete = 0), 0) AS unknown,
      COALESCE(SUM(${CACHE_HIT_SQL}), 0) AS cache_hits,
      COALESCE(SUM(CASE WHEN ${CACHE_HIT_SQL} THEN baseline_cost_nano - cost_nano END), 0) AS cache_savings,
      COALESCE(SUM(${CACHE_HIT_SQL} AND baseline_cost_nano IS NOT NULL), 0) AS cache_with_baseline
    FROM queries WHERE ${IN_RANGE}`);

  const callSummary = db.prepare<TimeRange, CallSummaryRow>(`
    SELECT
      COALESCE(SUM(CASE WHEN c.local = 1 THEN c.input_tokens + c.output_tokens END), 0) AS local_tokens,
      COALESCE(SUM(CASE WHEN c.local = 0 THEN c.input_tokens + c.output_tokens END), 0) AS cloud_tokens,
      COALESCE(SUM(CASE WHEN c.local = 1 THEN c.cost_nano END), 0) AS local_cost,
      COALESCE(SUM(CASE WHEN c.local = 0 THEN c.cost_nano END), 0) AS cloud_cost
    FROM queries q JOIN calls c ON c.query_id = q.id
    WHERE q.created_at >= @from AND q.created_at < @to`);

  const auditSummary = db.prepare<TimeRange, AuditRow>(`
    SELECT COUNT(*) AS audited, COALESCE(SUM(a.agrees = 0), 0) AS disagreed
    FROM audits a JOIN queries q ON q.id = a.query_id
    WHERE q.created_at >= @from AND q.created_at < @to`);

  const daily = db.prepare<TimeRange, RawDailyRow>(`
    WITH q AS (
      SELECT created_at, cost_nano, baseline_cost_nano, escalated, ${CACHE_HIT_SQL} AS cache_hit,
        (SELECT c.quality_score FROM calls c WHERE c.query_id = queries.id AND c.accepted = 1
          ORDER BY c.seq DESC LIMIT 1) AS quality
      FROM queries WHERE ${IN_RANGE}
    )
    SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day,
      COUNT(*) AS queries, SUM(cost_nano) AS cost, COALESCE(SUM(baseline_cost_nano), 0) AS baseline,
      SUM(escalated) AS escalated, SUM(cache_hit) AS cache_hits, AVG(CASE WHEN cache_hit = 0 THEN quality END) AS quality
    FROM q GROUP BY day ORDER BY day`);

  const byModel = db.prepare<TimeRange, ModelRow>(`
    SELECT c.model, c.provider, c.local, COUNT(*) AS calls,
      SUM(c.input_tokens) AS input_tokens, SUM(c.output_tokens) AS output_tokens,
      COALESCE(SUM(c.cost_nano), 0) AS cost, SUM(c.cost_nano IS NULL) AS unknown
    FROM queries q JOIN calls c ON c.query_id = q.id
    WHERE q.created_at >= @from AND q.created_at < @to AND ${MODEL_RAN_SQL}
    GROUP BY c.model, c.provider, c.local
    ORDER BY cost DESC, calls DESC, c.model, c.provider, c.local`);

  const top = db.prepare<TimeRange & { limit: number }, TopRow>(`
    SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated
    FROM queries WHERE ${IN_RANGE}
    ORDER BY cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit`);

  const byTag = {
    user: db.prepare<TimeRange, TagRow>(tagSql('user_id')),
    feature: db.prepare<TimeRange, TagRow>(tagSql('feature')),
  } satisfies Record<'user' | 'feature', unknown>;

  const byDomain = db.prepare<TimeRange, DomainRow>(`
    SELECT domain, COUNT(*) AS queries, SUM(cost_nano) AS cost, COALESCE(SUM(baseline_cost_nano), 0) AS baseline,
      SUM(escalated) AS escalated, SUM(${DRAFTER_ELIGIBLE_SQL}) AS eligible, SUM(${DRAFTER_ANSWERED_SQL}) AS drafted,
      SUM(${DRAFT_UNVERIFIED_SQL}) AS unverified_drafts, SUM(cost_complete = 0) AS unknown, SUM(${CACHE_HIT_SQL}) AS cache_hits
    FROM queries WHERE ${IN_RANGE}
    GROUP BY domain ORDER BY cost DESC, queries DESC, domain`);

  const bounds = (r: TimeRange): TimeRange => ({ from: r.from, to: r.to });

  return {
    summary(range) {
      const q = querySummary.get(bounds(range));
      const c = callSummary.get(bounds(range));
      const a = auditSummary.get(bounds(range));
      if (q === undefined || c === undefined || a === undefined) throw new Error('aggregate query returned no row');
      return toSummary(q, c, a);
    },

    daily(range): DailyPoint[] {
      return daily.all(bounds(range)).map((r) => ({
        day: r.day,
        queries: r.queries,
        costNano: r.cost,
        baselineCostNano: r.baseline,
        escalated: r.escalated,
        cacheHits: r.cache_hits,
        avgQuality: r.quality,
      }));
    },

    costByModel: (range) => byModel.all(bounds(range)).map(toModelCost),
    topQueries: (range, limit) => top.all({ ...bounds(range), limit }).map(toTopQuery),
    costByTag: (range, tag) => byTag[tag].all(bounds(range)).map(toTagCost),
    costByDomain: (range) => byDomain.all(bounds(range)).map(toDomainCost),
  };
}
