// Gathers a cost report's figures: the ledger's own analytics (summary, models, top queries,
// tags, days) plus the usage figures the summary lacks, read from the raw rows of the period.
import type Database from 'better-sqlite3';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import type { LedgerStore, TimeRange } from '../../../shared/core/ledger/types.ts';
import { buildReport, PERIOD_DAYS, type BudgetFigure, type CostReport, type ReportPeriod, type UsageFigures } from '../../../shared/core/monitoring/report.ts';
import { DAY_MS } from '../../../shared/core/monitoring/recent-queries.ts';
import { CACHE_HIT_SQL, DRAFTER_ELIGIBLE_SQL, MEASURED_QUALITY_SQL } from '../sqlite/ledger-analytics.ts';

export interface ReportRequest {
  period?: ReportPeriod | undefined;
  /** Wins over `period`. */
  range?: TimeRange | undefined;
  /** Top cost queries to list. */
  top?: number | undefined;
}

interface UsageRow {
  multi_tier: number;
  verifier: number;
  scored: number;
  avg_quality: number | null;
  eligible: number;
  failed: number;
}

// An answer served from the response cache called no model: it is neither a multi-tier query
// (the verifier usage's denominator) nor eligible for the drafter, and its quality score is the
// replayed one of the answer it serves (MEASURED_QUALITY_SQL).
const MULTI_TIER_SQL = `(top_tier > 0 AND NOT ${CACHE_HIT_SQL})`;
const USAGE_SQL = `
  SELECT COALESCE(SUM(${MULTI_TIER_SQL}), 0) AS multi_tier,
    COALESCE(SUM(${MULTI_TIER_SQL} AND used_verifier), 0) AS verifier,
    COUNT(quality) AS scored, AVG(quality) AS avg_quality,
    COALESCE(SUM(${DRAFTER_ELIGIBLE_SQL}), 0) AS eligible,
    COALESCE(SUM(status = 'failed'), 0) AS failed
  FROM (
    SELECT q.top_tier, q.status, q.cache_hit,
      EXISTS (SELECT 1 FROM calls c WHERE c.query_id = q.id AND c.tier > 0 AND c.role != 'audit') AS used_verifier,
      ${MEASURED_QUALITY_SQL} AS quality
    FROM queries q WHERE q.created_at >= @from AND q.created_at < @to
  )`;

export function usageFigures(db: Database.Database, range: TimeRange): UsageFigures {
  const r = db.prepare<TimeRange, UsageRow>(USAGE_SQL).get(range);
  if (r === undefined) throw new Error('aggregate query returned no row');
  return { multiTierQueries: r.multi_tier, verifierQueries: r.verifier, scoredQueries: r.scored, avgQuality: r.avg_quality, drafterEligible: r.eligible, failedQueries: r.failed };
}

export const DEFAULT_TOP_QUERIES = 10;

export function costReport(
  deps: { db: Database.Database; ledger: LedgerStore; config: AppConfig; now: number; budgets?: BudgetFigure[] | undefined },
  req: ReportRequest,
): CostReport {
  const period = req.range ? 'custom' : (req.period ?? 'month');
  // The range ends just after `now` so a query recorded this millisecond is in it.
  const range = req.range ?? { from: deps.now + 1 - PERIOD_DAYS[req.period ?? 'month'] * DAY_MS, to: deps.now + 1 };
  const { ledger } = deps;
  return buildReport({
    period,
    range,
    generatedAt: deps.now,
    summary: ledger.summary(range),
    usage: usageFigures(deps.db, range),
    models: ledger.costByModel(range),
    topQueries: ledger.topQueries(range, req.top ?? DEFAULT_TOP_QUERIES),
    byUser: ledger.costByTag(range, 'user'),
    byFeature: ledger.costByTag(range, 'feature'),
    byDomain: ledger.costByDomain(range),
    routedDomains: Object.keys(deps.config.domains),
    daily: ledger.daily(range),
    qualityTarget: deps.config.quality.threshold,
    ...(deps.budgets ? { budgets: deps.budgets } : {}),
  });
}
