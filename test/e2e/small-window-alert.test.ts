// An alert banner over the chat in the smallest window the desktop allows (880x560): the banner
// keeps to one line, its message cut with an ellipsis and "Details" for the rest, so the chat's
// messages keep most of the height. Two wrapped lines took 104 px and left the messages 262.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/window-options.ts';
import { defaultConfig, sendMessage, startApp, waitForAnswer, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const { minWidth, minHeight } = mainWindowOptions('');
const RULE = 'spend watch for the whole team this month';

/** Structural type: this file is compiled without the DOM library. */
type Box = { getBoundingClientRect(): { height: number; width: number }; scrollWidth: number; clientWidth: number };

describe.skipIf(!chromiumPath)(`an alert banner in the smallest window (${minWidth}x${minHeight})`, () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({
      chromiumPath: chromiumPath ?? '',
      viewport: { width: minWidth, height: minHeight },
      config: (fakes) => ({
        ...defaultConfig(fakes),
        alerts: { rules: [{ name: RULE, metric: 'daily_cost', condition: 'greater_than', threshold: 0, actions: ['banner'] }] },
        anomaly: { enabled: false },
        // Too small for a verifier's answer: every answer is the drafter's, and the navigation
        // says so beside the banner.
        budget: { daily: { limitUsd: 0.0004 }, atLimit: 'drafter-only' },
      }),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps the banner to one line and the chat its room, with the full message a click away', async () => {
    const { page } = app;
    await sendMessage(page, 'What is 13 * 4? [[draft:13 * 4 = 56]]');
    await waitForAnswer(page);
    const banner = page.getByTestId('alert-banner');
    await banner.waitFor({ timeout: 15_000 });

    const height = (selector: string) => page.locator(selector).evaluate((el: Box) => el.getBoundingClientRect().height);
    const message = page.getByTestId('alert-banner-message');
    const cut = () => message.evaluate((el: Box) => el.scrollWidth > el.clientWidth + 1);
    expect(await height('.alert-banner-dock')).toBeLessThanOrEqual(56);
    expect(await height('[data-testid="messages"]')).toBeGreaterThanOrEqual(300);
    expect(await cut()).toBe(true);
    expect(await hiddenContent(page)).toEqual([]);

    // The budget on the navigation rail: its bar and share used, within the rail; the name and
    // the amounts stay in the button's text for screen readers.
    const navBudget = page.getByTestId('nav-budget');
    await navBudget.waitFor();
    const rail = await page.locator('.nav').evaluate((el: Box) => el.getBoundingClientRect().width);
    expect(rail).toBeLessThanOrEqual(64);
    expect(await navBudget.locator('.budget-pct').isVisible()).toBe(true);
    expect(await navBudget.locator('.budget-amounts').evaluate((el: Box) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    expect(await navBudget.textContent()).toMatch(/All queries, daily\$[\d.]+ of \$0\.0004.*%.*answers drafter-only until reset/);
    expect(await navBudget.getAttribute('title')).toBe(
      'All queries, daily: too little left for a full query: answers are drafter-only until the budget resets. Open Savings to see every budget.',
    );
    await app.screenshot('small-window-alert');

    // The whole message on demand, and back to one line.
    const details = page.getByTestId('alert-banner-details');
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    await details.click();
    expect(await details.innerText()).toBe('Less');
    expect(await cut()).toBe(false);
    expect(await message.innerText()).toMatch(/^spend in the last 24 hours is \$[\d.]+, above \$0\.00 \(1 query\)\.$/);
    expect(await hiddenContent(page)).toEqual([]);
    await app.screenshot('small-window-alert-details');
    await details.click();
    expect(await height('.alert-banner-dock')).toBeLessThanOrEqual(56);

    // A taller window has room for the whole banner: no cut, no toggle.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(cut).toBe(false);
    expect(await details.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
