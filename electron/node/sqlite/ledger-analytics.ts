// The ledger's read side. Whole UTC days come from the rollup tables (migration 0004, kept by
// triggers); the partial days at a range's edges come from the raw rows through the created_at
// index. A summary over a year therefore reads ~365 rollup rows plus at most two days of queries,
// however large the ledger grows. ledger-analytics-raw.ts is the plain definition these must match.
import type Database from 'better-sqlite3';
import { PROVIDER_KINDS } from '../../../shared/core/config/schema.ts';
import type { DailyPoint, DomainCost, LedgerStore, LedgerSummary, ModelCost, TagCost, TimeRange, TopQuery } from '../../../shared/core/ledger/types.ts';
import { DAY_MS, splitRange, type RangeSplit } from './ledger-range.ts';

export type LedgerAnalytics = Pick<LedgerStore, 'summary' | 'daily' | 'costByModel' | 'topQueries' | 'costByTag' | 'costByDomain'>;

/**
 * A drafter "could" have answered a query that finished with an answer and had a tier above it;
 * it answered when the answer came from tier 0, and its draft was accepted when, besides, the run
 * ended 'ok'. An 'unverified' run returned a draft the validator rejected because no tier above it
 * could answer: the drafter's answer, not an accepted one. An answer served from the response
 * cache (CACHE_HIT_SQL) is none of these: no model ran, so it says nothing about the drafter; it
 * is counted on its own. Shared with the usage profile and the report.
 */
export const CACHE_HIT_SQL = '(cache_hit = 1)';
export const DRAFTER_ELIGIBLE_SQL = "(status IN ('ok', 'unverified') AND top_tier > 0 AND cache_hit = 0)";
export const DRAFTER_ANSWERED_SQL = `(${DRAFTER_ELIGIBLE_SQL} AND final_tier = 0)`;
// A hit is always 'ok' and never escalated (migration 0012 refuses any other), so neither this nor
// `escalated` needs to leave hits out.
export const DRAFT_UNVERIFIED_SQL = "(status = 'unverified' AND top_tier > 0 AND final_tier = 0)";
export const DRAFTER_ACCEPTED_SQL = "(status = 'ok' AND top_tier > 0 AND final_tier = 0 AND cache_hit = 0)";
/**
 * A call that ran its model, over calls `c`: a hit's one call (the cached model's, at $0) did not,
 * so it is no call of that model in cost by model (migration 0013). IS NOT: finish_reason may be null.
 */
export const MODEL_RAN_SQL = "(c.finish_reason IS NOT 'cache_hit')";
/**
 * A query's answer quality counted in the averages. A hit's is the score of the answer it replays,
 * measured when that answer was produced: counting it again would weigh a question by how often
 * it is asked.
 */
export const MEASURED_QUALITY_SQL = `(CASE WHEN NOT ${CACHE_HIT_SQL} THEN answer_quality END)`;
/** Every call of the query has a known price: only then is its cost, and so its saving, known. */
export const PRICED_SQL = '(cost_complete = 1)';

export interface QuerySummaryRow {
  queries: number;
  cost: number;
  baseline: number;
  /**
   * Baseline - cost over the queries whose cost and baseline are both known: a query with a call
   * of unknown price has no known saving (its cost leaves that call out). `savings_baseline` and
   * `with_baseline` are the baseline and the count of the same queries, for the ratio.
   */
  savings: number;
  savings_baseline: number;
  with_baseline: number;
  /** Cache hits left out, as in drafted. */
  eligible: number;
  /** Answered by the drafter, accepted or returned unverified. */
  drafted: number;
  /** Of those, returned unverified. */
  unverified_drafts: number;
  escalated: number;
  unknown: number;
  cache_hits: number;
  /** The hits' baseline - cost (their cost is 0), over those with a baseline. */
  cache_savings: number;
  cache_with_baseline: number;
}

export interface CallSummaryRow {
  local_tokens: number;
  cloud_tokens: number;
  local_cost: number;
  cloud_cost: number;
}

export interface AuditRow {
  audited: number;
  disagreed: number;
}

export interface ModelRow {
  model: string;
  provider: string;
  local: number;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unknown: number;
}

export interface TopRow {
  id: string;
  created_at: number;
  conversation_id: string | null;
  prompt: string;
  final_model: string;
  cost_nano: number;
  escalated: number;
}

export interface TagRow {
  tag: string;
  queries: number;
  cost: number;
  baseline: number;
  /** Baseline - cost of the tag's queries whose cost is known. */
  savings: number;
  unknown: number;
}

export interface DomainRow {
  domain: string;
  queries: number;
  cost: number;
  baseline: number;
  escalated: number;
  eligible: number;
  drafted: number;
  unverified_drafts: number;
  unknown: number;
  cache_hits: number;
}

interface DailyRow {
  day: string;
  queries: number;
  cache_hits: number;
  cost: number;
  baseline: number;
  escalated: number;
  quality_sum: number;
  quality_n: number;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function toSummary(q: QuerySummaryRow, c: CallSummaryRow, a: AuditRow): LedgerSummary {
  return {
    queries: q.queries,
    costNano: q.cost,
    baselineCostNano: q.baseline,
    savingsNano: q.savings,
    savingsRatio: q.with_baseline > 0 ? ratio(q.savings, q.savings_baseline) : null,
    drafterAcceptanceRate: ratio(q.drafted - q.unverified_drafts, q.eligible),
    draftsAccepted: q.drafted - q.unverified_drafts,
    draftsUnverified: q.unverified_drafts,
    answeredAbove: q.eligible - q.drafted,
    avgCostNano: q.queries > 0 ? Math.round(q.cost / q.queries) : null,
    escalated: q.escalated,
    cacheHits: q.cache_hits,
    // Unknown, not $0, when every hit's top tier lacks a price.
    cacheSavingsNano: q.cache_hits > 0 && q.cache_with_baseline === 0 ? null : q.cache_savings,
    unknownPriceQueries: q.unknown,
    localTokens: c.local_tokens,
    cloudTokens: c.cloud_tokens,
    localCostNano: c.local_cost,
    cloudCostNano: c.cloud_cost,
    falseAcceptRate: ratio(a.disagreed, a.audited),
    audited: a.audited,
  };
}

export function toModelCost(r: ModelRow): ModelCost {
  return {
    model: r.model,
    // The provider column is unconstrained so new kinds need no table rebuild; a chart should
    // not fail over one row an older build does not recognise.
    provider: PROVIDER_KINDS.find((k) => k === r.provider) ?? 'openai-compatible',
    local: r.local === 1,
    calls: r.calls,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costNano: r.cost,
    unknownPriceCalls: r.unknown,
  };
}

export function toTopQuery(r: TopRow): TopQuery {
  return {
    id: r.id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
    prompt: r.prompt,
    finalModel: r.final_model,
    costNano: r.cost_nano,
    escalated: r.escalated === 1,
  };
}

export function toTagCost(r: TagRow): TagCost {
  return { tag: r.tag, queries: r.queries, costNano: r.cost, baselineCostNano: r.baseline, savingsNano: r.savings, unknownPriceQueries: r.unknown };
}

export function toDomainCost(r: DomainRow): DomainCost {
  const accepted = r.drafted - r.unverified_drafts;
  return {
    domain: r.domain,
    queries: r.queries,
    costNano: r.cost,
    baselineCostNano: r.baseline,
    escalated: r.escalated,
    drafterEligible: r.eligible,
    draftsAccepted: accepted,
    drafterAcceptanceRate: ratio(accepted, r.eligible),
    cacheHits: r.cache_hits,
    unknownPriceQueries: r.unknown,
  };
}

const ROLLUP_DAYS = 'day >= @fromDay AND day < @toDay';

/** The same select over the raw rows of each edge, glued with UNION ALL. */
function edges(select: (range: string) => string): string {
  return [
    select('q.created_at >= @lf AND q.created_at < @lt'),
    select('q.created_at >= @rf AND q.created_at < @rt'),
  ].join('\n    UNION ALL\n');
}

function tagSql(column: 'user_id' | 'feature'): string {
  // The day rows hold every query's baseline - cost; 0014 keeps the unpriced queries' part apart.
  return `SELECT tag, SUM(queries) AS queries, SUM(cost) AS cost, SUM(baseline) AS baseline, SUM(savings) AS savings, SUM(unknown) AS unknown FROM (
    SELECT tag, queries, cost_nano AS cost, baseline_nano AS baseline, baseline_nano - cost_nano - unpriced_savings_nano AS savings, unpriced AS unknown
    FROM ledger_daily_tag WHERE kind = @kind AND ${ROLLUP_DAYS}
    UNION ALL
    ${edges(
      (r) => `SELECT COALESCE(q.${column}, '(none)'), 1, q.cost_nano, COALESCE(q.baseline_cost_nano, 0),
      CASE WHEN ${PRICED_SQL} THEN COALESCE(q.baseline_cost_nano, 0) - q.cost_nano ELSE 0 END, NOT ${PRICED_SQL}
      FROM queries q WHERE ${r}`,
    )}
  ) GROUP BY tag HAVING SUM(queries) > 0 ORDER BY cost DESC, tag`;
}

/**
 * Walking the cost index from the top stops after `limit` rows inside the range, about
 * limit * total / inRange index entries; sorting the range reads inRange rows, each a table
 * lookup several times dearer than an index step. Measured on the benchmark ledger.
 */
const ROW_LOOKUP_VS_INDEX_STEP = 8;

export function preferCostOrder(limit: number, total: number, inRange: number): boolean {
  if (inRange <= 0) return false;
  return (limit * total) / inRange < inRange * ROW_LOOKUP_VS_INDEX_STEP;
}

export interface AnalyticsStatements {
  summary: string;
  daily: string;
  byModel: string;
  topByCost: string;
  topByTime: string;
  byTag: Record<'user' | 'feature', string>;
  byDomain: string;
}

/** Exposed so the query-plan test checks the very text the store runs. */
export const ANALYTICS_SQL: AnalyticsStatements = {
  // Each query row carries its calls' local/cloud totals and its audit counts (migration 0004),
  // so the edges are one pass over the queries in range, without joins: the unqualified
  // columns of the *_SQL conditions can only mean q's.
  summary: `
    SELECT COALESCE(SUM(queries), 0) AS queries, COALESCE(SUM(cost), 0) AS cost, COALESCE(SUM(baseline), 0) AS baseline,
      COALESCE(SUM(savings), 0) AS savings, COALESCE(SUM(savings_baseline), 0) AS savings_baseline, COALESCE(SUM(with_baseline), 0) AS with_baseline,
      COALESCE(SUM(eligible), 0) AS eligible, COALESCE(SUM(drafted), 0) AS drafted,
      COALESCE(SUM(unverified_drafts), 0) AS unverified_drafts, COALESCE(SUM(escalated), 0) AS escalated, COALESCE(SUM(unknown), 0) AS unknown,
      COALESCE(SUM(local_tokens), 0) AS local_tokens, COALESCE(SUM(cloud_tokens), 0) AS cloud_tokens,
      COALESCE(SUM(local_cost), 0) AS local_cost, COALESCE(SUM(cloud_cost), 0) AS cloud_cost,
      COALESCE(SUM(audited), 0) AS audited, COALESCE(SUM(disagreed), 0) AS disagreed,
      COALESCE(SUM(cache_hits), 0) AS cache_hits, COALESCE(SUM(cache_savings), 0) AS cache_savings,
      COALESCE(SUM(cache_with_baseline), 0) AS cache_with_baseline
    FROM (
      -- The day rows count cache hits among the eligible and drafted (0004); 0012 counts them apart.
      -- Their savings hold the queries of unknown price (0004); 0014 counts those apart.
      SELECT queries, cost_nano AS cost, baseline_nano AS baseline, savings_nano - unpriced_savings_nano AS savings,
        baseline_nano - unpriced_baseline_nano AS savings_baseline, with_baseline - unpriced_with_baseline AS with_baseline,
        eligible - cache_hits_eligible AS eligible, drafted - cache_hits_drafted AS drafted,
        drafts_unverified AS unverified_drafts, escalated, unknown_price AS unknown, local_tokens, cloud_tokens, local_cost_nano AS local_cost, cloud_cost_nano AS cloud_cost,
        audited, disagreed, cache_hits, cache_savings_nano AS cache_savings, cache_hits_with_baseline AS cache_with_baseline
      FROM ledger_daily WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges(
        (r) => `SELECT COUNT(*), SUM(q.cost_nano), SUM(q.baseline_cost_nano), SUM(CASE WHEN ${PRICED_SQL} THEN q.baseline_cost_nano - q.cost_nano END),
        SUM(CASE WHEN ${PRICED_SQL} THEN q.baseline_cost_nano END), SUM(${PRICED_SQL} AND q.baseline_cost_nano IS NOT NULL), SUM(${DRAFTER_ELIGIBLE_SQL}), SUM(${DRAFTER_ANSWERED_SQL}),
        SUM(${DRAFT_UNVERIFIED_SQL}), SUM(q.escalated), SUM(q.cost_complete = 0),
        SUM(q.local_tokens), SUM(q.cloud_tokens), SUM(q.local_cost_nano), SUM(q.cloud_cost_nano), SUM(q.audits_count), SUM(q.audits_disagreed),
        SUM(q.cache_hit), SUM(CASE WHEN ${CACHE_HIT_SQL} THEN q.baseline_cost_nano - q.cost_nano END),
        SUM(${CACHE_HIT_SQL} AND q.baseline_cost_nano IS NOT NULL)
      FROM queries q WHERE ${r}`,
      )}
    )`,

  daily: `
    SELECT day, SUM(queries) AS queries, SUM(cost) AS cost, SUM(baseline) AS baseline, SUM(escalated) AS escalated,
      SUM(quality_sum) AS quality_sum, SUM(quality_n) AS quality_n, SUM(cache_hits) AS cache_hits
    FROM (
      -- 0004 sums every answer's quality; 0013 sums the hits' apart.
      SELECT strftime('%Y-%m-%d', day * 86400, 'unixepoch') AS day, queries, cost_nano AS cost, baseline_nano AS baseline,
        escalated, quality_sum - cache_quality_sum AS quality_sum, quality_n - cache_quality_n AS quality_n, cache_hits
      FROM ledger_daily WHERE ${ROLLUP_DAYS} AND queries > 0
      UNION ALL
      ${edges(
        (r) => `SELECT strftime('%Y-%m-%d', q.created_at / 1000, 'unixepoch') AS day, COUNT(*), SUM(q.cost_nano),
        COALESCE(SUM(q.baseline_cost_nano), 0), SUM(q.escalated), COALESCE(SUM(${MEASURED_QUALITY_SQL}), 0.0), COUNT(${MEASURED_QUALITY_SQL}),
        SUM(q.cache_hit)
      FROM queries q WHERE ${r} GROUP BY 1`,
      )}
    )
    GROUP BY day ORDER BY day`,

  byModel: `
    SELECT model, provider, local, SUM(calls) AS calls, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
      SUM(cost) AS cost, SUM(unknown) AS unknown
    FROM (
      -- 0004 counts every call; 0013 counts the hits' apart.
      SELECT model, provider, local, calls - cache_calls AS calls, input_tokens - cache_input_tokens AS input_tokens,
        output_tokens - cache_output_tokens AS output_tokens, cost_nano - cache_cost_nano AS cost, unknown_price - cache_unknown_price AS unknown
      FROM ledger_daily_model WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges(
        (r) => `SELECT c.model, c.provider, c.local, 1, c.input_tokens, c.output_tokens, COALESCE(c.cost_nano, 0), c.cost_nano IS NULL
      FROM queries q CROSS JOIN calls c ON c.query_id = q.id WHERE ${r} AND ${MODEL_RAN_SQL}`,
      )}
    )
    GROUP BY model, provider, local HAVING SUM(calls) > 0
    ORDER BY cost DESC, calls DESC, model, provider, local`,

  // "+" keeps the planner off queries_created_at: the cost index already yields the order and
  // checks the range on its own created_at column, so only the `limit` winners touch the table.
  topByCost: `
    SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated
    FROM queries WHERE +created_at >= @from AND +created_at < @to
    ORDER BY cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit`,

  topByTime: `
    SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated
    FROM queries WHERE created_at >= @from AND created_at < @to
    ORDER BY +cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit`,

  byTag: { user: tagSql('user_id'), feature: tagSql('feature') },

  byDomain: `
    SELECT domain, SUM(queries) AS queries, SUM(cost) AS cost, SUM(baseline) AS baseline, SUM(escalated) AS escalated,
      SUM(eligible) AS eligible, SUM(drafted) AS drafted, SUM(unverified_drafts) AS unverified_drafts, SUM(unknown) AS unknown,
      SUM(cache_hits) AS cache_hits
    FROM (
      SELECT domain, queries, cost_nano AS cost, baseline_nano AS baseline, escalated, eligible - cache_hits_eligible AS eligible,
        drafted - cache_hits_drafted AS drafted, drafts_unverified AS unverified_drafts, unknown_price AS unknown, cache_hits
      FROM ledger_daily_domain WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges(
        (r) => `SELECT q.domain, 1, q.cost_nano, COALESCE(q.baseline_cost_nano, 0), q.escalated,
        ${DRAFTER_ELIGIBLE_SQL}, ${DRAFTER_ANSWERED_SQL}, ${DRAFT_UNVERIFIED_SQL}, q.cost_complete = 0, q.cache_hit
      FROM queries q WHERE ${r}`,
      )}
    )
    GROUP BY domain HAVING SUM(queries) > 0 ORDER BY cost DESC, queries DESC, domain`,
};

interface RangeCount {
  total: number;
  in_range: number;
}

export function createLedgerAnalytics(db: Database.Database): LedgerAnalytics {
  const summary = db.prepare<RangeSplit, QuerySummaryRow & CallSummaryRow & AuditRow>(ANALYTICS_SQL.summary);
  const daily = db.prepare<RangeSplit, DailyRow>(ANALYTICS_SQL.daily);
  const byModel = db.prepare<RangeSplit, ModelRow>(ANALYTICS_SQL.byModel);
  const topByCost = db.prepare<TimeRange & { limit: number }, TopRow>(ANALYTICS_SQL.topByCost);
  const topByTime = db.prepare<TimeRange & { limit: number }, TopRow>(ANALYTICS_SQL.topByTime);
  // Days that touch the range, so an estimate that errs on the large side.
  const rangeCount = db.prepare<{ fromDay: number; toDay: number }, RangeCount>(`
    SELECT COALESCE(SUM(queries), 0) AS total,
      COALESCE(SUM(CASE WHEN day >= @fromDay AND day < @toDay THEN queries END), 0) AS in_range
    FROM ledger_daily`);
  const byTag = {
    user: db.prepare<RangeSplit & { kind: 'user' }, TagRow>(ANALYTICS_SQL.byTag.user),
    feature: db.prepare<RangeSplit & { kind: 'feature' }, TagRow>(ANALYTICS_SQL.byTag.feature),
  };
  const byDomain = db.prepare<RangeSplit, DomainRow>(ANALYTICS_SQL.byDomain);

  return {
    summary(range): LedgerSummary {
      const row = summary.get(splitRange(range));
      if (row === undefined) throw new Error('aggregate query returned no row');
      return toSummary(row, row, row);
    },

    daily(range): DailyPoint[] {
      return daily.all(splitRange(range)).map((r) => ({
        day: r.day,
        queries: r.queries,
        costNano: r.cost,
        baselineCostNano: r.baseline,
        escalated: r.escalated,
        cacheHits: r.cache_hits,
        avgQuality: r.quality_n > 0 ? r.quality_sum / r.quality_n : null,
      }));
    },

    costByModel(range): ModelCost[] {
      return byModel.all(splitRange(range)).map(toModelCost);
    },

    topQueries(range, limit): TopQuery[] {
      const bounds = { from: range.from, to: range.to, limit };
      const counts = rangeCount.get({ fromDay: Math.floor(range.from / DAY_MS), toDay: Math.ceil(range.to / DAY_MS) });
      const byCost = counts !== undefined && preferCostOrder(limit, counts.total, counts.in_range);
      return (byCost ? topByCost : topByTime).all(bounds).map(toTopQuery);
    },

    costByTag(range, tag): TagCost[] {
      const split = splitRange(range);
      const rows = tag === 'user' ? byTag.user.all({ ...split, kind: 'user' }) : byTag.feature.all({ ...split, kind: 'feature' });
      return rows.map(toTagCost);
    },

    costByDomain(range): DomainCost[] {
      return byDomain.all(splitRange(range)).map(toDomainCost);
    },
  };
}
