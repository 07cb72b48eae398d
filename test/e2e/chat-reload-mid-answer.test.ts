// Reloading the page while an answer is being written: the answer goes on streaming under its
// question with the spinner and Stop, a second question waits, and Stop stops it (real
// Chromium against `cascadeflow serve`, fake model servers).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cannedAnswer } from '../fakes/index.ts';
import { sendMessage, startApp, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const QUESTION = '[[slow]] Describe rivers, mountains, forests, deserts, oceans, glaciers, valleys, lakes, islands and plains';
/** What the fake drafter writes, a word every 250 ms. */
const ANSWER = cannedAnswer(QUESTION.replace('[[slow]]', '').trim());

describe.skipIf(!chromiumPath)('reloading the page mid-answer', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps streaming the answer after a reload, holds a second question back, and Stop stops it', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, QUESTION);
    const streaming = page.locator('.markdown-streaming').filter({ hasText: /\S/ }).first();
    await streaming.waitFor({ timeout: 30_000 });
    const drafterCalls = app.fakes.ollama.chatRequests().length;

    await page.reload();
    // The same conversation, its question once, and the answer so far with the spinner and Stop.
    await page.getByTestId('streaming-status').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('user-message').count()).toBe(1);
    expect(await page.getByTestId('user-message').innerText()).toContain('Describe rivers');
    await page.getByTestId('composer-stop').waitFor();
    expect(await page.getByTestId('composer-send').count()).toBe(0);
    const textNow = async () => (await page.locator('.markdown-streaming').first().innerText()).trim();
    await expect.poll(textNow, { timeout: 10_000 }).toMatch(/\S/);
    const before = await textNow();
    // It goes on: the text grows from what it was, no word lost or repeated at the join.
    expect(ANSWER.startsWith(before)).toBe(true);
    await expect.poll(async () => (await textNow()).length, { timeout: 10_000 }).toBeGreaterThan(before.length + 10);
    const after = await textNow();
    expect(after.startsWith(before)).toBe(true);
    expect(ANSWER.startsWith(after)).toBe(true);
    await app.screenshot('chat-reload-mid-answer');

    // Enter does not send a second question while this one is answered.
    await sendMessage(page, 'And what about lakes?');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('user-message').count()).toBe(1);
    expect(app.fakes.ollama.chatRequests().length).toBe(drafterCalls);

    await page.getByTestId('composer-stop').click();
    await page.locator('.run-note').filter({ hasText: 'Stopped' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('composer-send').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('streaming-status').count()).toBe(0);
    // Saved as stopped, under its one question; the next question is answered after it.
    await page.getByTestId('composer-input').fill('What is 6 * 7?');
    await page.getByTestId('composer-input').press('Enter');
    await waitForAnswer(page, 1);
    await expect.poll(() => page.getByTestId('user-message').allInnerTexts()).toEqual([expect.stringContaining('Describe rivers'), 'What is 6 * 7?']);
    expect(await page.getByTestId('assistant-message').count()).toBe(2);
    expect(await page.getByTestId('assistant-message').first().innerText()).toMatch(/Stopped: the answer above is incomplete/);
  });

  it('logged no console errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
