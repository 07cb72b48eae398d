// Every view at the smallest size the desktop window allows (electron/main/window-options.ts):
// nothing may stick out past the right edge, where it would be cut off unseen, no headline
// figure may be shortened to an ellipsis, and the chat header keeps its title beside the
// conversation's figures.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/window-options.ts';
import { sendMessage, startApp, waitForAnswer, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const { minWidth, minHeight } = mainWindowOptions('');

describe.skipIf(!chromiumPath)(`the smallest window (${minWidth}x${minHeight})`, () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '', viewport: { width: minWidth, height: minHeight } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the navigation as a rail of icons, each still named for screen readers and by its tooltip', async () => {
    const { page } = app;
    const width = await page.locator('.nav').evaluate((el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(64);
    for (const label of ['Chat', 'Savings', 'Break-even', 'Replay', 'Reports', 'Models & Settings']) {
      const item = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true });
      expect(await item.getAttribute('title')).toBe(label);
      expect(await item.locator('.nav-label').evaluate((el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    }
    // A wide window has room for the labels: no rail, no tooltips repeating them.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => page.getByTestId('nav-savings').getAttribute('title')).toBeNull();
    expect(await page.getByTestId('nav-savings').locator('.nav-label').isVisible()).toBe(true);
    await page.setViewportSize({ width: minWidth, height: minHeight });
  });

  it('keeps the empty Savings view\'s sentence whole around its inline command', async () => {
    const { page } = app;
    await page.getByTestId('nav-savings').click();
    await page.getByRole('heading', { name: 'No queries in this range' }).waitFor();
    // ")" follows the command with no break between them: in running text they share a line.
    const [code, after] = (await page.evaluate(`(() => {
      const code = document.querySelector('.empty-state-body code');
      const range = document.createRange();
      range.selectNodeContents(code.nextSibling);
      return [code.getBoundingClientRect().top, range.getClientRects()[0].top];
    })()`)) as [number, number];
    expect(Math.abs(after - code)).toBeLessThan(6);
    expect(await hiddenContent(app.page)).toEqual([]);
    await app.screenshot('small-window-savings-empty');
    await page.getByTestId('nav-chat').click();
  });

  it('shows a conversation with its title and figures, nothing cut off', async () => {
    const { page } = app;
    await sendMessage(page, 'What is 17 * 23?');
    await waitForAnswer(page);
    await sendMessage(page, 'What is 13 * 4? [[draft:13 * 4 = 56]]');
    await waitForAnswer(page, 2);
    // A reasoning drafter's thinking, opened, with a long unbroken token in it.
    await sendMessage(page, 'What is 6 * 7? [[think:6 * 7 is 42, see https://example.com/a/very/long/path/without/any/break/in/it/at/all/for/the/layout/to/wrap]]');
    await waitForAnswer(page, 3);
    await page.getByTestId('assistant-message').last().getByRole('button', { name: /^Reasoning/ }).click();
    await page.locator('.thinking-body').last().waitFor();
    const figures = page.getByTestId('conversation-figures');
    await expect.poll(() => figures.innerText()).toMatch(/spent \$[\d.]+[\s\S]*saved \$/);
    // "verifier alone" leaves the line (clipped, still read by a screen reader) and stays a hover away.
    const baseline = page.locator('.chat-figures .figure-baseline');
    expect(await baseline.evaluate((el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    const baselineFigure = (await baseline.locator('strong').textContent()) ?? '';
    expect(await figures.getByText('saved', { exact: false }).getAttribute('title')).toBe(`Saved by answering with cheaper models: the verifier alone would have cost ${baselineFigure}`);

    expect(await hiddenContent(app.page)).toEqual([]);
    const title = await page.locator('.chat-title').boundingBox();
    expect(title?.width ?? 0).toBeGreaterThanOrEqual(80);
    await app.screenshot('small-window-chat');
  });

  it.each([
    [1024, 640],
    [1100, 700],
  ])('keeps "verifier alone" in the chat header at %ix%i, where the navigation rail or the narrower list leave room', async (width, height) => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    try {
      const baseline = page.locator('.chat-figures .figure-baseline');
      await expect.poll(() => baseline.evaluate((el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width)).toBeGreaterThan(100);
      expect(await page.getByTestId('conversation-figures').innerText()).toMatch(/spent \$[\d.]+\s+verifier alone \$[\d.]+\s+saved \$/);
      expect(await hiddenContent(page)).toEqual([]);
      await app.screenshot(`chat-header-${width}`);
    } finally {
      await page.setViewportSize({ width: minWidth, height: minHeight });
    }
  });

  it.each([
    ['savings', 'savings-headline'],
    ['break-even', 'break-even-queries'],
    ['reports', 'report-totals'],
    ['settings', 'models-table'],
  ])('lays out %s without cutting anything off', async (view, loaded) => {
    const { page } = app;
    await page.getByTestId(`nav-${view}`).click();
    // The view's figures or table, which arrive after its heading.
    await page.getByTestId(loaded).waitFor();
    expect(await hiddenContent(app.page)).toEqual([]);
    await app.screenshot(`small-window-${view}`);
  });

  it('shows what a question would cost on every tier under the message box, wrapped rather than cut', async () => {
    const { page } = app;
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('composer-input').fill('Explain the difference between a process and a thread. '.repeat(40));
    const estimate = page.getByTestId('composer-estimate');
    await expect.poll(() => estimate.innerText()).toMatch(/if escalated/);
    // Structural type: this file is compiled without the DOM library.
    const cut = await estimate.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(false);
    await page.getByTestId('composer-input').fill('');
  });

  it('fits the Settings models table in its card, with both prices, without scrolling sideways', async () => {
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const table = page.getByTestId('models-table');
    // The reachability checks answer last, and their addresses are the widest text.
    await expect.poll(() => table.innerText()).toMatch(/reachable[\s\S]*reachable/);
    const gpt = await table.locator('tr').filter({ hasText: 'gpt-4o' }).innerText();
    expect(gpt).toMatch(/\$2\.50 in\s+\$10\.00 out\s+your price/);
    const [tableWidth, cardWidth] = await table.evaluate((el) => [el.scrollWidth, el.parentElement?.clientWidth ?? 0]);
    expect(tableWidth).toBeLessThanOrEqual(cardWidth);
  });

  it('lays out a replay sweep, its chart and table without cutting anything off', async () => {
    const { page } = app;
    await page.getByTestId('nav-replay').click();
    await page.getByTestId('replay-run').click();
    await page.getByTestId('replay-results').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="replay-chart"] canvas').waitFor();
    expect(await hiddenContent(app.page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
