// Savings, Break-even and Models & Settings against a real server with a few recorded
// queries; each view is screenshotted at 1280x800 and 1920x1080, light and dark.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DRAFTER, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

async function shootBothSizes(app: E2eApp, name: string): Promise<void> {
  await app.screenshot(name);
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await app.screenshot(`${name}-1920`);
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(`${name}-dark`);
  await app.page.emulateMedia({ colorScheme: 'light' });
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

/** Nothing may stick out of the window sideways (a layout break). */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  // Runs in the page; a string because this file is compiled without the DOM library.
  const overflow: unknown = await page.evaluate(`(() => {
    const wide = [];
    for (const el of document.querySelectorAll('.page-inner, .chat-main, .nav, .card')) {
      if (el.scrollWidth > el.clientWidth + 1) wide.push(el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
    }
    return { doc: document.documentElement.scrollWidth > window.innerWidth, wide };
  })()`);
  expect(overflow).toEqual({ doc: false, wide: [] });
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
  });

  afterAll(async () => {
    await app?.close();
  });

  it('chat lays out at both window sizes', async () => {
    await expectNoHorizontalOverflow(app.page);
    await shootBothSizes(app, 'chat-conversation');
  });

  it('Savings shows the ledger totals, charts and the most expensive queries', async () => {
    const { page } = app;
    await page.getByTestId('nav-savings').click();
    const spent = page.getByTestId('stat-spent');
    await spent.waitFor();
    expect(await spent.innerText()).toMatch(/2 queries/);
    expect(await page.getByTestId('stat-saved').innerText()).toMatch(/\$|price unknown/);
    await page.locator('[data-testid="savings-view"] canvas').first().waitFor();
    expect(await page.locator('[data-testid="savings-view"] canvas').count()).toBe(4);
    const top = page.getByTestId('top-queries');
    expect(await top.innerText()).toContain(VERIFIER);
    await expectNoHorizontalOverflow(page);
    await shootBothSizes(app, 'savings');

    // A row opens its conversation.
    await top.locator('tr.clickable').first().click();
    await page.getByTestId('assistant-message').first().waitFor();
    expect(page.url()).toMatch(/#\/chat\/.+/);
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

    await page.getByTestId('use-my-numbers').click();
    await page.getByText(/From your last 30 days: 2 queries/).waitFor();
    await page.locator('[data-testid="break-even-view"] canvas').waitFor();
    await expectNoHorizontalOverflow(page);
    await shootBothSizes(app, 'break-even');
  });

  it('Models & Settings lists the cascade models and puts config errors on the field', async () => {
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const table = page.getByTestId('models-table');
    await table.waitFor();
    expect(await table.innerText()).toContain(DRAFTER);
    expect(await table.innerText()).toContain(VERIFIER);

    const model = page.locator('#tier-0-model');
    await model.fill('');
    await page.getByTestId('save-settings').click();
    const fieldError = page.locator('.tier').first().locator('.field-error');
    await fieldError.first().waitFor();
    expect(await page.locator('#tier-0-model').getAttribute('value')).toBe('');

    await model.fill(DRAFTER);
    await page.getByTestId('save-settings').click();
    await page.getByText('Saved. New questions use these settings.').waitFor();
    await expectNoHorizontalOverflow(page);
    await shootBothSizes(app, 'settings');
  });

  it('logged no console errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
