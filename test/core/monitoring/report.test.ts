import { describe, expect, it } from 'vitest';
import type { DomainCost, LedgerSummary } from '../../../shared/core/ledger/types.ts';
import { buildReport, recommend, recommendationLabel, verifierUsageWords, type ReportFigures } from '../../../shared/core/monitoring/report.ts';
import { reportToCsv, reportToMarkdown } from '../../../shared/core/monitoring/report-format.ts';

const SUMMARY: LedgerSummary = {
  queries: 100,
  costNano: 2_000_000_000,
  baselineCostNano: 6_000_000_000,
  savingsNano: 4_000_000_000,
  savingsRatio: 4 / 6,
  drafterAcceptanceRate: 0.7,
  draftsAccepted: 70,
  draftsUnverified: 0,
  answeredAbove: 30,
  avgCostNano: 20_000_000,
  escalated: 30,
  cacheHits: 0,
  cacheSavingsNano: 0,
  unknownPriceQueries: 0,
  localTokens: 10_000,
  cloudTokens: 5_000,
  localCostNano: 1_000_000,
  cloudCostNano: 1_999_000_000,
  falseAcceptRate: 0.02,
  audited: 50,
};

function figures(over: Partial<ReportFigures> = {}, summary: Partial<LedgerSummary> = {}): ReportFigures {
  return {
    period: 'month',
    range: { from: Date.UTC(2026, 9, 29), to: Date.UTC(2026, 10, 28) },
    generatedAt: Date.UTC(2026, 10, 28),
    summary: { ...SUMMARY, ...summary },
    usage: { multiTierQueries: 100, verifierQueries: 30, scoredQueries: 100, avgQuality: 0.85, drafterEligible: 100, failedQueries: 0 },
    models: [
      { model: 'gpt-4o', provider: 'openai', local: false, calls: 30, inputTokens: 3000, outputTokens: 2000, costNano: 1_999_000_000, unknownPriceCalls: 0 },
      { model: 'llama3.2:3b', provider: 'ollama', local: true, calls: 100, inputTokens: 7000, outputTokens: 3000, costNano: 1_000_000, unknownPriceCalls: 0 },
    ],
    topQueries: [{ id: 'q-1', createdAt: Date.UTC(2026, 10, 1), conversationId: null, prompt: 'Summarise | this\nplease', finalModel: 'gpt-4o', costNano: 90_000_000, escalated: true }],
    byUser: [{ tag: 'alice', queries: 60, costNano: 1_500_000_000, baselineCostNano: 4_000_000_000, savingsNano: 2_500_000_000, unknownPriceQueries: 0 }],
    byFeature: [{ tag: 'chat', queries: 100, costNano: 2_000_000_000, baselineCostNano: 6_000_000_000, savingsNano: 4_000_000_000, unknownPriceQueries: 0 }],
    byDomain: [],
    routedDomains: [],
    daily: [],
    qualityTarget: 0.7,
    ...over,
  };
}

describe('report recommendations', () => {
  it('says healthy when every figure is within target', () => {
    expect(recommend(figures()).map((r) => r.id)).toEqual(['healthy']);
  });

  it('gives no all-clear for a period without queries: it says there is nothing to judge', () => {
    const empty = figures({ usage: { multiTierQueries: 0, verifierQueries: 0, scoredQueries: 0, avgQuality: null, drafterEligible: 0, failedQueries: 0 } }, { queries: 0, drafterAcceptanceRate: null, audited: 0, falseAcceptRate: null });
    const recs = recommend(empty);
    expect(recs.map((r) => r.id)).toEqual(['no_queries']);
    expect(reportToMarkdown(buildReport(empty))).toContain('- Note: No queries in this period, so there is nothing to judge yet.');
    // A budget still speaks for a quiet period.
    expect(recommend({ ...empty, budgets: [{ name: 'monthly', spentNano: 95, limitNano: 100 }] }).map((r) => r.id)).toEqual(['budget_nearly_spent']);
  });

  it('labels a warning, the all-clear and a note apart', () => {
    expect(recommendationLabel({ id: 'failed_queries', severity: 'warning' })).toBe('warning');
    expect(recommendationLabel({ id: 'healthy', severity: 'info' })).toBe('ok');
    expect(recommendationLabel({ id: 'no_queries', severity: 'info' })).toBe('note');
  });

  it('flags queries without an answer first, from one in twenty', () => {
    const usage = { multiTierQueries: 100, verifierQueries: 30, scoredQueries: 90, avgQuality: 0.85, drafterEligible: 90 };
    const recs = recommend(figures({ usage: { ...usage, failedQueries: 5 } }));
    expect(recs[0]).toMatchObject({ id: 'failed_queries', metric: 'failed_query_share', value: 0.05, threshold: 0.05 });
    expect(recs[0]?.message).toContain('5 of 100 queries got no answer');
    expect(recommend(figures({ usage: { ...usage, failedQueries: 4 } })).map((r) => r.id)).toEqual(['healthy']);
  });

  it('says "all" or "the only query" when no query got an answer', () => {
    const usage = { multiTierQueries: 0, verifierQueries: 0, scoredQueries: 0, avgQuality: null, drafterEligible: 0 };
    const allFailed = (queries: number) => recommend(figures({ usage: { ...usage, failedQueries: queries } }, { queries }))[0]?.message;
    expect(allFailed(3)).toMatch(/^All 3 queries got no answer: /);
    expect(allFailed(1)).toMatch(/^The only query got no answer: /);
  });

  it('flags low drafter acceptance with the figure', () => {
    const recs = recommend(figures({}, { drafterAcceptanceRate: 0.45 }));
    expect(recs).toContainEqual(expect.objectContaining({ id: 'low_acceptance', metric: 'drafter_acceptance_rate', value: 0.45, threshold: 0.6 }));
    expect(recs.find((r) => r.id === 'low_acceptance')?.message).toContain('45.0%');
    // The rate leaves out drafts returned unverified: the drafter answered those, but they were not accepted.
    expect(recs.find((r) => r.id === 'low_acceptance')?.message).toMatch(/^The drafter's answer was accepted for 45\.0% of \d+ answered queries/);
  });

  it('flags high verifier usage from the usage figures', () => {
    const recs = recommend(figures({ usage: { multiTierQueries: 80, verifierQueries: 40, scoredQueries: 80, avgQuality: 0.85, drafterEligible: 80, failedQueries: 0 } }));
    expect(recs).toContainEqual(expect.objectContaining({ id: 'high_verifier_usage', value: 0.5, threshold: 0.4 }));
  });

  it('flags quality below the configured threshold', () => {
    const recs = recommend(figures({ qualityTarget: 0.8, usage: { multiTierQueries: 100, verifierQueries: 30, scoredQueries: 90, avgQuality: 0.75, drafterEligible: 100, failedQueries: 0 } }));
    expect(recs).toContainEqual(expect.objectContaining({ id: 'quality_below_target', value: 0.75, threshold: 0.8 }));
  });

  it('flags audited false accepts', () => {
    expect(recommend(figures({}, { falseAcceptRate: 0.2, audited: 40 })).map((r) => r.id)).toEqual(['false_accepts']);
  });

  it('flags unknown prices naming the models', () => {
    const models = [{ model: 'my-finetune', provider: 'openai-compatible' as const, local: false, calls: 3, inputTokens: 1, outputTokens: 1, costNano: 0, unknownPriceCalls: 3 }];
    const rec = recommend(figures({ models }, { unknownPriceQueries: 3 })).find((r) => r.id === 'unknown_prices');
    expect(rec?.value).toBe(3);
    expect(rec?.message).toContain('my-finetune');
    expect(rec?.message).toContain('cost is missing from every total and the savings leave them out');
  });

  it('flags a budget at 90 percent', () => {
    const recs = recommend(figures({ budgets: [{ name: 'monthly', spentNano: 95, limitNano: 100 }, { name: 'daily', spentNano: 10, limitNano: 100 }] }));
    expect(recs.filter((r) => r.id === 'budget_nearly_spent').map((r) => [r.metric, r.value])).toEqual([['budget:monthly', 0.95]]);
  });

  describe('a domain the drafter misses', () => {
    const domain = (name: string, eligible: number, accepted: number, over: Partial<DomainCost> = {}): DomainCost => ({
      domain: name,
      queries: eligible,
      costNano: 1_000_000,
      baselineCostNano: 2_000_000,
      escalated: eligible - accepted,
      drafterEligible: eligible,
      draftsAccepted: accepted,
      drafterAcceptanceRate: eligible > 0 ? accepted / eligible : null,
      cacheHits: 0,
      unknownPriceQueries: 0,
      ...over,
    });
    const domainRecs = (byDomain: DomainCost[], routedDomains: string[] = []) =>
      recommend(figures({ byDomain, routedDomains })).filter((r) => r.id === 'domain_low_acceptance');

    it('is named with its acceptance against the other domains and pointed to a domain route', () => {
      const recs = domainRecs([domain('code', 50, 20), domain('general', 40, 36), domain('math', 10, 9)]);
      expect(recs).toEqual([expect.objectContaining({ metric: 'drafter_acceptance_rate:code', value: 0.4, threshold: 0.6 })]);
      // The rest: 45 of 50 accepted.
      expect(recs[0]?.message).toBe(
        "code queries: the drafter's answer was accepted for 40.0% of 50 answered queries (target 60.0%+; 90.0% for the other domains): give them a drafter of their own with a domain route (config `domains.code`, Models & Settings), or send them straight to the verifier.",
      );
    });

    it('already routed, its own drafter is what to change', () => {
      const [rec] = domainRecs([domain('code', 50, 20), domain('general', 40, 36)], ['code']);
      expect(rec?.message).toMatch(/: its route's drafter is too weak for them: give `domains\.code` a stronger first tier, or only its verifier\.$/);
    });

    it('is not singled out when the drafter misses everywhere, or on too few queries', () => {
      // Everywhere below target: low_acceptance speaks for the drafter as a whole.
      expect(domainRecs([domain('code', 50, 20), domain('general', 50, 25)])).toEqual([]);
      // 19 answered code queries say nothing yet; neither do 19 others to compare with.
      expect(domainRecs([domain('code', 19, 2), domain('general', 50, 45)])).toEqual([]);
      expect(domainRecs([domain('code', 50, 10), domain('general', 19, 19)])).toEqual([]);
      // A domain without a tier above its drafter has no acceptance to judge.
      expect(domainRecs([domain('code', 0, 0, { queries: 30 }), domain('general', 50, 45)])).toEqual([]);
    });
  });

  it('judges no rate on a handful of queries', () => {
    const few = figures({ usage: { multiTierQueries: 5, verifierQueries: 5, scoredQueries: 5, avgQuality: 0.2, drafterEligible: 5, failedQueries: 0 } }, { drafterAcceptanceRate: 0 });
    expect(recommend(few).map((r) => r.id)).toEqual(['healthy']);
  });
});

describe('report formats', () => {
  const report = buildReport(figures());

  it('copies the ledger figures into the totals', () => {
    expect(report.totals).toMatchObject({ queries: 100, costNano: 2_000_000_000, baselineCostNano: 6_000_000_000, savingsNano: 4_000_000_000 });
    expect(report.usage.verifierUsageRate).toBeCloseTo(0.3, 10);
    expect(report.budgets).toBeNull();
  });

  it('renders markdown tables with escaped cells', () => {
    const md = reportToMarkdown(report);
    expect(md).toContain('# CascadeFlow cost report: last 30 days');
    expect(md).toContain('| Cost | $2.00 |');
    expect(md).toContain('| Savings | $4.00 (66.7%) |');
    expect(md).toContain('Summarise \\| this please');
    expect(md).toContain('| alice | 60 | $1.50 | $4.00 |');
    expect(md).toContain('- OK: All measured figures are within their targets.');
  });

  it('says the verifier usage as who was called on how many queries, the rate after it', () => {
    expect(reportToMarkdown(report)).toContain('| Verifier usage | the verifier was called on 30 of 100 queries (30.0%) |');
    // Queries whose cascade had no tier above the drafter are named, not silently left out.
    const some = buildReport(figures({ usage: { multiTierQueries: 13, verifierQueries: 5, scoredQueries: 13, avgQuality: 0.9, drafterEligible: 13, failedQueries: 0 } }, { queries: 14 }));
    expect(reportToMarkdown(some)).toContain('| Verifier usage | the verifier was called on 5 of 13 queries (38.5%); 1 other query had no verifier |');
    expect(verifierUsageWords({ multiTierQueries: 0, verifierQueries: 0 }, { queries: 4, cacheHits: 0 })).toBe('no query had a verifier to call');
  });

  it('shows the answers from the cache as their own figure beside the acceptance and the verifier usage that leave them out', () => {
    // 110 queries: the 100 a model answered and 10 served from the cache.
    const r = buildReport(figures({}, { queries: 110, cacheHits: 10, cacheSavingsNano: 500_000_000 }));
    const md = reportToMarkdown(r);
    expect(md).toContain('| Drafter acceptance | 70.0% of 100 answered queries |');
    expect(md).toContain('| Answered from cache | 10 answered from cache, saving $0.50 |');
    expect(md).toContain('| Verifier usage | the verifier was called on 30 of 100 queries (30.0%); 10 queries answered from cache |');
    expect(reportToCsv(r)).toContain('totals,,cache_hits,10\r\ntotals,,cache_savings_usd,0.5\r\n');
    expect(reportToMarkdown(report)).toContain('| Answered from cache | none |');
    // An unknown saving is said, never $0; a period answered only from the cache called no model.
    expect(reportToMarkdown(buildReport(figures({}, { cacheHits: 3, cacheSavingsNano: null })))).toContain('| Answered from cache | 3 answered from cache, saving unknown (no price for the top tier) |');
    expect(reportToCsv(buildReport(figures({}, { cacheHits: 3, cacheSavingsNano: null })))).toContain('totals,,cache_savings_usd,\r\n');
    expect(verifierUsageWords({ multiTierQueries: 0, verifierQueries: 0 }, { queries: 3, cacheHits: 3 })).toBe('no model was called: 3 queries answered from cache');
    expect(verifierUsageWords({ multiTierQueries: 0, verifierQueries: 0 }, { queries: 5, cacheHits: 1 })).toBe('no query had a verifier to call; 1 query answered from cache');
  });

  it('says how many escalated queries kept their draft unverified', () => {
    expect(reportToMarkdown(report)).toContain('| Escalated queries | 30 escalated |');
    const split = buildReport(figures({}, { escalated: 5, draftsUnverified: 2 }));
    expect(reportToMarkdown(split)).toContain('| Escalated queries | 5 escalated, 2 of them kept unverified (verifier failed) |');
    expect(reportToCsv(split)).toContain('totals,,drafts_unverified,2\r\n');
  });

  it('lists cost and drafter acceptance by domain in markdown and csv', () => {
    const byDomain: DomainCost[] = [
      { domain: 'code', queries: 60, costNano: 1_500_000_000, baselineCostNano: 3_000_000_000, escalated: 30, drafterEligible: 50, draftsAccepted: 20, drafterAcceptanceRate: 0.4, cacheHits: 0, unknownPriceQueries: 2 },
      { domain: 'general', queries: 40, costNano: 500_000_000, baselineCostNano: 3_000_000_000, escalated: 0, drafterEligible: 0, draftsAccepted: 0, drafterAcceptanceRate: null, cacheHits: 0, unknownPriceQueries: 0 },
    ];
    const r = buildReport(figures({ byDomain }));
    expect(r.byDomain).toEqual(byDomain);
    const md = reportToMarkdown(r);
    expect(md).toContain('## Cost by domain\n\n| Domain | Queries | Drafter accepted | Escalated | Cost | Baseline |');
    expect(md).toContain('| code | 60 | 40.0% of 50 | 30 | $1.50 + 2 unpriced | $3.00 |');
    expect(md).toContain('| general | 40 | n/a | 0 | $0.50 | $3.00 |');
    const rows = reportToCsv(r).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows).toContainEqual(['domain', 'code', 'drafter_acceptance_rate', '0.4']);
    expect(rows).toContainEqual(['domain', 'code', 'cost_usd', '1.5']);
    expect(rows).toContainEqual(['domain', 'general', 'drafter_acceptance_rate', '']);
  });

  it('says "price unknown" for a model, user or domain with no known cost, and what the savings leave out', () => {
    const r = buildReport(
      figures(
        {
          models: [{ model: 'acme-legal-13b', provider: 'openai-compatible', local: false, calls: 93, inputTokens: 9300, outputTokens: 3100, costNano: 0, unknownPriceCalls: 93 }],
          byUser: [{ tag: 'carol', queries: 93, costNano: 0, baselineCostNano: 600_000_000, savingsNano: 0, unknownPriceQueries: 93 }],
          byDomain: [{ domain: 'legal', queries: 93, costNano: 0, baselineCostNano: 600_000_000, escalated: 0, drafterEligible: 93, draftsAccepted: 93, drafterAcceptanceRate: 1, cacheHits: 0, unknownPriceQueries: 93 }],
        },
        { unknownPriceQueries: 93 },
      ),
    );
    const md = reportToMarkdown(r);
    expect(md).toContain('| acme-legal-13b | openai-compatible | cloud | 93 | 9,300 | 3,100 | price unknown (93 unpriced) |');
    expect(md).toContain('| carol | 93 | price unknown (93 unpriced) | $0.60 |');
    expect(md).toContain('| legal | 93 | 100.0% of 93 | 0 | price unknown (93 unpriced) | $0.60 |');
    expect(md).toMatch(/\| Savings \| \$[\d.]+ \([\d.]+%; without the 93 queries of unknown price\) \|/);
    expect(md).not.toContain('$0.00 + 93');
    const rows = reportToCsv(r).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows).toContainEqual(['user', 'carol', 'unknown_price_queries', '93']);
    expect(rows).toContainEqual(['user', 'carol', 'savings_usd', '0']);
  });

  it('renders long form csv in usd', () => {
    const csv = reportToCsv(report);
    const rows = csv.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value']);
    expect(rows).toContainEqual(['totals', '', 'cost_usd', '2']);
    expect(rows).toContainEqual(['user', 'alice', 'cost_usd', '1.5']);
    expect(rows).toContainEqual(['model', 'openai/gpt-4o', 'calls', '30']);
    expect(rows).toContainEqual(['recommendation', 'healthy', 'none', '']);
  });
});
