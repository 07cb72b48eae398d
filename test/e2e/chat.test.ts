// Chat in a real browser against `cascadeflow serve` and fake model servers: streaming,
// the answer's badge, escalation with the draft kept, Stop, and history that survives a
// reload and a server restart.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DRAFTER, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

describe.skipIf(!chromiumPath)('chat in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('streams an answer and shows the model, tokens and cost badge', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, '[[slow]] What is 17 * 23?');
    // The draft is visible while it streams, before the run's badge exists.
    await page.locator('.markdown-streaming').filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('answer-badge').count()).toBe(0);
    await waitForAnswer(page);

    const answer = page.getByTestId('assistant-message').last();
    await expect.poll(() => answer.locator('.markdown').innerText()).toContain('391');
    // A screen reader hears that the answer is ready, not the streamed tokens.
    await expect.poll(() => page.getByTestId('chat-announcer').textContent()).toBe(`Answer from ${DRAFTER} ready`);
    const model = await answer.getByTestId('answer-model').innerText();
    expect(model).toContain(DRAFTER);
    expect(model).toContain('local');
    expect(await answer.getByTestId('answer-tokens').innerText()).toMatch(/\d+(\.\d+k)? in · \d+(\.\d+k)? out/);
    expect(await answer.getByTestId('answer-cost').innerText()).toMatch(/^(<?\$\d|price unknown)/);
    expect(await answer.getByTestId('answer-latency').innerText()).toMatch(/\d+(\.\d+)? (ms|s)/);
    expect(await page.getByTestId('user-message').last().innerText()).toContain('What is 17 * 23?');
    // The new conversation is listed, with its cost.
    await page.getByTestId('conversation-list').getByText('What is 17 * 23?').waitFor();
    await app.screenshot('chat');
  });

  it('escalates a wrong draft to the verifier and keeps the draft viewable', async () => {
    const { page } = app;
    await sendMessage(page, 'What is 13 * 4? [[draft:13 * 4 = 56]]');
    const marker = page.getByTestId('escalation-marker').last();
    await marker.waitFor({ timeout: 30_000 });
    // The marker names the verifier and the validator's reason, in words.
    expect(await marker.innerText()).toMatch(new RegExp(`escalated to ${VERIFIER}: the draft's calculation 13 \\* 4 = 56 is wrong \\(13 \\* 4 = 52\\)`));
    await waitForAnswer(page, 2);
    await expect.poll(() => page.getByTestId('chat-announcer').textContent()).toBe(`Answer from ${VERIFIER} ready`);

    const answer = page.getByTestId('assistant-message').last();
    const model = await answer.getByTestId('answer-model').innerText();
    expect(model).toContain(VERIFIER);
    expect(model).toContain('cloud');
    expect(await answer.locator('.markdown').last().innerText()).toContain('52');

    await answer.getByRole('button', { name: new RegExp(`show ${DRAFTER.replace('.', '\\.')}'s draft`) }).click();
    expect(await answer.getByTestId('replaced-draft').innerText()).toContain('56');
    await answer.getByTestId('quality-chip').click();
    const panel = answer.getByTestId('quality-panel');
    await panel.waitFor();
    expect((await panel.innerText()).length).toBeGreaterThan(20);
    await app.screenshot('chat-escalated');
  });

  it('exports the conversation as Markdown with each answer\'s model, cost and escalation', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-conversation').click()]);
    // The title is the first question, "[[slow]] What is 17 * 23?".
    expect(download.suggestedFilename()).toBe('slow-What-is-17-23.md');
    const path = await download.path();
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^# \[\[slow\]\] What is 17 \* 23\?\n/);
    expect(md).toContain(`## ${DRAFTER} (drafter, local) · `);
    expect(md).toContain(`## ${VERIFIER} (verifier, cloud) · `);
    expect(md).toMatch(new RegExp(`> Escalated from ${DRAFTER.replace('.', '\\.')}: the draft's calculation 13 \\* 4 = 56 is wrong`));
    expect(md).toContain('13 * 4 = 52');
  });

  it("copies a code block's code with the Copy button in its corner", async () => {
    const { page, context, url } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    await sendMessage(page, 'Code please [[draft:Here it is:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nThat is all.]]');
    const count = await page.getByTestId('answer-badge').count();
    await waitForAnswer(page, count + 1);
    const block = page.getByTestId('assistant-message').last().locator('.code-block');
    await block.hover();
    await block.getByRole('button', { name: 'Copy the code' }).click();
    await block.getByRole('button', { name: 'Copy the code' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('def add(a, b):\n    return a + b\n');
  });

  it('retries with the verifier, folds the replaced answer and sends only the new one with a follow-up', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, 'What is 6 * 7? [[slow]]');
    await waitForAnswer(page, 1);
    expect(await page.getByTestId('answer-model').last().innerText()).toContain(DRAFTER);

    await page.getByRole('button', { name: `Retry with ${VERIFIER}` }).click();
    await page.getByTestId('replaced-answer').waitFor({ timeout: 30_000 });
    await waitForAnswer(page, 1);
    expect(await page.getByTestId('answer-model').last().innerText()).toContain(VERIFIER);
    // The verifier's own answer offers no retry with the verifier.
    expect(await page.getByTestId('assistant-message').last().getByRole('button', { name: `Retry with ${VERIFIER}` }).count()).toBe(0);
    expect(await page.getByTestId('replaced-answer').innerText()).toMatch(new RegExp(`Earlier answer by ${DRAFTER.replace('.', '\\.')} · .*, replaced by a retry`));
    const kept = await page.getByTestId('assistant-message').last().locator('.markdown').last().innerText();

    const sentBefore = app.fakes.ollama.chatRequests().length;
    await sendMessage(page, 'And 6 * 8?');
    await waitForAnswer(page, 2);
    const sent = app.fakes.ollama.chatRequests().slice(sentBefore)[0]?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]?.content.trim()).toBe(kept.trim());
    await app.screenshot('chat-retried');
    // Enough conversation to scroll in the smallest window, however little room each answer's facts take.
    const table = Array.from({ length: 12 }, (_, i) => `${i + 1}. 6 * ${i + 1} = ${6 * (i + 1)}`).join('\n');
    await sendMessage(page, `List the 6 times table [[draft:The 6 times table:\n\n${table}]]`);
    await waitForAnswer(page, 3);

    // Retrying an older answer asks it again at the bottom, and the view follows it there.
    await page.setViewportSize({ width: 880, height: 560 });
    const scroller = page.getByTestId('messages');
    await scroller.hover();
    await page.mouse.wheel(0, -5000);
    // Structural types: this file is compiled without the DOM library.
    const fromBottom = (el: { scrollHeight: number; scrollTop: number; clientHeight: number }) => el.scrollHeight - el.scrollTop - el.clientHeight;
    await expect.poll(() => scroller.evaluate(fromBottom)).toBeGreaterThan(100);
    const answers = await page.getByTestId('answer-badge').count();
    await page.getByTestId('assistant-message').first().getByRole('button', { name: 'Retry', exact: true }).click();
    // Checked while the answer streams, before the run's end reloads the conversation.
    await page.locator('.markdown-streaming').filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
    expect(await scroller.evaluate(fromBottom)).toBeLessThan(2);
    await waitForAnswer(page, answers + 1);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('edits an earlier question into a new chat that keeps what came before it, leaving the original as it was', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, 'What is 5 * 5?');
    await waitForAnswer(page, 1);
    await sendMessage(page, 'And 5 * 6?');
    await waitForAnswer(page, 2);
    const originalTitle = await page.locator('.chat-title').innerText();

    const second = page.getByTestId('user-message').nth(1);
    await second.hover();
    await second.getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('composer-editing').waitFor();
    const box = page.getByTestId('composer-input');
    expect(await box.inputValue()).toBe('And 5 * 6?');
    const sentBefore = app.fakes.ollama.chatRequests().length;
    await box.fill('And 5 * 7?');
    await box.press('Enter');

    // The new chat is named after the edited question: in the list it does not read as the original.
    await page.locator('.chat-title').filter({ hasText: /^And 5 \* 7\?$/ }).waitFor({ timeout: 30_000 });
    const list = page.getByTestId('conversation-list');
    await list.getByText('And 5 * 7?', { exact: true }).waitFor();
    expect(await list.getByText(originalTitle, { exact: true }).count()).toBe(1);
    await waitForAnswer(page, 2);
    expect(await page.locator('.user-bubble').allInnerTexts()).toEqual(['What is 5 * 5?', 'And 5 * 7?']);
    expect(await page.getByTestId('composer-editing').count()).toBe(0);
    const sent = app.fakes.ollama.chatRequests().slice(sentBefore)[0]?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.content.trim())).toEqual(['What is 5 * 5?', expect.stringContaining('25'), 'And 5 * 7?']);

    // The original conversation still has its own second question and answer.
    await page.getByTestId('conversation-list').getByText(originalTitle, { exact: true }).click();
    await waitForAnswer(page, 2);
    expect(await page.locator('.user-bubble').allInnerTexts()).toEqual(['What is 5 * 5?', 'And 5 * 6?']);
  });

  it("shows a reasoning drafter thinking, then its answer with the reasoning folded, kept after a reload", async () => {
    const { page } = app;
    await sendMessage(page, 'What is 17 * 23? [[slow]] [[think:17 * 20 = 340 and 17 * 3 = 51, so the sum is 391]]');
    const answer = page.getByTestId('assistant-message').last();
    await expect.poll(() => page.getByTestId('streaming-status').innerText(), { timeout: 30_000 }).toContain('thinking…');
    await answer.getByTestId('thinking').filter({ hasText: 'Reasoning so far' }).waitFor();
    await app.screenshot('chat-thinking');
    // Opened while the model thinks, it stays open when the answer is done.
    await answer.getByRole('button', { name: /^Reasoning so far/ }).click();
    await answer.locator('.thinking-body').waitFor();
    const count = await page.getByTestId('answer-badge').count();
    await waitForAnswer(page, count + 1);

    // The answer is the answer alone; the reasoning is above it, with the time it took.
    expect(await answer.locator('.markdown').last().innerText()).toBe('17 * 23 = 391.');
    expect(await answer.locator('.thinking-body').innerText()).toBe('17 * 20 = 340 and 17 * 3 = 51, so the sum is 391');
    const toggle = answer.getByRole('button', { name: /^Reasoning · [\d.]+ (ms|s) · 16 words/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await answer.getByTestId('answer-model').innerText()).toContain(DRAFTER);
    await app.screenshot('chat-reasoning');

    // After a reload it is folded, and opens on demand.
    await page.reload();
    await waitForAnswer(page, count + 1);
    const reloaded = page.getByTestId('assistant-message').last().getByRole('button', { name: /^Reasoning · [\d.]+ (ms|s) · 16 words/ });
    expect(await reloaded.getAttribute('aria-expanded')).toBe('false');
    await reloaded.click();
    await page.getByTestId('assistant-message').last().locator('.thinking-body').waitFor();
  });

  it('stops a slow answer with the Stop button', async () => {
    const { page } = app;
    await sendMessage(page, '[[slow]] Describe rivers, mountains, forests, deserts, oceans, glaciers and valleys');
    await page.locator('.markdown-streaming').filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
    await page.getByTestId('stop-button').click();
    await page.locator('.run-note').filter({ hasText: 'Stopped' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('stop-button').count()).toBe(0);
    // The composer is usable again.
    expect(await page.getByTestId('composer-stop').count()).toBe(0);
  });

  it('stops with Escape, searches with Ctrl+K and starts a new chat with Ctrl+Shift+O', async () => {
    const { page } = app;
    await sendMessage(page, '[[slow]] Describe lakes, rivers, seas, bays, straits, fjords and lagoons');
    await page.locator('.markdown-streaming').filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+K');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Search conversations');
    expect(await search.count()).toBe(1);
    // Escape in the search box is the box's own: the answer goes on.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    // A stop shows "Stopping" at once, before the server confirms.
    expect(await page.getByTestId('stop-button').innerText()).toBe('Stop');
    expect(await page.getByTestId('composer-stop').count()).toBe(1);

    const stoppedBefore = await page.locator('.run-note').filter({ hasText: 'Stopped' }).count();
    await page.getByTestId('composer-input').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('composer-stop').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.locator('.run-note').filter({ hasText: 'Stopped' }).count()).toBe(stoppedBefore + 1);

    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    expect(await page.locator('.chat-title').innerText()).toBe('New chat');
    await page.getByTestId('conversation-list').getByText('What is 17 * 23?').first().click();
    await page.getByTestId('answer-badge').first().waitFor();
  });

  it('moves between conversations with Alt+↑/↓, edits the last question with ↑, and undoes a delete', async () => {
    const { page } = app;
    const list = page.getByTestId('conversation-list');
    const titles = () => list.locator('.conversation-title').allInnerTexts();
    const openTitle = () => list.locator('[aria-current="page"] .conversation-title').innerText();
    const before = await titles();
    expect(before.length).toBeGreaterThanOrEqual(3);
    await list.locator('.conversation-open').first().click();
    await page.getByTestId('composer-input').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(openTitle).toBe(before[1]);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(openTitle).toBe(before[0]);

    // That conversation on screen, not the one before it, before reading its last question.
    await expect.poll(() => page.locator('.chat-title').innerText()).toBe(before[0]);
    await page.getByTestId('user-message').last().waitFor();
    await page.getByTestId('composer-input').focus();
    await page.keyboard.press('ArrowUp');
    await page.getByTestId('composer-editing').waitFor();
    // The box takes the question's text just after the editing bar appears (a clean-clone CI run
    // read it empty in between).
    const lastQuestion = await page.getByTestId('user-message').last().locator('.user-bubble').innerText();
    await expect.poll(() => page.getByTestId('composer-input').inputValue()).toBe(lastQuestion);
    await page.keyboard.press('Escape');
    await page.getByTestId('composer-editing').waitFor({ state: 'detached' });

    await list.locator('.conversation-item').nth(1).hover();
    await list.getByRole('button', { name: `Delete ${before[1]}` }).click();
    const notice = page.getByTestId('undo-toast');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Conversation deleted');
    expect(await titles()).toEqual(before.filter((_, i) => i !== 1));
    await app.screenshot('chat-undo-delete');
    // The focus is on Undo: Enter brings the conversation back where it was.
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'detached' });
    await expect.poll(titles).toEqual(before);
    // The next tests expect the first conversation open, as the test before left it.
    await list.getByText('What is 17 * 23?').first().click();
    await page.getByTestId('answer-badge').first().waitFor();
  });

  it('shows what went wrong, in words, when every model fails', async () => {
    const { page } = app;
    await sendMessage(page, 'hello [[draft-error:500]] [[verify-error:401]]');
    const banner = page.getByTestId('assistant-message').last().locator('.error-banner');
    await banner.waitFor({ timeout: 30_000 });
    const text = await banner.innerText();
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/undefined|\[object/);
    // Said once, politely, by the chat's status region; the banner is not a second alert.
    await expect.poll(() => page.getByTestId('chat-announcer').textContent()).toMatch(/^No answer: \S/);
    expect(await page.getByTestId('assistant-message').getByRole('alert').count()).toBe(0);
    await app.screenshot('chat-error');
  });

  it('keeps the conversation after a reload and after a server restart', async () => {
    const { page } = app;
    const answersBefore = await page.getByTestId('answer-badge').count();
    expect(answersBefore).toBeGreaterThanOrEqual(2);

    await page.reload();
    await waitForAnswer(page, answersBefore);
    expect(await page.getByTestId('user-message').first().innerText()).toContain('What is 17 * 23?');
    expect(await page.getByTestId('answer-model').first().innerText()).toContain(DRAFTER);

    await app.restartServer();
    await page.getByTestId('conversation-list').getByText('What is 17 * 23?').click();
    await waitForAnswer(page, answersBefore);
    expect(await page.getByTestId('escalation-marker').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('conversation-figures').innerText()).toMatch(/spent/);
  });

  it('logged no console errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
