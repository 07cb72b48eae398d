// Savings, Break-even and Models & Settings against a real server with a few recorded
// queries; each view is screenshotted at 1280x800 and 1920x1080, light and dark.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportLedgerCsv, exportLedgerJson } from '../../electron/node/sqlite/ledger-export.ts';
import { formatNano, formatNanoColumn, formatNanoHeadline, formatPct } from '../../renderer/src/lib/format.ts';
import { SEED_EXAMPLE } from '../core/breakeven/fixtures.ts';
import { apiCall, DRAFTER, scrollView, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import './provided.ts';
import { elapsedDays, presetRange } from '../../renderer/src/features/savings/range.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

interface LedgerRows {
  queries: { id: string; costNano: number; baselineNano: number; finalTier: number; escalated: boolean; userId: string | null; feature: string | null }[];
  calls: { local: boolean; costNano: number | null }[];
}

/** The rows this test's queries left in the server's SQLite file, read straight from the tables. */
function readLedger(dbPath: string): LedgerRows {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const queries = db.prepare('SELECT id, cost_nano, baseline_cost_nano, final_tier, escalated, user_id, feature FROM queries').all() as Record<string, unknown>[];
    const calls = db.prepare('SELECT local, cost_nano FROM calls').all() as Record<string, unknown>[];
    return {
      queries: queries.map((q) => ({
        id: String(q['id']),
        costNano: Number(q['cost_nano']),
        baselineNano: Number(q['baseline_cost_nano']),
        finalTier: Number(q['final_tier']),
        escalated: q['escalated'] === 1,
        userId: typeof q['user_id'] === 'string' ? q['user_id'] : null,
        feature: typeof q['feature'] === 'string' ? q['feature'] : null,
      })),
      calls: calls.map((c) => ({ local: c['local'] === 1, costNano: c['cost_nano'] === null ? null : Number(c['cost_nano']) })),
    };
  } finally {
    db.close();
  }
}

/** The whole ledger as the export writes it (the test's rows all lie in the range the page shows). */
function exportOf(dbPath: string, format: 'csv' | 'json'): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const parts: string[] = [];
    (format === 'csv' ? exportLedgerCsv : exportLedgerJson)(db, { from: 0, to: 8.64e15 }, (c) => parts.push(c));
    return parts.join('');
  } finally {
    db.close();
  }
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** 1280x800 and 1920x1080 (and, for a view's first screen, 1920x1080 dark). */
async function shootBothSizes(app: E2eApp, name: string, scrollTo: 'top' | string = 'top'): Promise<void> {
  await scrollView(app.page, scrollTo);
  await app.screenshot(name);
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await scrollView(app.page, scrollTo);
  await app.screenshot(`${name}-1920`);
  if (scrollTo === 'top') {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`${name}-dark`);
    await app.page.emulateMedia({ colorScheme: 'light' });
  }
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!chromiumPath)('views in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
    // Two answers on the ledger: one accepted draft, one escalation.
    await sendMessage(app.page, 'What is 17 * 23?');
    await waitForAnswer(app.page, 1);
    await sendMessage(app.page, 'What is 13 * 4? [[draft:13 * 4 = 56]]');
    await waitForAnswer(app.page, 2);
    // Two more through the API with user and feature tags (the chat has no field for them).
    for (const [prompt, userId, feature] of [
      ['What is 6 * 7?', 'alice', 'support'],
      ['What is 9 * 9? [[draft:9 * 9 = 18]]', 'bob', 'search'],
    ] as const) {
      const r = (await apiCall(app.page, 'cascade.run', { prompt, userId, feature })) as { ok: boolean };
      expect(r.ok).toBe(true);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('chat lays out at both window sizes', async () => {
    expect(await hiddenContent(app.page)).toEqual([]);
    await shootBothSizes(app, 'chat-conversation');
  });

  it('Savings shows exactly the figures of the ledger rows this test created', async () => {
    const { page } = app;
    const rows = readLedger(app.dbPath);
    expect(rows.queries).toHaveLength(4);
    const spent = sum(rows.queries.map((q) => q.costNano));
    const baseline = sum(rows.queries.map((q) => q.baselineNano));
    const saved = baseline - spent;
    const accepted = rows.queries.filter((q) => q.finalTier === 0).length;
    const escalated = rows.queries.filter((q) => q.escalated).length;
    const localEnergy = sum(rows.calls.filter((c) => c.local).map((c) => c.costNano ?? 0));
    // The rows must be worth checking: both kinds of answer, and a cost on each side.
    expect(escalated).toBe(2);
    expect(accepted).toBe(2);
    expect(spent).toBeGreaterThan(0);
    expect(localEnergy).toBeGreaterThan(0);

    await page.getByTestId('nav-savings').click();
    await page.getByTestId('stat-spent').waitFor();
    const text = (id: string) => page.getByTestId(id).innerText();
    expect(await text('stat-spent')).toContain(formatNanoHeadline(spent));
    expect(await text('stat-baseline')).toContain(formatNanoHeadline(baseline));
    expect(await text('stat-saved')).toContain(formatNanoHeadline(saved));
    expect(await text('stat-saved')).toContain(`${formatPct(saved / baseline, 1)} of the baseline`);
    expect(await text('stat-queries')).toContain('4');
    expect(await text('stat-queries')).toContain(`${escalated} escalated`);
    expect(await text('stat-acceptance')).toContain(formatPct(accepted / 4, 1));
    expect(await text('stat-avg-cost')).toContain(formatNano(spent / 4));
    expect(await text('stat-local-energy')).toContain(formatNanoHeadline(localEnergy));
    expect(await text('stat-false-accepts')).toContain('–');
    await page.getByTestId('savings-gauge-value').waitFor();
    expect(await text('savings-gauge-value')).toContain(formatPct(saved / baseline, 1));
    // Projected from the part of the 30 days shown that has passed (29 days and today so far): a month is 365/12 days.
    const now = Date.now();
    const passed = elapsedDays(presetRange('30d', now), now);
    expect(await text('roi-month')).toContain(formatNanoHeadline((saved / passed) * (365 / 12)));
    expect(await text('roi-year')).toContain(formatNanoHeadline((saved / passed) * 365));

    // The most expensive query first, each with its own cost.
    const top = page.getByTestId('top-queries');
    // A column's amounts share one precision (formatNanoColumn).
    const costs = await top.locator('tbody td.num').allInnerTexts();
    expect(costs).toEqual(formatNanoColumn([...rows.queries].sort((a, b) => b.costNano - a.costNano).map((q) => q.costNano)));
    expect(await top.innerText()).toContain(VERIFIER);
    // Cost by user and by feature, per tag, each column as the table writes it.
    const column = (tagOf: (q: (typeof rows.queries)[number]) => string, value: (qs: typeof rows.queries) => number): Map<string, string> => {
      const groups = new Map<string, typeof rows.queries>();
      for (const q of rows.queries) groups.set(tagOf(q), [...(groups.get(tagOf(q)) ?? []), q]);
      const sorted = [...groups].sort(([ta, a], [tb, b]) => sum(b.map((q) => q.costNano)) - sum(a.map((q) => q.costNano)) || ta.localeCompare(tb));
      const shown = formatNanoColumn(sorted.map(([, qs]) => value(qs)));
      return new Map(sorted.map(([tag], i) => [tag, shown[i] ?? '']));
    };
    const userCost = column((q) => q.userId ?? '(none)', (qs) => sum(qs.map((q) => q.costNano)));
    const featureSaved = column((q) => q.feature ?? '(none)', (qs) => sum(qs.map((q) => q.baselineNano - q.costNano)));
    for (const q of rows.queries.filter((x) => x.userId !== null)) {
      const row = page.getByTestId('tags-user').locator('tr').filter({ hasText: q.userId ?? '' });
      expect(await row.innerText()).toContain(userCost.get(q.userId ?? '') ?? 'missing');
      const byFeature = page.getByTestId('tags-feature').locator('tr').filter({ hasText: q.feature ?? '' });
      expect(await byFeature.innerText()).toContain(featureSaved.get(q.feature ?? '') ?? 'missing');
    }

    // Export the range: the browser saves the file the server streams (GET /api/downloads/<id>),
    // byte for byte the ledger's export, every query of the range in it.
    // Named by the 30 days shown, in the browser's own calendar: today is the last one.
    const days = await page.evaluate(() => {
      const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const first = new Date();
      first.setDate(first.getDate() - 29);
      return `${day(first)}-to-${day(new Date())}`;
    });
    for (const format of ['CSV', 'JSON'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: format, exact: true }).click()]);
      const content = readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename()).toBe(`cascadeflow-ledger-${days}.${format.toLowerCase()}`);
      expect(download.url()).toMatch(/\/api\/downloads\/[A-Za-z0-9_-]{22}$/);
      expect(content).toBe(exportOf(app.dbPath, format === 'CSV' ? 'csv' : 'json'));
      for (const q of rows.queries) expect(content).toContain(q.id);
      if (format === 'CSV') expect(content.split('\r\n').filter((line) => /^[0-9a-f-]{36},/.test(line))).toHaveLength(4);
      else expect((JSON.parse(content) as unknown[]).length).toBe(4);
      expect(await text('export-status')).toBe(`Download of 4 queries started: ${download.suggestedFilename()}`);
    }

    await page.locator('[data-testid="savings-view"] canvas').first().waitFor();
    expect(await page.locator('[data-testid="savings-view"] canvas').count()).toBe(5);
    expect(await hiddenContent(page)).toEqual([]);
    await shootBothSizes(app, 'savings');
    await shootBothSizes(app, 'savings-tables', '[data-testid="roi"]');

    // A row opens its conversation.
    await scrollView(page, '[data-testid="top-queries"]');
    await top.locator('tr.clickable').first().click();
    await page.getByTestId('assistant-message').first().waitFor();
    expect(page.url()).toMatch(/#\/chat\/.+/);
  });

  it('Savings points from an empty range to the ledger\'s queries and shows them in one click', async () => {
    const { page } = app;
    await page.getByTestId('nav-savings').click();
    await page.getByRole('radio', { name: 'Custom' }).click();
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByLabel('From').fill('2020-01-01');
    const extent = page.getByTestId('ledger-extent');
    await extent.waitFor();
    // This test's queries were recorded within seconds: one day, as the browser's calendar names it.
    const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
    const last = (db.prepare('SELECT MAX(created_at) AS t FROM queries').get() as { t: number }).t;
    db.close();
    const day = await page.evaluate(`new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(${last})`);
    expect(await extent.innerText()).toBe(`Your ledger's queries are all from ${String(day)}.`);
    expect(await hiddenContent(page)).toEqual([]);
    await app.screenshot('savings-empty-range');

    await page.getByTestId('show-newest-queries').click();
    await page.getByTestId('stat-queries').waitFor();
    expect(await page.getByTestId('stat-queries').innerText()).toContain('4');
    await page.getByRole('radio', { name: '30 days' }).click();
  });

  it('Break-even computes live, flags bad input on the field, and uses my numbers', async () => {
    const { page } = app;
    await page.getByTestId('nav-break-even').click();
    await page.getByTestId('break-even-result').waitFor();
    const volume = page.getByLabel('Queries per month');
    await volume.fill('-3');
    await page.getByText('Must not be negative.').waitFor();
    expect(await page.getByTestId('break-even-result').count()).toBe(0);
    await volume.fill('250000');
    await page.getByTestId('break-even-result').waitFor();
    expect(await page.getByTestId('break-even-result').innerText()).toContain('250,000');

    // The default drafter is gpt-4o-mini at its list price: filling my numbers keeps it picked.
    const drafter = page.locator('#be-cloudDrafter-model');
    await expect.poll(() => drafter.inputValue()).toBe('gpt-4o-mini');
    await page.getByTestId('use-my-numbers').click();
    await page.getByText(/From your last 30 days: 4 queries/).waitFor();
    expect(await drafter.inputValue()).toBe('gpt-4o-mini');
    // The verifier's price comes from the models list (the e2e config's own price for gpt-4o).
    expect(await page.locator('#be-verifier-model').inputValue()).toBe(VERIFIER);
    expect(await page.locator('#be-verifierIn').inputValue()).toBe('2.5');
  });

  it('Break-even shows the hand-checked seed example: 5M queries, $200 GPU, 70% accepted', async () => {
    const { page } = app;
    const e = SEED_EXAMPLE;
    const fill = async (field: string, value: string | number) => page.locator(`#be-${field}`).fill(String(value));
    await page.getByRole('radio', { name: 'Fixed monthly' }).click();
    await fill('monthlyQueries', e.monthlyQueries);
    await fill('inputTokensPerQuery', e.inputTokensPerQuery);
    await fill('outputTokensPerQuery', e.outputTokensPerQuery);
    await fill('acceptancePct', e.drafterAcceptanceRate * 100);
    await fill('cloudDrafterName', e.cloudDrafterName);
    await fill('cloudDrafterIn', e.cloudDrafterPrice.inputPerMTok);
    await fill('cloudDrafterOut', e.cloudDrafterPrice.outputPerMTok);
    await fill('verifierName', e.verifierName);
    await fill('verifierIn', e.verifierPrice.inputPerMTok);
    await fill('verifierOut', e.verifierPrice.outputPerMTok);
    await fill('usdPerMonth', e.selfHost.usdPerMonth);
    await fill('gpuWatts', e.gpuWatts);
    await fill('electricityUsdPerKwh', e.electricityUsdPerKwh);
    await fill('maintenanceUsdPerMonth', e.maintenanceUsdPerMonth);
    await fill('throughputTokensPerSec', e.throughputTokensPerSec);
    await fill('maxUtilizationPct', 70);

    const text = (id: string) => page.getByTestId(id).innerText();
    // By hand (test/core/breakeven/seed-example.test.ts): $10,000 / $3,600 / $3,350 a month,
    // break-even at 2,727,273 queries, one GPU 47.6% busy.
    await page.getByTestId('be-cloud-only').filter({ hasText: '$10,000' }).waitFor();
    expect(await text('be-cloud-drafter')).toContain('$3,600.00');
    expect(await text('be-self-hosted')).toContain('$3,350.00');
    expect(await text('break-even-queries')).toContain('2,727,273');
    expect(await page.getByTestId('be-gpus').locator('.stat-value').innerText()).toBe('1');
    expect(await text('be-gpus')).toContain('48% busy');
    expect(await text('be-best-saving')).toContain('$6,650.00');
    expect(await text('break-even-result')).toContain(
      'Self-host: at 5,000,000 queries/month a self-hosted drafter (1 GPU, 48% busy) saves $250.00/month over gpt-4o-mini; break-even at 2,727,273 queries/month.',
    );
    await page.locator('[data-testid="break-even-view"] canvas').waitFor();
    expect(await hiddenContent(page)).toEqual([]);
    await shootBothSizes(app, 'break-even');
    await shootBothSizes(app, 'break-even-chart', '[data-testid="break-even-chart"]');
  });

  it('Models & Settings detects Ollama, prices local models by energy, and puts config errors on the field', async () => {
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const table = page.getByTestId('models-table');
    await table.waitFor();
    expect(await table.innerText()).toContain(DRAFTER);
    expect(await table.innerText()).toContain(VERIFIER);
    // A local model is charged its electricity: never "price unknown".
    const local = table.locator('tr').filter({ hasText: DRAFTER });
    expect(await local.innerText()).toContain('energy (local)');
    expect(await local.innerText()).not.toContain('price unknown');
    // Ollama is found on opening the page, with its installed models.
    const installed = page.getByTestId('ollama-installed-models');
    await installed.waitFor();
    for (const m of ['llama3.2:3b', 'llama3.1:8b', 'qwen2.5:7b']) expect(await installed.innerText()).toContain(m);

    const model = page.locator('#tier-0-model');
    await model.fill('');
    await page.getByTestId('save-settings').click();
    const fieldError = page.locator('.tier').first().locator('.field-error');
    await fieldError.first().waitFor();
    expect(await page.locator('#tier-0-model').getAttribute('value')).toBe('');
    // The keyboard lands on the mistake, which says it is invalid and why (its error text).
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('tier-0-model');
    expect(await model.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await model.getAttribute('aria-describedby')}`).innerText()).toBe(await fieldError.first().innerText());
    // Said once, by the page's one status region (the Save bar's message), naming the field.
    expect(await page.getByTestId('settings-status').innerText()).toBe('Not saved: 1 field needs attention: Model (tier 1).');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await app.screenshot('settings-refused-fields');
    await model.fill(DRAFTER);

    // A domain with its own one-model cascade, and a price of our own.
    await page.getByTestId('add-domain').click();
    await page.getByTestId('save-settings').click();
    await page.getByText('give the domain a name').waitFor();
    await page.locator('#domain-0-name').fill('code');
    await page.locator('#domain-0-keywords').fill('python, rust');
    await page.locator('#domain-0-tier-0-model').fill('qwen2.5:7b');
    await page.getByTestId('domains-editor').getByRole('button', { name: 'Remove tier 2' }).click();
    await page.getByTestId('add-price').click();
    await page.getByLabel('Model of price row 1').fill('gpt-4.1-mini');
    await page.getByLabel('Input price for gpt-4.1-mini', { exact: true }).fill('0.4');
    await page.getByLabel('Output price for gpt-4.1-mini', { exact: true }).fill('1.6');
    await page.getByTestId('save-settings').click();
    await page.getByText('Saved. New questions use these settings.').waitFor();

    const saved = (await apiCall(page, 'config.get', {})) as { ok: boolean; value: { config: { domains: unknown; prices: unknown } } };
    expect(saved.value.config.domains).toEqual({ code: { tiers: [{ model: 'qwen2.5:7b', provider: 'ollama' }], keywords: ['python', 'rust'] } });
    expect(saved.value.config.prices).toEqual({ 'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 } });
    await table.locator('tr').filter({ hasText: 'domain code, tier 1' }).waitFor();

    expect(await hiddenContent(page)).toEqual([]);
    await shootBothSizes(app, 'settings');
    await shootBothSizes(app, 'settings-cascade', '[data-testid="tier-list"]');
    await shootBothSizes(app, 'settings-domains', '[data-testid="domains-editor"]');
  });

  it('Models & Settings keeps unsaved edits through a visit to another view, marked in the navigation', async () => {
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const watts = page.locator('#gpu-watts');
    await watts.waitFor();
    const before = await watts.inputValue();
    await watts.fill('451');
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('composer-input').waitFor();
    // Elsewhere, the navigation says edits are waiting (a dot, and words for a screen reader).
    await page.getByRole('button', { name: 'Models & Settings (unsaved changes)' }).click();
    await page.getByTestId('tier-list').waitFor();
    expect(await watts.inputValue()).toBe('451');
    // In sight at the top of the page, not only at its end.
    const bar = page.getByTestId('save-bar');
    expect(await bar.innerText()).toContain('Unsaved changes');
    const box = await bar.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y + box.height <= viewport.height).toBe(true);
    await bar.getByRole('button', { name: 'Discard' }).click();
    expect(await watts.inputValue()).toBe(before);
    expect(await page.getByTestId('nav-settings').innerText()).toBe('Models & Settings');
  });

  it('Models & Settings says when another tab saved, refuses to save over a hand-edited config file, and a tab with unsaved edits asks before closing', async () => {
    const { page } = app;
    const file = join(app.dir, 'config.json');
    const fileConfig = () => JSON.parse(readFileSync(file, 'utf8')) as { instructions?: string; local: { gpuWatts: number } };
    await page.getByTestId('nav-settings').click();
    const watts = page.locator('#gpu-watts');
    await watts.waitFor();
    const wattsBefore = await watts.inputValue();
    await watts.fill('452');

    // A second tab saves while this one has unsaved edits: this one says so at once (config.changed).
    const tab = await app.context.newPage();
    await tab.goto(app.url);
    await tab.getByTestId('nav-settings').click();
    await tab.locator('#instructions').fill('Answer briefly.');
    await tab.getByTestId('save-settings').click();
    await tab.getByText('Saved. New questions use these settings.').waitFor();
    const notice = page.getByTestId('settings-changed-elsewhere');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('changed elsewhere (another window, the command line or the config file) since you started editing');
    expect(await watts.inputValue()).toBe('452');
    await app.screenshot('settings-changed-elsewhere');
    await page.getByRole('button', { name: 'Load them, dropping my edits' }).click();
    await expect.poll(() => watts.inputValue()).toBe(wattsBefore);
    expect(await page.locator('#instructions').inputValue()).toBe('Answer briefly.');

    // The config file edited by hand while the app runs: a Save refuses to write over it.
    await watts.fill('453');
    writeFileSync(file, `${JSON.stringify({ ...fileConfig(), instructions: 'Answer in French.' }, null, 2)}\n`);
    await page.getByTestId('save-settings').click();
    await expect.poll(() => notice.innerText()).toContain('Not saved: The saved settings were changed elsewhere');
    expect(await page.getByTestId('settings-status').textContent()).toBe(await notice.innerText());
    expect(fileConfig().instructions).toBe('Answer in French.');
    await app.screenshot('settings-conflict-refused');
    // Overwritten on purpose: this tab's whole form, the hand edit replaced.
    await page.getByTestId('save-settings-anyway').click();
    await page.getByText('Saved. New questions use these settings.').waitFor();
    expect(fileConfig()).toMatchObject({ instructions: 'Answer briefly.', local: { gpuWatts: 453 } });

    // Closing a tab with unsaved edits asks first; one without edits closes without a question.
    const question = new Promise<string>((resolve) => tab.once('dialog', (d) => void d.accept().then(() => resolve(d.type()))));
    await tab.locator('#instructions').click();
    await tab.keyboard.type(' Please.');
    await tab.close({ runBeforeUnload: true });
    expect(await question).toBe('beforeunload');
    expect(await page.evaluate("(() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()")).toBe(false);
  });

  it('logged no console errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
