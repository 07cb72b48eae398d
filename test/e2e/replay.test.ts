// Replay in the browser: a sweep on the bundled MT-Bench trace, the cost-quality chart, and
// "Use threshold X" changing the live configuration (checked through the API afterwards).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, startApp, type E2eApp } from './harness.ts';
import { hiddenContent } from './hidden-content.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

describe.skipIf(!chromiumPath)('replay in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sweeps the bundled MT-Bench trace, draws the curve and applies the chosen threshold', async () => {
    const { page } = app;
    await page.getByTestId('nav-replay').click();
    const trace = page.getByTestId('replay-trace');
    await trace.waitFor();
    expect(await trace.inputValue()).toBe('bundled:mtbench');
    expect(await page.getByTestId('replay-drafter').inputValue()).toBe('mistralai/Mixtral-8x7B-Instruct-v0.1');
    expect(await page.getByTestId('replay-verifier').inputValue()).toBe('gpt-4-1106-preview');
    expect(await hiddenContent(page)).toEqual([]);
    await app.screenshot('replay-setup');

    // Record every progress value the bar shows while the sweep runs.
    await page.evaluate(`(() => {
      window.__replayProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (bar) window.__replayProgress.push(Number(bar.getAttribute('aria-valuenow')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await page.getByTestId('replay-run').click();
    await page.getByTestId('replay-results').waitFor({ timeout: 60_000 });
    // Run sweep disabled itself while busy (its focus fell to the body): the verdict has it now.
    await page.waitForFunction("document.activeElement?.id === 'replay-verdict'");
    const progress = (await page.evaluate('window.__replayProgress')) as number[];
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBeLessThanOrEqual(160);

    await page.locator('[data-testid="replay-chart"] canvas').waitFor();
    const baselines = await page.getByTestId('replay-baselines').innerText();
    expect(baselines).toContain('Always the drafter');
    expect(baselines).toContain('Oracle');

    // A target the validator reaches on this trace gives a recommended threshold to use.
    await page.getByRole('radio', { name: '90%' }).click();
    const recommended = await page.getByTestId('replay-recommended').innerText();
    const threshold = /Threshold (\d\.\d\d) is the cheapest/.exec(recommended)?.[1];
    expect(threshold).toBeDefined();
    // The least-escalation rows follow the target too, though the run measured 95%.
    const atNinety = await page.getByTestId('replay-baselines').innerText();
    expect(atNinety).toContain('Oracle, least escalation for 90%');
    expect(atNinety).not.toContain('least escalation for 95%');
    // The trace's pair is not the e2e cascade (llama3.2:3b → gpt-4o): the view says so before applying.
    const apply = page.getByTestId('replay-apply');
    expect(await page.getByTestId('replay-other-cascade').innerText()).toContain('Measured on mistralai/Mixtral-8x7B-Instruct-v0.1 → gpt-4-1106-preview, not your cascade (llama3.2:3b → gpt-4o).');
    expect(await apply.innerText()).toBe(`Use threshold ${threshold} anyway`);
    await page.getByTestId('replay-chart').scrollIntoViewIfNeeded();
    await app.screenshot('replay');
    expect(await hiddenContent(page)).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await hiddenContent(page)).toEqual([]);
    await app.screenshot('replay-1920');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('replay-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });

    await apply.click();
    await page.getByTestId('replay-applied').waitFor();
    expect(await page.getByTestId('replay-applied').innerText()).toContain('(measured on mistralai/Mixtral-8x7B-Instruct-v0.1 → gpt-4-1106-preview, not on it)');
    const got = (await apiCall(page, 'config.get', {})) as { ok: boolean; value: { config: { quality: { threshold: number } } } };
    expect(got.ok).toBe(true);
    expect(got.value.config.quality.threshold).toBe(Number(threshold));
    await app.screenshot('replay-applied');
    expect(app.pageErrors).toEqual([]);
  });
});
