// A first launch with nothing set up, at the smallest window: before any question the empty chat
// names the models that cannot answer and why, leads to Models & Settings, and a key saved there
// takes its model off the list.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/window-options.ts';
import { DRAFTER, VERIFIER, startApp, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import { closedPort } from '../node/helpers/ports.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const { minWidth, minHeight } = mainWindowOptions('');
const KEY_ENV = 'CASCADEFLOW_E2E_FIRST_RUN_KEY';


describe.skipIf(!chromiumPath)('the first launch, nothing set up', () => {
  let app: E2eApp;
  let ollamaUrl: string;

  beforeAll(async () => {
    ollamaUrl = `http://127.0.0.1:${await closedPort()}`;
    app = await startApp({
      chromiumPath: chromiumPath ?? '',
      viewport: { width: minWidth, height: minHeight },
      // The verifier's key has a variable of its own, set nowhere: OpenAI's own row would test
      // the key against api.openai.com when it is saved, and no test may reach the internet.
      config: (fakes) => ({ tiers: [{ model: DRAFTER, provider: 'ollama', baseUrl: ollamaUrl, local: true }, { model: VERIFIER, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: KEY_ENV }] }),
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('says before the first question which models cannot answer and why, with nothing hidden', async () => {
    const { page } = app;
    const check = page.getByTestId('setup-check');
    await check.waitFor({ timeout: 15_000 });
    expect(await check.locator('strong').first().textContent()).toBe('No model can answer yet');
    expect(await check.locator('li').allTextContents()).toEqual([`${DRAFTER}: Ollama is not running at ${ollamaUrl}: start it with ollama serve or fix the base URL`, `${VERIFIER}: No API key for OpenAI: set ${KEY_ENV} in Settings`]);
    // Taller than the view, the empty state starts at the top of its scroller and grows downwards,
    // where it scrolls; centred, its top (the icon) would sit above the scroller, out of reach.
    const [stateTop, scrollerTop] = (await page.evaluate(`[document.querySelector('.chat-center .empty-state').getBoundingClientRect().top, document.querySelector('.chat-center').getBoundingClientRect().top]`)) as [number, number];
    expect(stateTop).toBeGreaterThanOrEqual(scrollerTop);
    expect(await hiddenContent(page)).toEqual([]);
    await app.screenshot('first-run-setup-check');
  });

  it('leads to Models & Settings, where a saved key takes its model off the list', async () => {
    const { page } = app;
    await page.getByTestId('setup-check').getByRole('button', { name: 'Open Models & Settings' }).click();
    await page.getByRole('heading', { name: 'Models & Settings' }).waitFor();
    const box = page.locator(`#key-${KEY_ENV}`);
    await box.fill('sk-my-first-key');
    await page.locator('.provider-row', { has: box }).getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => page.getByTestId(`key-status-${KEY_ENV}`).textContent()).toContain('key set');
    // The Models table asks again: the verifier is reachable now, without a Refresh.
    const verifierRow = page.getByTestId('models-table').locator('tr', { hasText: VERIFIER });
    await expect.poll(() => verifierRow.textContent(), { timeout: 15_000 }).toContain('reachable');
    await page.getByTestId('nav-chat').click();
    await expect.poll(() => page.getByTestId('setup-check').locator('li').allTextContents(), { timeout: 15_000 }).toEqual([`${DRAFTER}: Ollama is not running at ${ollamaUrl}: start it with ollama serve or fix the base URL`]);
    expect(await page.getByTestId('setup-check').locator('strong').first().textContent()).toBe('One model of your cascade cannot answer yet');
  });

  it('asks the providers again on "Check again", not each time the empty chat opens', async () => {
    const { page } = app;
    const probes: string[] = [];
    const probe = (r: Request) => {
      if (new URL(r.url()).pathname === '/api/models.list') probes.push(r.url());
    };
    page.on('request', probe);
    const check = page.getByTestId('setup-check');
    const awayAndBack = async () => {
      await page.getByTestId('nav-savings').click();
      await page.getByTestId('savings-view').waitFor();
      await page.getByTestId('nav-chat').click();
      await check.waitFor();
    };
    try {
      // The first return may probe once if the previous test's answer is over 30 s old on a
      // stalled machine; the second, right after, must reuse the answer.
      await awayAndBack();
      await expect.poll(() => check.getByRole('button', { name: 'Check again' }).isEnabled()).toBe(true);
      const afterFirstReturn = probes.length;
      expect(afterFirstReturn).toBeLessThanOrEqual(1);
      await awayAndBack();
      expect(await check.locator('li').allTextContents()).toEqual([`${DRAFTER}: Ollama is not running at ${ollamaUrl}: start it with ollama serve or fix the base URL`]);
      expect(probes.length).toBe(afterFirstReturn);
      await check.getByRole('button', { name: 'Check again' }).click();
      await expect.poll(() => probes.length).toBe(afterFirstReturn + 1);
      await expect.poll(() => check.getByRole('button', { name: 'Check again' }).isEnabled()).toBe(true);
      expect(await check.locator('li').allTextContents()).toEqual([`${DRAFTER}: Ollama is not running at ${ollamaUrl}: start it with ollama serve or fix the base URL`]);
    } finally {
      page.off('request', probe);
    }
  });
});
