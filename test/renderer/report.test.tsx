import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../shared/core/monitoring/alert-types.ts';
import type { CostReport } from '../../shared/core/monitoring/report.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { recommendationFigure } from '../../renderer/src/features/reports/recommendation-figure.ts';
import { reportFile } from '../../renderer/src/features/reports/report-export.ts';
import { ReportsView } from '../../renderer/src/features/reports/reports-view.tsx';
import { useAlertsStore } from '../../renderer/src/stores/spend-alerts.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { useReportStore } from '../../renderer/src/stores/spend-report.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';

const NANO = 1e9;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2025, 0, 8);

function report(period: CostReport['period'] = 'week'): CostReport {
  return {
    generatedAt: TO,
    period,
    range: { from: FROM, to: TO },
    totals: { queries: 40, costNano: 2 * NANO, avgCostNano: 0.05 * NANO, baselineCostNano: 8 * NANO, savingsNano: 6 * NANO, savingsRatio: 0.75, escalated: 18, draftsUnverified: 3, cacheHits: 0, cacheSavingsNano: 0, unknownPriceQueries: 0, localCostNano: 0.1 * NANO, cloudCostNano: 1.9 * NANO },
    usage: { multiTierQueries: 40, verifierQueries: 18, scoredQueries: 40, avgQuality: 0.81, drafterEligible: 40, failedQueries: 0, drafterAcceptanceRate: 0.55, verifierUsageRate: 0.45, falseAcceptRate: null, audited: 0 },
    models: [
      { model: 'llama3.2:3b', provider: 'ollama', local: true, calls: 40, inputTokens: 4000, outputTokens: 8000, costNano: 0.1 * NANO, unknownPriceCalls: 0 },
      { model: 'gpt-4o', provider: 'openai', local: false, calls: 18, inputTokens: 1800, outputTokens: 3600, costNano: 1.9 * NANO, unknownPriceCalls: 0 },
    ],
    topQueries: [{ id: 'q1', createdAt: FROM + 1000, conversationId: null, prompt: 'prove the theorem', finalModel: 'gpt-4o', costNano: 0.3 * NANO, escalated: true } as CostReport['topQueries'][number]],
    byUser: [{ tag: 'alice', queries: 30, costNano: 1.5 * NANO, baselineCostNano: 6 * NANO, savingsNano: 4.5 * NANO, unknownPriceQueries: 0 }],
    byFeature: [{ tag: 'support', queries: 10, costNano: 0.5 * NANO, baselineCostNano: 2 * NANO, savingsNano: 1.5 * NANO, unknownPriceQueries: 0 }],
    byDomain: [
      { domain: 'code', queries: 25, costNano: 1.6 * NANO, baselineCostNano: 5 * NANO, escalated: 15, drafterEligible: 25, draftsAccepted: 8, drafterAcceptanceRate: 0.32, cacheHits: 0, unknownPriceQueries: 0 },
      { domain: 'general', queries: 15, costNano: 0.4 * NANO, baselineCostNano: 3 * NANO, escalated: 3, drafterEligible: 15, draftsAccepted: 14, drafterAcceptanceRate: 14 / 15, cacheHits: 0, unknownPriceQueries: 0 },
    ],
    daily: [],
    budgets: [{ name: 'daily', spentNano: 4.6 * NANO, limitNano: 5 * NANO }],
    recommendations: [
      { id: 'low_acceptance', severity: 'warning', message: 'The drafter answers only 55.0% of queries.', metric: 'drafter_acceptance_rate', value: 0.55, threshold: 0.6 },
      { id: 'high_verifier_usage', severity: 'warning', message: 'The verifier is called on 45.0% of queries.', metric: 'verifier_usage_pct', value: 0.45, threshold: 0.4 },
      { id: 'budget_nearly_spent', severity: 'warning', message: 'Budget "daily" is 92.0% spent.', metric: 'budget:daily', value: 0.92, threshold: 0.9 },
      { id: 'failed_queries', severity: 'warning', message: '3 of 40 queries got no answer: check them with `cascadeflow models`.', metric: 'failed_query_share', value: 0.075, threshold: 0.05 },
    ],
  };
}

/** What report.get gives for a period without a query (a new ledger). */
function emptyReport(period: CostReport['period'] = 'week'): CostReport {
  const full = report(period);
  return {
    ...full,
    totals: { queries: 0, costNano: 0, avgCostNano: null, baselineCostNano: 0, savingsNano: 0, savingsRatio: null, escalated: 0, draftsUnverified: 0, cacheHits: 0, cacheSavingsNano: 0, unknownPriceQueries: 0, localCostNano: 0, cloudCostNano: 0 },
    usage: { multiTierQueries: 0, verifierQueries: 0, scoredQueries: 0, avgQuality: null, drafterEligible: 0, failedQueries: 0, drafterAcceptanceRate: null, verifierUsageRate: null, falseAcceptRate: null, audited: 0 },
    models: [],
    topQueries: [],
    byUser: [],
    byFeature: [],
    byDomain: [],
    budgets: null,
    recommendations: [{ id: 'no_queries', severity: 'info', message: 'No queries in this period, so there is nothing to judge yet.', metric: null, value: null, threshold: null }],
  };
}

const alert: Alert = {
  id: 'a1',
  createdAt: FROM,
  source: 'anomaly',
  metric: 'query_cost',
  name: 'Cost spike',
  condition: 'greater_than',
  unit: 'usd',
  threshold: 0.02,
  value: 0.3,
  zScore: 6.2,
  message: 'a query cost $0.30.',
  queryId: 'q1',
  actions: ['banner'],
  webhook: null,
  dismissedAt: null,
};

function readBlob(b: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!b) return reject(new Error('no blob'));
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(b);
  });
}

function reportApi(): FakeApi {
  return createFakeApi({
    'report.get': ({ period }) => ok(report(period ?? 'week')),
    'alerts.list': () => ok({ alerts: [alert] }),
    'alerts.dismiss': () => ok({ dismissed: 1 }),
  });
}

beforeEach(() => {
  useReportStore.setState({ period: 'week', report: null, status: 'idle', error: null });
  useAlertsStore.setState({ active: [], history: [], historyLoaded: false, error: null });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('reports view', () => {
  it('shows totals, model usage, top queries, users, features and budgets of the week', async () => {
    const fake = reportApi();
    setApi(fake);
    render(<ReportsView />);
    expect((await screen.findByTestId('report-cost')).textContent).toContain('$2.00');
    expect(fake.callsOf('report.get')).toEqual([{ period: 'week', top: 10 }]);
    expect(screen.getByTestId('report-baseline').textContent).toContain('$8.00');
    expect(screen.getByTestId('report-savings').textContent).toContain('$6.00');
    expect(screen.getByTestId('report-savings').textContent).toContain('75.0%');
    expect(screen.getByTestId('report-queries').textContent).toContain('40');
    // The chat marks a draft kept unverified "unverified", not "escalated": the count says the split.
    expect(screen.getByTestId('report-queries').textContent).toContain('18 escalated, 3 of them kept unverified (verifier failed)');
    expect(screen.getByTestId('report-acceptance').textContent).toContain('55.0%');
    expect(screen.getByTestId('report-verifier').textContent).toContain('45.0%');
    expect(screen.getByTestId('report-verifier').textContent).toContain('the verifier was called on 18 of 40 queries');
    expect(within(screen.getByTestId('report-models')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('report-top-queries').textContent).toContain('prove the theorem');
    expect(screen.getByTestId('report-user').textContent).toContain('alice');
    expect(screen.getByTestId('report-feature').textContent).toContain('support');
    expect(screen.getByTestId('report-budgets').textContent).toContain('92%');
  });

  it('says "price unknown" for a model, domain or user with no known cost, not $0.00, and whose saving leaves the unpriced out', async () => {
    const r = report();
    const unpriced: CostReport = {
      ...r,
      totals: { ...r.totals, unknownPriceQueries: 93, savingsRatio: 0.7 },
      models: [
        ...r.models,
        { model: 'acme-legal-13b', provider: 'openai-compatible', local: false, calls: 93, inputTokens: 9300, outputTokens: 3100, costNano: 0, unknownPriceCalls: 93 },
        { model: 'mixed-7b', provider: 'openai-compatible', local: false, calls: 10, inputTokens: 1000, outputTokens: 300, costNano: 0.25 * NANO, unknownPriceCalls: 4 },
      ],
      byUser: [{ tag: 'carol', queries: 93, costNano: 0, baselineCostNano: 0.6 * NANO, savingsNano: 0, unknownPriceQueries: 93 }],
      byDomain: [{ domain: 'legal', queries: 93, costNano: 0, baselineCostNano: 0.6 * NANO, escalated: 0, drafterEligible: 93, draftsAccepted: 93, drafterAcceptanceRate: 1, cacheHits: 0, unknownPriceQueries: 93 }],
    };
    setApi(createFakeApi({ 'report.get': () => ok(unpriced), 'alerts.list': () => ok({ alerts: [] }) }));
    render(<ReportsView />);
    const row = (testId: string, name: string) => within(screen.getByTestId(testId)).getAllByRole('row').find((tr) => tr.textContent?.includes(name))?.textContent ?? '';
    await screen.findByTestId('report-models');
    expect(row('report-models', 'acme-legal-13b')).toContain('price unknown');
    expect(row('report-models', 'acme-legal-13b')).not.toContain('$0.00');
    expect(row('report-models', 'mixed-7b')).toContain('$0.25+4 unpriced');
    expect(row('report-domain', 'legal')).toContain('price unknown');
    expect(row('report-domain', 'legal')).not.toContain('$0.00$0.60');
    expect(row('report-user', 'carol')).toContain('price unknown');
    expect(screen.getByTestId('report-savings').textContent).toContain('70.0% of the baseline, without the 93 queries of unknown price');
  });

  it('shows each domain with its drafter acceptance, so the one the drafter misses stands out', async () => {
    setApi(reportApi());
    render(<ReportsView />);
    const rows = within(await screen.findByTestId('report-domain')).getAllByRole('row').map((row) => [...row.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows.slice(1)).toEqual([
      ['code', '25', '32.0% of 25', '15', '$1.60', '$5.00'],
      ['general', '15', '93.3% of 15', '3', '$0.40', '$3.00'],
    ]);
  });

  it('shows the answers from the cache beside the acceptance that leaves them out, overall and by domain', async () => {
    // 46 queries: the 40 of the week's report plus 6 answered from the cache (4 of them code).
    const base = report();
    const withHits: CostReport = {
      ...base,
      totals: { ...base.totals, queries: 46, cacheHits: 6, cacheSavingsNano: 0.6 * NANO },
      byDomain: base.byDomain.map((d) => (d.domain === 'code' ? { ...d, queries: 29, cacheHits: 4 } : { ...d, queries: 17, cacheHits: 2 })),
    };
    setApi(createFakeApi({ 'report.get': () => ok(withHits), 'alerts.list': () => ok({ alerts: [] }) }));
    render(<ReportsView />);
    const acceptance = await screen.findByTestId('report-acceptance');
    expect(acceptance.textContent).toContain('55.0%');
    expect(acceptance.textContent).toContain('of 40 answered queries');
    expect(screen.getByTestId('report-acceptance-cache').textContent).toBe('6 answered from cache, saving $0.60');
    // The verifier's denominator leaves them out too, and says so.
    expect(screen.getByTestId('report-verifier').textContent).toContain('the verifier was called on 18 of 40 queries; 6 queries answered from cache');
    const rows = within(screen.getByTestId('report-domain')).getAllByRole('row').map((row) => [...row.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['code', '29 (4 from cache)', '32.0% of 25'],
      ['general', '17 (2 from cache)', '93.3% of 15'],
    ]);
  });

  it('shows each recommendation with the figure that triggered it', async () => {
    setApi(reportApi());
    render(<ReportsView />);
    const low = await screen.findByTestId('rec-low_acceptance');
    expect(within(low).getByTestId('rec-figure').textContent).toBe('drafter acceptance 55.0% (target at least 60.0%)');
    expect(low.querySelector('.badge')?.textContent).toBe('warning');
    expect(within(screen.getByTestId('rec-high_verifier_usage')).getByTestId('rec-figure').textContent).toBe('verifier usage 45.0% (target at most 40.0%)');
    expect(within(screen.getByTestId('rec-budget_nearly_spent')).getByTestId('rec-figure').textContent).toBe('budget daily spent 92.0% (target at most 90.0%)');
    // A command in a recommendation reads as code, as in error messages.
    expect(screen.getByTestId('rec-failed_queries').querySelector('code')?.textContent).toBe('cascadeflow models');
  });

  it('asks for the period picked', async () => {
    const fake = reportApi();
    setApi(fake);
    render(<ReportsView />);
    await screen.findByTestId('report-cost');
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    await waitFor(() => expect(useReportStore.getState().report?.period).toBe('month'));
    expect(fake.callsOf('report.get').at(-1)).toEqual({ period: 'month', top: 10 });
  });

  it('lists the alerts and dismisses one', async () => {
    const fake = reportApi();
    setApi(fake);
    render(<ReportsView />);
    const row = await screen.findByTestId('alert-row');
    expect(row.textContent).toContain('Cost spike');
    expect(row.textContent).toContain('$0.30 > $0.02, z = 6.2');
    fireEvent.click(within(row).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.getByTestId('alert-row').textContent).toContain('dismissed'));
    expect(fake.callsOf('alerts.dismiss')).toEqual([{ id: 'a1' }]);
  });

  it('marks a saving good and a loss bad, and says when there is no baseline to compare with', async () => {
    setApi(reportApi());
    render(<ReportsView />);
    expect((await screen.findByTestId('report-savings')).className).toBe('stat-card stat-good');
    expect(screen.getByTestId('report-baseline').textContent).toBe('Verifier alone$8.00every query sent to the top tier');
    cleanup();

    const loss = report();
    loss.totals = { ...loss.totals, savingsNano: -1 * NANO, savingsRatio: null };
    setApi(createFakeApi({ 'report.get': () => ok(loss), 'alerts.list': () => ok({ alerts: [] }) }));
    useReportStore.setState({ report: null, status: 'idle' });
    render(<ReportsView />);
    const saved = await screen.findByTestId('report-savings');
    expect(saved.className).toBe('stat-card stat-bad');
    expect(saved.textContent).toBe('Saved−$1.00no baseline yet');
  });

  it('says a period without queries has nothing to report, as Savings does, instead of a wall of zeros', async () => {
    setApi(createFakeApi({ 'report.get': ({ period }) => ok(emptyReport(period ?? 'week')), 'alerts.list': () => ok({ alerts: [] }) }));
    render(<ReportsView />);
    const empty = await screen.findByTestId('report-empty');
    expect(empty.querySelector('h2')?.textContent).toBe('No queries in this period');
    expect(empty.querySelector('.empty-state-body')?.textContent).toBe(
      'Every answer is recorded with its tokens and cost. Ask a few questions in Chat (or with cascadeflow ask) and the report shows what they cost, which models answered and what to change, or pick a longer period.',
    );
    expect(empty.querySelector('code')?.textContent).toBe('cascadeflow ask');
    for (const id of ['report-totals', 'report-usage', 'report-recommendations']) expect(screen.queryByTestId(id)).toBeNull();
    expect(document.body.textContent).not.toContain('price unknown');
    // Nothing to download either, as on Savings.
    expect(screen.getByTestId<HTMLButtonElement>('report-export-csv').disabled).toBe(true);
    // The alerts below still say where their rules are set, the config key as code.
    await waitFor(() => expect(screen.getByTestId('alerts-list').querySelector('code')?.textContent).toBe('alerts'));
    fireEvent.click(within(empty).getByRole('button', { name: 'Ask something in Chat' }));
    expect(useNavStore.getState().view).toBe('chat');
  });

  it('keeps a warning above the empty state: a budget can run low in a period without queries', async () => {
    const r = emptyReport('day');
    r.recommendations = [{ id: 'budget_nearly_spent', severity: 'warning', message: 'Budget "monthly" is 92.0% spent.', metric: 'budget:monthly', value: 0.92, threshold: 0.9 }];
    setApi(createFakeApi({ 'report.get': () => ok(r), 'alerts.list': () => ok({ alerts: [] }) }));
    useReportStore.setState({ period: 'day' });
    render(<ReportsView />);
    expect((await screen.findByTestId('rec-budget_nearly_spent')).textContent).toContain('92.0% spent');
    expect(screen.getByTestId('report-empty')).toBeTruthy();
  });

  it('downloads the report in the chosen format', async () => {
    setApi(reportApi());
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    // jsdom cannot navigate to a download; the click itself is what the browser would act on.
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<ReportsView />);
    await screen.findByTestId('report-cost');
    fireEvent.click(screen.getByTestId('report-export-csv'));
    expect(created).toHaveLength(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(await readBlob(created[0])).toContain('totals,,cost_usd,2');
    click.mockRestore();
  });
});

describe('report export', () => {
  it('writes Markdown, long-form CSV and JSON with the figures', () => {
    const r = report();
    const md = reportFile(r, 'markdown');
    expect(md.filename).toBe('cascadeflow-report-week-2025-01-08.md');
    expect(md.content).toContain('| Cost | $2.00 |');
    expect(md.content).toContain('| alice | 30 | $1.50 | $6.00 |');
    const csv = reportFile(r, 'csv').content.split('\r\n');
    expect(csv[0]).toBe('section,key,metric,value');
    expect(csv).toContain('totals,,savings_usd,6');
    expect(csv).toContain('recommendation,low_acceptance,drafter_acceptance_rate,0.55');
    expect(JSON.parse(reportFile(r, 'json').content)).toEqual(r);
  });

  it('says which figure a recommendation rests on, and nothing for a healthy report', () => {
    expect(recommendationFigure({ id: 'quality_below_target', severity: 'warning', message: '', metric: 'avg_quality', value: 0.61, threshold: 0.7 })).toBe('average quality 0.610 (target at least 0.700)');
    expect(recommendationFigure({ id: 'unknown_prices', severity: 'warning', message: '', metric: 'unknown_price_queries', value: 3, threshold: 0 })).toBe('queries without a price 3 (target at most 0)');
    expect(recommendationFigure({ id: 'failed_queries', severity: 'warning', message: '', metric: 'failed_query_share', value: 0.5, threshold: 0.05 })).toBe('queries without an answer 50.0% (target at most 5.0%)');
    expect(recommendationFigure({ id: 'domain_low_acceptance', severity: 'warning', message: '', metric: 'drafter_acceptance_rate:code', value: 0.32, threshold: 0.6 })).toBe('code drafter acceptance 32.0% (target at least 60.0%)');
    expect(recommendationFigure({ id: 'healthy', severity: 'info', message: '', metric: null, value: null, threshold: null })).toBeNull();
  });
});
