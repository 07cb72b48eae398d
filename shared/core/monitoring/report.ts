// The cost report (`cascadeflow report`, `report.get`): the ledger's figures for a period plus
// recommendations, each computed from a figure and carrying it, so a reader can check why.
import { formatCount } from '../pricing/money.ts';
import { counted } from '../words.ts';
import type { DailyPoint, DomainCost, LedgerSummary, ModelCost, TagCost, TimeRange, TopQuery } from '../ledger/types.ts';

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** Rolling periods ending now: a monthly report on the 1st still covers a month. */
export const PERIOD_DAYS: Record<ReportPeriod, number> = { day: 1, week: 7, month: 30 };

/** Rates are judged only over at least this many queries: five queries say nothing. */
export const MIN_QUERIES_FOR_RATES = 20;
/** The seed guide's targets: a drafter should answer 60%+, the verifier no more than 40%. */
export const MIN_DRAFTER_ACCEPTANCE = 0.6;
export const MAX_VERIFIER_USAGE = 0.4;
/** Audited drafts that disagreed with the top tier. */
export const MAX_FALSE_ACCEPT_RATE = 0.1;
export const BUDGET_WARN_SHARE = 0.9;
/** Queries without an answer: one in twenty means the setup, not bad luck. */
export const MAX_FAILED_SHARE = 0.05;

/** Usage figures the ledger's summary does not carry. Answers from the response cache are in none. */
export interface UsageFigures {
  /** Queries whose cascade had a tier above the drafter (answers from the cache left out: no model ran). */
  multiTierQueries: number;
  /** Of those, queries that called a tier above the drafter (audits excluded). */
  verifierQueries: number;
  /**
   * Queries whose answer has a quality score, and their average. Answers from the cache are left
   * out: their score is the one measured when the answer they replay was produced.
   */
  scoredQueries: number;
  avgQuality: number | null;
  /** Answered multi-tier queries (the drafter acceptance's denominator). */
  drafterEligible: number;
  /** Queries no model answered: every tier they tried failed. */
  failedQueries: number;
}

export interface BudgetFigure {
  name: string;
  spentNano: number;
  limitNano: number;
}

export interface ReportFigures {
  period: ReportPeriod | 'custom';
  range: TimeRange;
  generatedAt: number;
  summary: LedgerSummary;
  usage: UsageFigures;
  models: ModelCost[];
  topQueries: TopQuery[];
  byUser: TagCost[];
  byFeature: TagCost[];
  /** Cost and drafter acceptance per detected domain, the costliest first. */
  byDomain: DomainCost[];
  /** Domains the config gives tiers of their own (`domains`): the advice for them differs. */
  routedDomains: string[];
  daily: DailyPoint[];
  /** The configured acceptance threshold: answers should score at least this on average. */
  qualityTarget: number;
  /** Omitted when no budget is configured or the budget API is not available. */
  budgets?: BudgetFigure[];
}

export type RecommendationId =
  | 'low_acceptance'
  | 'domain_low_acceptance'
  | 'high_verifier_usage'
  | 'quality_below_target'
  | 'false_accepts'
  | 'budget_nearly_spent'
  | 'unknown_prices'
  | 'failed_queries'
  | 'no_queries'
  | 'healthy';

export interface Recommendation {
  id: RecommendationId;
  severity: 'warning' | 'info';
  message: string;
  /** The figure that triggered it and the limit it crossed (null for `healthy`). */
  metric: string | null;
  value: number | null;
  threshold: number | null;
}

export interface CostReport {
  generatedAt: number;
  period: ReportPeriod | 'custom';
  range: TimeRange;
  totals: {
    queries: number;
    costNano: number;
    avgCostNano: number | null;
    baselineCostNano: number;
    savingsNano: number;
    savingsRatio: number | null;
    escalated: number;
    /** Of the escalated, drafts returned unverified because every tier above failed. */
    draftsUnverified: number;
    /** Answered from the response cache: in the cost and savings, in no usage figure. */
    cacheHits: number;
    /** Their saving (null: unknown, no top-tier price). */
    cacheSavingsNano: number | null;
    unknownPriceQueries: number;
    localCostNano: number;
    cloudCostNano: number;
  };
  usage: UsageFigures & {
    drafterAcceptanceRate: number | null;
    verifierUsageRate: number | null;
    falseAcceptRate: number | null;
    audited: number;
  };
  models: ModelCost[];
  topQueries: TopQuery[];
  byUser: TagCost[];
  byFeature: TagCost[];
  byDomain: DomainCost[];
  daily: DailyPoint[];
  budgets: BudgetFigure[] | null;
  recommendations: Recommendation[];
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const PROMPT_CHARS = 200;

/**
 * The verifier usage rate in words, for the Reports view and `cascadeflow report` alike: "the
 * verifier was called on 5 of 13 queries". Its denominator is the queries whose cascade had a
 * tier above the drafter; when some had none, or were answered from the cache, they are named
 * rather than silently left out.
 */
export function verifierUsageWords(u: Pick<UsageFigures, 'verifierQueries' | 'multiTierQueries'>, t: Pick<CostReport['totals'], 'queries' | 'cacheHits'>, rate?: string): string {
  const cached = t.cacheHits > 0 ? `${counted(t.cacheHits, 'query', 'queries')} answered from cache` : null;
  const without = t.queries - u.multiTierQueries - t.cacheHits;
  if (u.multiTierQueries === 0) {
    if (t.queries === 0) return 'no queries in this period';
    return without > 0 ? `no query had a verifier to call${cached ? `; ${cached}` : ''}` : `no model was called: ${cached ?? 'no queries'}`;
  }
  const called = `the verifier was called on ${formatCount(u.verifierQueries)} of ${counted(u.multiTierQueries, 'query', 'queries')}${rate ? ` (${rate})` : ''}`;
  const others = without > 0 ? `${counted(without, 'other query', 'other queries')} had no verifier` : null;
  return [called, others, cached].filter((x) => x !== null).join('; ');
}

/** "3 of 40 queries", or "All 3 queries" / "The only query" when none was answered. */
function failedShareText(failed: number, queries: number): string {
  if (failed < queries) return `${failed} of ${queries} queries`;
  return queries === 1 ? 'The only query' : `All ${queries} queries`;
}

export function recommend(f: ReportFigures): Recommendation[] {
  const recs: Recommendation[] = [];
  const s = f.summary;
  // First: when models do not answer, every other figure describes a broken setup.
  const failedShare = s.queries > 0 ? f.usage.failedQueries / s.queries : 0;
  if (f.usage.failedQueries > 0 && failedShare >= MAX_FAILED_SHARE) {
    recs.push({
      id: 'failed_queries',
      severity: 'warning',
      message: `${failedShareText(f.usage.failedQueries, s.queries)} got no answer: every model they tried failed (a server down or erroring, a missing key, a rate limit or a budget). Check the models in Models & Settings (or \`cascadeflow models\`); each failed answer in the chat says what went wrong.`,
      metric: 'failed_query_share',
      value: failedShare,
      threshold: MAX_FAILED_SHARE,
    });
  }
  const acceptance = s.drafterAcceptanceRate;
  if (acceptance !== null && f.usage.drafterEligible >= MIN_QUERIES_FOR_RATES && acceptance < MIN_DRAFTER_ACCEPTANCE) {
    recs.push({
      id: 'low_acceptance',
      severity: 'warning',
      message: `The drafter's answer was accepted for ${pct(acceptance)} of ${f.usage.drafterEligible} answered queries (target ${pct(MIN_DRAFTER_ACCEPTANCE)}+): lower the quality threshold (now ${f.qualityTarget}) or use a stronger drafter.`,
      metric: 'drafter_acceptance_rate',
      value: acceptance,
      threshold: MIN_DRAFTER_ACCEPTANCE,
    });
  }
  recs.push(...domainAcceptance(f));
  const verifierUsage = f.usage.multiTierQueries > 0 ? f.usage.verifierQueries / f.usage.multiTierQueries : null;
  if (verifierUsage !== null && f.usage.multiTierQueries >= MIN_QUERIES_FOR_RATES && verifierUsage > MAX_VERIFIER_USAGE) {
    recs.push({
      id: 'high_verifier_usage',
      severity: 'warning',
      message: `${pct(verifierUsage)} of ${f.usage.multiTierQueries} queries called the verifier (target at most ${pct(MAX_VERIFIER_USAGE)}): look at which queries escalate (complexity, domain) and at the drafter's quality.`,
      metric: 'verifier_usage_pct',
      value: verifierUsage,
      threshold: MAX_VERIFIER_USAGE,
    });
  }
  const quality = f.usage.avgQuality;
  if (quality !== null && f.usage.scoredQueries >= MIN_QUERIES_FOR_RATES && quality < f.qualityTarget) {
    recs.push({
      id: 'quality_below_target',
      severity: 'warning',
      message: `Answers scored ${quality.toFixed(2)} on average over ${f.usage.scoredQueries} queries, below the acceptance threshold ${f.qualityTarget}: answers are often returned unverified or the verifier itself scores low; consider requireVerified or a stronger verifier.`,
      metric: 'avg_quality',
      value: quality,
      threshold: f.qualityTarget,
    });
  }
  if (s.falseAcceptRate !== null && s.audited >= MIN_QUERIES_FOR_RATES && s.falseAcceptRate > MAX_FALSE_ACCEPT_RATE) {
    recs.push({
      id: 'false_accepts',
      severity: 'warning',
      message: `${pct(s.falseAcceptRate)} of ${s.audited} audited drafts disagreed with the top tier (limit ${pct(MAX_FALSE_ACCEPT_RATE)}): raise the quality threshold.`,
      metric: 'false_accept_rate',
      value: s.falseAcceptRate,
      threshold: MAX_FALSE_ACCEPT_RATE,
    });
  }
  for (const b of f.budgets ?? []) {
    if (b.limitNano <= 0) continue;
    const used = b.spentNano / b.limitNano;
    if (used < BUDGET_WARN_SHARE) continue;
    recs.push({
      id: 'budget_nearly_spent',
      severity: 'warning',
      message: `Budget "${b.name}" is ${pct(used)} spent: review the top cost queries below.`,
      metric: `budget:${b.name}`,
      value: used,
      threshold: BUDGET_WARN_SHARE,
    });
  }
  if (s.unknownPriceQueries > 0) {
    const models = f.models.filter((m) => m.unknownPriceCalls > 0).map((m) => m.model);
    recs.push({
      id: 'unknown_prices',
      severity: 'warning',
      message: `${counted(s.unknownPriceQueries, 'query', 'queries')} used a model without a known price (${[...new Set(models)].join(', ') || 'unknown model'}): ${s.unknownPriceQueries === 1 ? 'its' : 'their'} cost is missing from every total and the savings leave ${s.unknownPriceQueries === 1 ? 'it' : 'them'} out; add a price in Settings or config \`prices\`.`,
      metric: 'unknown_price_queries',
      value: s.unknownPriceQueries,
      threshold: 0,
    });
  }
  if (recs.length === 0 && s.queries === 0) {
    // Nothing was measured: "within their targets" would be an all-clear about nothing.
    recs.push({ id: 'no_queries', severity: 'info', message: 'No queries in this period, so there is nothing to judge yet.', metric: null, value: null, threshold: null });
  } else if (recs.length === 0) {
    recs.push({ id: 'healthy', severity: 'info', message: 'All measured figures are within their targets.', metric: null, value: null, threshold: null });
  }
  return recs;
}

/**
 * A domain whose drafts are kept far less often than the others' (the seed guide's "code queries:
 * 50% drafter acceptance"): the drafter is fine, this kind of question is not for it, and a domain
 * route with a drafter of its own, or straight to the verifier, is the fix. When the drafter does
 * badly everywhere, low_acceptance says so and no domain is singled out.
 */
function domainAcceptance(f: ReportFigures): Recommendation[] {
  const eligible = f.byDomain.reduce((n, d) => n + d.drafterEligible, 0);
  const accepted = f.byDomain.reduce((n, d) => n + d.draftsAccepted, 0);
  const recs: Recommendation[] = [];
  for (const d of f.byDomain) {
    const rate = d.drafterAcceptanceRate;
    if (rate === null || d.drafterEligible < MIN_QUERIES_FOR_RATES || rate >= MIN_DRAFTER_ACCEPTANCE) continue;
    const restEligible = eligible - d.drafterEligible;
    if (restEligible < MIN_QUERIES_FOR_RATES) continue;
    const rest = (accepted - d.draftsAccepted) / restEligible;
    if (rest < MIN_DRAFTER_ACCEPTANCE) continue;
    const figures = `the drafter's answer was accepted for ${pct(rate)} of ${formatCount(d.drafterEligible)} answered queries (target ${pct(MIN_DRAFTER_ACCEPTANCE)}+; ${pct(rest)} for the other domains)`;
    const advice = f.routedDomains.includes(d.domain)
      ? `its route's drafter is too weak for them: give \`domains.${d.domain}\` a stronger first tier, or only its verifier.`
      : d.domain === 'general'
        ? 'the questions no domain claims are the ones the drafter misses: name their subject in a domain with keywords and tiers of its own (config `domains`).'
        : `give them a drafter of their own with a domain route (config \`domains.${d.domain}\`, Models & Settings), or send them straight to the verifier.`;
    recs.push({
      id: 'domain_low_acceptance',
      severity: 'warning',
      message: `${d.domain} queries: ${figures}: ${advice}`,
      metric: `drafter_acceptance_rate:${d.domain}`,
      value: rate,
      threshold: MIN_DRAFTER_ACCEPTANCE,
    });
  }
  return recs;
}

/** The one-word label a recommendation is shown with: a warning, the all-clear, or a note. */
export function recommendationLabel(r: Pick<Recommendation, 'id' | 'severity'>): 'warning' | 'ok' | 'note' {
  if (r.severity === 'warning') return 'warning';
  return r.id === 'healthy' ? 'ok' : 'note';
}

export function buildReport(f: ReportFigures): CostReport {
  const s = f.summary;
  return {
    generatedAt: f.generatedAt,
    period: f.period,
    range: f.range,
    totals: {
      queries: s.queries,
      costNano: s.costNano,
      avgCostNano: s.avgCostNano,
      baselineCostNano: s.baselineCostNano,
      savingsNano: s.savingsNano,
      savingsRatio: s.savingsRatio,
      escalated: s.escalated,
      draftsUnverified: s.draftsUnverified,
      cacheHits: s.cacheHits,
      cacheSavingsNano: s.cacheSavingsNano,
      unknownPriceQueries: s.unknownPriceQueries,
      localCostNano: s.localCostNano,
      cloudCostNano: s.cloudCostNano,
    },
    usage: {
      ...f.usage,
      drafterAcceptanceRate: s.drafterAcceptanceRate,
      verifierUsageRate: f.usage.multiTierQueries > 0 ? f.usage.verifierQueries / f.usage.multiTierQueries : null,
      falseAcceptRate: s.falseAcceptRate,
      audited: s.audited,
    },
    models: f.models,
    topQueries: f.topQueries.map((q) => (q.prompt.length > PROMPT_CHARS ? { ...q, prompt: `${q.prompt.slice(0, PROMPT_CHARS - 1)}…` } : q)),
    byUser: f.byUser,
    byFeature: f.byFeature,
    byDomain: f.byDomain,
    daily: f.daily,
    budgets: f.budgets ?? null,
    recommendations: recommend(f),
  };
}
