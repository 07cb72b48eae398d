// Break-even with inputs whose break-even volume runs past a hundred million queries a month:
// every figure in the view's cards must show whole, in the default window, in the smallest one,
// and in the narrowest window that still puts the inputs beside the results (where the cards
// are narrowest). A figure cut to "112,169,4…" reads as a different number. The same for a GPU
// bought outright: its monthly figure, its payback, and the three ways to pay in their box.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/window-options.ts';
import { startApp, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const { minWidth, minHeight } = mainWindowOptions('');

/**
 * Every figure in the Break-even cards (stat values, itemised amounts, the volume beside the
 * verdict) whose text is wider than its box or was shortened with an ellipsis. A string: this
 * file is compiled without the DOM library.
 */
const CUT_FIGURES = `[...document.querySelectorAll('[data-testid="break-even-view"] :is(.stat-value, td.num, .card-sub)')]
  .filter((el) => el.getBoundingClientRect().width > 0)
  .filter((el) => el.scrollWidth > el.clientWidth || (el.textContent || '').includes('…'))
  .map((el) => (el.textContent || '').trim() + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')')`;

/** Options of the GPU payment choice that stick out of its box (the box does not grow to fit them). */
const OPTIONS_OUTSIDE_THEIR_BOX = `[...document.querySelectorAll('[data-testid="break-even-view"] .segmented')]
  .flatMap((box) => [...box.querySelectorAll('button')].filter((b) => b.getBoundingClientRect().right > box.getBoundingClientRect().right + 0.5))
  .map((b) => (b.textContent || '').trim())`;

describe.skipIf(!chromiumPath)('Break-even figures at every window size', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    [1280, 800],
    [1101, 800],
    [minWidth, minHeight],
  ])('shows a break-even past 100M queries whole at %ix%i', async (width, height) => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await page.getByTestId('nav-break-even').click();
    await page.getByTestId('break-even-result').waitFor();
    // The default workload with $19,300 a month of upkeep: self-hosting only wins from
    // 113,723,077 queries a month.
    await page.locator('#be-maintenanceUsdPerMonth').fill('19300');
    await page.getByTestId('break-even-result').filter({ hasText: 'breaks even at 113.7M queries/month' }).waitFor();
    await page.getByTestId('break-even-queries').scrollIntoViewIfNeeded();

    // Polled, for layout that follows a resize a frame later; a layout that really overflows
    // never settles. (The chart's canvas used to keep its old width here until chart.js's resize
    // observer ran, sometimes never in this harness: pages.css now holds it to its box.)
    await expect.poll(() => page.evaluate(CUT_FIGURES), { timeout: 5_000 }).toEqual([]);
    await expect.poll(() => hiddenContent(page), { timeout: 5_000 }).toEqual([]);
    // Short enough for its card, and the exact figure a hover away.
    const breakEven = page.getByTestId('break-even-queries').locator('.stat-value');
    expect(await breakEven.innerText()).toBe('113.7M');
    expect(await breakEven.getAttribute('title')).toBe('113,723,077 queries a month');
    await app.screenshot(`break-even-large-${width}`);
  });

  it.each([
    [1280, 800],
    [1101, 800],
    [minWidth, minHeight],
  ])('states what a bought GPU comes to a month, and when it pays for itself, whole at %ix%i', async (width, height) => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await page.getByTestId('nav-break-even').click();
    await page.getByRole('button', { name: 'Reset' }).click();
    // Three ways to pay side by side in the inputs column, none cut off.
    await page.getByRole('radio', { name: 'Bought' }).click();
    await expect.poll(() => page.getByTestId('be-write-off').innerText()).toBe('$2,000 GPU over 24 months = $83.33 a month per GPU.');
    // The default workload (1M queries, 500 in / 300 out on gpt-4o-mini, 1,200 tokens/s at 300 W
    // and $0.15/kWh, $100 maintenance): a month saves $255 of drafts - $3.125 electricity - $100 =
    // $151.875; $2,000 / $151.875 = 13.2 -> 14 months.
    const payback = page.getByTestId('be-payback');
    await expect.poll(() => payback.innerText()).toBe(
      'The $2,000 GPU pays for itself after 14 months at 1,000,000 queries/month: it saves $151.88 a month over drafting on gpt-4o-mini, after electricity and maintenance.',
    );
    await page.getByRole('radio', { name: 'Bought' }).scrollIntoViewIfNeeded();
    await expect.poll(() => page.evaluate(OPTIONS_OUTSIDE_THEIR_BOX), { timeout: 5_000 }).toEqual([]);
    await expect.poll(() => hiddenContent(page), { timeout: 5_000 }).toEqual([]);
    await payback.scrollIntoViewIfNeeded();
    await expect.poll(() => page.evaluate(CUT_FIGURES), { timeout: 5_000 }).toEqual([]);
    await expect.poll(() => hiddenContent(page), { timeout: 5_000 }).toEqual([]);
    await app.screenshot(`break-even-bought-${width}`);
  });
});
