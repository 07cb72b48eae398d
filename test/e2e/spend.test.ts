// Budgets, alerts, the forecast and the Reports page against a real server: a budget and an
// alert rule in the config, queries through the fakes, a backdated history imported through
// backup.import so the forecast has days to fit, then every figure checked against the API
// and the SQLite ledger. Savings and Reports are screenshotted at 1280x800 and 1920x1080.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppConfig } from '../../shared/core/config/schema.ts';
import type { BudgetStatus } from '../../shared/core/budget/types.ts';
import type { Alert } from '../../shared/core/monitoring/alert-types.ts';
import type { CostForecast } from '../../shared/core/monitoring/forecast.ts';
import type { CostReport } from '../../shared/core/monitoring/report.ts';
import { formatNano, formatNanoHeadline } from '../../renderer/src/lib/format.ts';
import { apiValue, defaultConfig, scrollView, sendMessage, startApp, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const DAY_MS = 86_400_000;
const RULE = 'e2e spend watch';

const call = <T>(app: E2eApp, method: string, input: unknown): Promise<T> => apiValue<T>(app.page, method, input);

/** Cost of the queries recorded since `from` (epoch ms), straight from the ledger file. */
function spentSince(dbPath: string, from: number, userId?: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT COALESCE(SUM(cost_nano), 0) AS s FROM queries WHERE created_at >= ?${userId ? ' AND user_id = ?' : ''}`)
      .get(...(userId ? [from, userId] : [from])) as { s: number };
    return Number(row.s);
  } finally {
    db.close();
  }
}

async function shootBothSizes(app: E2eApp, name: string, scrollTo: 'top' | string): Promise<void> {
  await scrollView(app.page, scrollTo);
  await app.screenshot(name);
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await scrollView(app.page, scrollTo);
  await app.screenshot(`${name}-1920`);
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!chromiumPath)('budgets, alerts, forecast and reports in the browser', () => {
  let app: E2eApp;
  let dailyLimitNano = 0;
  let todaySpent = 0;

  beforeAll(async () => {
    app = await startApp({
      chromiumPath: chromiumPath ?? '',
      config: (fakes) => ({
        ...defaultConfig(fakes),
        alerts: { rules: [{ name: RULE, metric: 'daily_cost', condition: 'greater_than', threshold: 0, actions: ['banner'] }] },
        anomaly: { enabled: false },
        cache: { backend: 'sqlite' },
      }),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('raises the configured alert as a banner when a query is recorded, and marks a cached answer', async () => {
    const { page } = app;
    await sendMessage(page, 'What is 17 * 23?');
    await waitForAnswer(page, 1);
    await page.getByTestId('alert-banner').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('alert-banner-name').innerText()).toBe(RULE);
    expect(await page.getByTestId('alert-banner-message').innerText()).toMatch(/\$/);
    // An escalation with a user tag, through the API (the chat has no user field).
    await call(app, 'cascade.run', { prompt: 'What is 13 * 4? [[draft:13 * 4 = 56]]', userId: 'alice' });
    // The same first question in a new chat: the response cache answers it.
    await page.getByTestId('new-chat').click();
    await sendMessage(page, 'What is 17 * 23?');
    await waitForAnswer(page, 1);
    const cached = page.locator('[data-testid="assistant-message"]').last().getByTestId('answer-cached');
    expect(await cached.count()).toBe(1);
    await app.screenshot('chat-alert-banner');
  });

  it('configures budgets through config.set with a backdated history for the forecast', async () => {
    // Copies of today's queries on each of the last 21 days, through backup.import.
    const exported = await call<{ content: string }>(app, 'backup.export', {});
    type Row = { id: string; runId: string; createdAt: number; conversationId: string | null; costNano: number; baselineCostNano: number | null; calls: { costNano: number | null }[] };
    const doc = JSON.parse(exported.content) as { queries: Row[] } & Record<string, unknown>;
    // Costs vary day to day (as real traffic does) so the forecast has noise to draw a band from.
    const scale = (nano: number, d: number) => Math.round(nano * (1 + 0.4 * Math.sin(d * 1.7)));
    const copies = [];
    for (let d = 1; d <= 21; d++) {
      for (const q of doc.queries) {
        const calls = q.calls.map((c) => ({ ...c, costNano: c.costNano === null ? null : scale(c.costNano, d) }));
        copies.push({
          ...q,
          id: `${q.id}-d${d}`,
          runId: `${q.runId}-d${d}`,
          createdAt: q.createdAt - d * DAY_MS,
          conversationId: null,
          // A query costs what its calls cost (backup.import refuses anything else).
          costNano: calls.reduce((sum, c) => sum + (c.costNano ?? 0), 0),
          calls,
        });
      }
    }
    await call(app, 'backup.import', { document: { ...doc, settings: [], conversations: [], audits: [], queries: copies }, mode: 'merge' });

    const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    todaySpent = spentSince(app.dbPath, dayStart);
    expect(todaySpent).toBeGreaterThan(0);
    // 90% of today's spend: past the default nearLimitRatio (80%), below the limit.
    dailyLimitNano = Math.round(todaySpent / 0.9);
    const { config } = await call<{ config: AppConfig }>(app, 'config.get', {});
    await call(app, 'config.set', {
      config: { ...config, budget: { daily: { limitUsd: dailyLimitNano / 1e9 }, monthly: { limitUsd: 1000 }, users: { alice: { daily: { limitUsd: 0.000001 } } } } },
    });
    const status = await call<BudgetStatus>(app, 'budget.status', {});
    expect(status.budgets.map((b) => [b.name, b.state])).toEqual([
      ['daily', 'near'],
      ['monthly', 'ok'],
      ['user:alice:daily', 'over'],
    ]);
  });

  it('Savings shows the budget bars and the forecast chart with the API figures', async () => {
    const { page } = app;
    await page.getByTestId('nav-savings').click();
    const bars = page.getByTestId('budgets');
    const daily = bars.getByTestId('budget-daily');
    await daily.waitFor();
    expect(await daily.getAttribute('data-state')).toBe('near');
    const status = await call<BudgetStatus>(app, 'budget.status', {});
    const d = status.budgets.find((b) => b.name === 'daily');
    expect(d?.spentNano).toBe(todaySpent);
    expect(await daily.getByTestId('budget-figures').innerText()).toContain(`${formatNano(todaySpent)} of ${formatNano(d?.limitNano)}`);
    expect(await bars.getByTestId('budget-user:alice:daily').getAttribute('data-state')).toBe('over');
    expect(await bars.getByTestId('budget-monthly').getAttribute('data-state')).toBe('ok');
    // The compact bar in the navigation shows the worst one.
    expect(await page.getByTestId('nav-budget').getByTestId('budget-user:alice:daily').count()).toBe(1);

    const forecast = await call<CostForecast>(app, 'forecast.get', { days: 30, growth: 1 });
    expect(forecast.method).not.toBe('none');
    expect(forecast.upperNano).toBeGreaterThan(forecast.totalNano);
    await page.locator('[data-testid="forecast-chart"] canvas').waitFor();
    expect(await page.getByTestId('forecast-total').innerText()).toBe(formatNanoHeadline(forecast.totalNano));
    expect(await page.getByTestId('forecast-range').innerText()).toBe(`${formatNanoHeadline(forecast.lowerNano)} to ${formatNanoHeadline(forecast.upperNano)}`);

    await page.getByTestId('forecast-growth').fill('50');
    const grown = await call<CostForecast>(app, 'forecast.get', { days: 30, growth: 1.5 });
    await page.getByText(formatNanoHeadline(grown.totalNano), { exact: true }).waitFor();

    await shootBothSizes(app, 'savings-budgets', '[data-testid="budgets"]');
    await shootBothSizes(app, 'savings-forecast', '[data-testid="forecast"]');
  });

  it('Reports shows the week with the ledger figures, recommendations and the alert', async () => {
    const { page } = app;
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-cost').waitFor();
    const report = await call<CostReport>(app, 'report.get', { period: 'week', top: 10 });
    expect(report.totals.costNano).toBe(spentSince(app.dbPath, report.range.from));
    expect(await page.getByTestId('report-cost').innerText()).toContain(formatNanoHeadline(report.totals.costNano));
    expect(await page.getByTestId('report-baseline').innerText()).toContain(formatNanoHeadline(report.totals.baselineCostNano));
    expect(await page.getByTestId('report-savings').innerText()).toContain(formatNanoHeadline(report.totals.savingsNano));
    expect(await page.getByTestId('report-queries').innerText()).toContain(String(report.totals.queries));
    expect(await page.getByTestId('report-user').innerText()).toContain('alice');
    expect(await page.locator('[data-testid="report-top-queries"] tbody tr').count()).toBe(report.topQueries.length);
    for (const rec of report.recommendations) expect(await page.getByTestId(`rec-${rec.id}`).count()).toBeGreaterThan(0);
    const row = page.getByTestId('alert-row').filter({ hasText: RULE });
    expect(await row.count()).toBe(1);
    await shootBothSizes(app, 'reports', 'top');
    await shootBothSizes(app, 'reports-alerts', '[data-testid="alerts-list"]');

    await page.getByRole('radio', { name: 'Last 30 days' }).click();
    const month = await call<CostReport>(app, 'report.get', { period: 'month', top: 10 });
    await page.getByTestId('report-queries').getByText(String(month.totals.queries), { exact: false }).waitFor();
  });

  it("the banner's All alerts opens Reports at the alerts list, far down the page", async () => {
    const { page } = app;
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('alert-banner-all').click();
    const list = page.getByTestId('alerts-list');
    await list.waitFor();
    // Scrolled as far as the page goes towards it: its top inside the window.
    await expect.poll(() => list.evaluate((el: { getBoundingClientRect(): { top: number } }) => el.getBoundingClientRect().top), { timeout: 10_000 }).toBeLessThan(700);
    expect(await page.evaluate("document.querySelector('.page')?.scrollTop ?? 0")).toBeGreaterThan(0);
  });

  it('dismisses the banner on the server', async () => {
    const { page } = app;
    await page.getByTestId('alert-banner-dismiss').click();
    await page.getByTestId('alert-banner').waitFor({ state: 'detached' });
    const { alerts } = await call<{ alerts: Alert[] }>(app, 'alerts.list', { includeDismissed: true });
    const mine = alerts.filter((a) => a.name === RULE);
    expect(mine.length).toBe(1);
    expect(mine[0]?.dismissedAt).not.toBeNull();
    await page.reload();
    await page.getByTestId('nav-reports').waitFor();
    expect(await page.getByTestId('alert-banner').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
