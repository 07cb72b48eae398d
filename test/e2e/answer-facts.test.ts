// The facts and actions under answers in a real browser, where the CSS decides what is in view:
// an older answer shows one compact line, the rest on hover, focus or its Details toggle; the
// latest shows everything; the keyboard reaches every action; nothing moves on hover; Escape
// dismisses the card.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { DRAFTER, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

// Structural types: this file is compiled without the DOM library.
type Box = { getBoundingClientRect(): { height: number } };
const height = (l: Locator) => l.evaluate((el: Box) => Math.round(el.getBoundingClientRect().height));
const opacity = (l: Locator) => l.evaluate((el: unknown) => Number((globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity));
const isFocused = (l: Locator) => l.evaluate((el: unknown) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
const DETAILS = ['answer-savings', 'answer-tokens', 'answer-latency', 'quality-chip'];

describe.skipIf(!chromiumPath)('the facts under answers', () => {
  let app: E2eApp;
  let accepted: Locator;
  let escalated: Locator;
  let latest: Locator;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, 'What is 17 * 23?');
    await waitForAnswer(page, 1);
    await sendMessage(page, 'What is 13 * 4? [[draft:13 * 4 = 56]]');
    await waitForAnswer(page, 2);
    await sendMessage(page, 'What is 6 * 7?');
    await waitForAnswer(page, 3);
    const answers = page.getByTestId('assistant-message');
    [accepted, escalated, latest] = [answers.nth(0), answers.nth(1), answers.nth(2)];
    // The latest answer may still be the finished run: wait for the conversation as saved.
    await page.locator('[data-testid="assistant-message"][data-message-id]').nth(2).waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  const away = async () => {
    await app.page.mouse.move(1, 1);
    await app.page.getByTestId('composer-input').focus();
  };

  it("an older accepted draft shows only the compact line: who answered and what it cost", async () => {
    await away();
    expect(await accepted.getByTestId('answer-model').innerText()).toContain(DRAFTER);
    expect(await accepted.getByTestId('answer-cost').innerText()).toMatch(/^<?\$\d/);
    for (const id of DETAILS) expect(await accepted.getByTestId(id).isVisible(), id).toBe(false);
    await expect.poll(() => opacity(accepted.getByRole('group', { name: `Answer by ${DRAFTER}` }))).toBe(0);
    // One line under the text: the chip row, not the two rows (facts, actions) it was.
    expect(await height(accepted.locator('.answer-meta'))).toBeLessThanOrEqual(30);
  });

  it('an older escalated answer still says why, and by whom it was answered', async () => {
    await away();
    const marker = escalated.getByTestId('escalation-marker');
    expect(await marker.isVisible()).toBe(true);
    expect(await marker.innerText()).toMatch(new RegExp(`escalated to ${VERIFIER}: the draft's calculation 13 \\* 4 = 56 is wrong`));
    expect(await escalated.getByTestId('answer-model').innerText()).toContain(VERIFIER);
    expect(await escalated.getByTestId('answer-cost').isVisible()).toBe(true);
    await app.screenshot('answer-facts-compact');
  });

  it('pointing at an older answer shows its actions, and at its facts the rest, without moving anything', async () => {
    const { page } = app;
    await away();
    const before = await height(page.locator('.messages-inner'));
    await accepted.locator('.markdown').hover();
    await expect.poll(() => opacity(accepted.getByRole('group', { name: `Answer by ${DRAFTER}` }))).toBe(1);
    for (const id of DETAILS) expect(await accepted.getByTestId(id).isVisible(), id).toBe(false);
    await accepted.getByTestId('answer-badge').hover();
    for (const id of DETAILS) expect(await accepted.getByTestId(id).isVisible(), id).toBe(true);
    expect(await height(page.locator('.messages-inner'))).toBe(before);
    await app.screenshot('answer-facts-hover');
    await away();
    expect(await accepted.getByTestId('answer-tokens').isVisible()).toBe(false);
  });

  it('focus on an older answer shows the rest, and its Details toggle keeps it shown', async () => {
    const { page } = app;
    await away();
    const toggle = accepted.getByRole('button', { name: 'Details' });
    await toggle.focus();
    for (const id of DETAILS) expect(await accepted.getByTestId(id).isVisible(), id).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await away();
    for (const id of DETAILS) expect(await accepted.getByTestId(id).isVisible(), id).toBe(true);
    // Shown as on the latest answer (every answer's actions rest at 0.85 until pointed at), not hidden.
    await expect.poll(() => opacity(accepted.getByRole('group', { name: `Answer by ${DRAFTER}` }))).toBeGreaterThan(0.5);
    await toggle.click();
    await away();
    expect(await accepted.getByTestId('answer-tokens').isVisible()).toBe(false);
  });

  it('Escape dismisses the card shown on hover or focus, without moving the pointer or the focus', async () => {
    const { page } = app;
    await away();
    const shown = async () => Promise.all(DETAILS.map((id) => accepted.getByTestId(id).isVisible()));
    // The pointer on the line, the focus in the message box.
    await accepted.getByTestId('answer-badge').hover();
    expect(await shown()).toEqual(DETAILS.map(() => true));
    await page.keyboard.press('Escape');
    expect(await shown()).toEqual(DETAILS.map(() => false));
    expect(await isFocused(page.getByTestId('composer-input'))).toBe(true);
    await app.screenshot('answer-facts-dismissed');
    // Pointing at the line again shows it again.
    await page.mouse.move(1, 1);
    await accepted.getByTestId('answer-badge').hover();
    expect(await shown()).toEqual(DETAILS.map(() => true));

    // The focus on the Details toggle: Escape hides the card and the focus stays on the toggle.
    await away();
    const toggle = accepted.getByRole('button', { name: 'Details' });
    await toggle.focus();
    expect(await shown()).toEqual(DETAILS.map(() => true));
    await page.keyboard.press('Escape');
    expect(await shown()).toEqual(DETAILS.map(() => false));
    expect(await isFocused(toggle)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('the latest answer shows all its facts and actions', async () => {
    await away();
    for (const id of DETAILS) expect(await latest.getByTestId(id).isVisible(), id).toBe(true);
    expect(await latest.getByRole('button', { name: 'Details' }).count()).toBe(0);
    await expect.poll(() => opacity(latest.getByRole('group', { name: `Answer by ${DRAFTER}` }))).toBeGreaterThan(0.5);
  });

  it("the keyboard reaches every action of an older answer, each in view when focused", async () => {
    const { page } = app;
    await away();
    await accepted.getByRole('button', { name: 'Details' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = accepted.locator('.message-actions button:focus');
      if ((await focused.count()) === 0) continue;
      reached.push((await focused.getAttribute('aria-label')) ?? (await focused.innerText()).trim());
      await expect.poll(() => opacity(accepted.getByRole('group', { name: `Answer by ${DRAFTER}` }))).toBe(1);
    }
    expect(reached).toEqual(['Copy', 'Retry', `Retry with ${VERIFIER}`, 'Good answer', 'Bad answer']);
  });

  it('in the smallest window the actions keep their icons and names beside the compact line', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 880, height: 560 });
    try {
      await away();
      await accepted.scrollIntoViewIfNeeded();
      expect(await height(accepted.locator('.answer-meta'))).toBeLessThanOrEqual(30);
      await accepted.getByRole('button', { name: `Retry with ${VERIFIER}` }).waitFor({ state: 'attached' });
      expect(await accepted.getByRole('button', { name: `Retry with ${VERIFIER}` }).getAttribute('title')).toMatch(new RegExp(`^Retry with ${VERIFIER}`));
      await accepted.locator('.markdown').hover();
      await app.screenshot('answer-facts-small-hover');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
