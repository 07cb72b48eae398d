// The consistency check in the browser: a trace recorded with extra answers of the drafter
// (`cascadeflow record --samples`) offers "draw k answers per query", the sweep draws them, and
// "Use threshold" has the live drafter draw as many, which Models & Settings then shows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toJsonl, type TraceItem } from '../../shared/core/replay/trace.ts';
import { apiCall, startApp, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

const DRAFTER = 'qwen2.5:7b';
const VERIFIER = 'gpt-4o';

const usage = { input_tokens: 40, output_tokens: 30 };
const answer = (working: string, n: number) => ({ text: `${working}\n#### ${n}`, usage });

/** A word problem the drafter gets right (its samples agree) or wrong with sound-looking arithmetic (they do not). */
function item(id: string, question: string, right: [string, number], wrong: [string, number] | null, others: [string, number][]): TraceItem {
  const draft = wrong ?? right;
  return {
    id,
    category: 'math',
    messages: [{ role: 'user', content: question }],
    responses: {
      [DRAFTER]: { ...answer(...draft), correct: wrong === null, local: true, samples: others.map(([w, n]) => answer(w, n)) },
      [VERIFIER]: { ...answer(...right), correct: true },
    },
  };
}

const TRACE = toJsonl([
  item('cows', 'A farmer has 12 cows and buys 3 times as many sheep. How many animals does he have?', ['12 * 3 = 36 sheep, 12 + 36 = 48', 48], ['He buys 12 * 3 = 36 sheep.', 36], [['36 sheep and 12 cows: 48', 48], ['12 + 3 * 12 + 12 = 60', 60]]),
  item('apples', 'A box holds 13 rows of 4 apples. How many apples are in the box?', ['13 * 4 = 52', 52], null, [['4 * 13 = 52', 52], ['13 rows of 4: 52', 52]]),
  item('marbles', 'Tom has 3 bags with 5 marbles each. How many marbles does he have?', ['3 * 5 = 15', 15], null, [['5 + 5 + 5 = 15', 15], ['3 bags * 5 = 15', 15]]),
  item('pages', 'A book has 120 pages. Ann reads a quarter of it on Monday and half the rest on Tuesday. How many pages are left?', ['120 / 4 = 30, 90 / 2 = 45 read, 90 - 45 = 45', 45], ['120 / 4 = 30 and 120 / 2 = 60, so 120 - 30 - 60 = 30', 30], [['30 on Monday, 45 on Tuesday: 45 left', 45], ['120 - 30 = 90, 90 - 45 = 45', 45]]),
  item('eggs', 'A hen lays 6 eggs a week. How many eggs does it lay in 4 weeks?', ['6 * 4 = 24', 24], null, [['4 * 6 = 24', 24], ['24 eggs', 24]]),
  item('coins', 'Sam has 7 coins and finds 8 more. How many coins does he have?', ['7 + 8 = 15', 15], null, [['8 + 7 = 15', 15], ['15 coins', 15]]),
]);

describe.skipIf(!chromiumPath)('replay with recorded samples in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('offers the consistency check, runs it, and applies it to the drafter', async () => {
    const { page } = app;
    const imported = (await apiCall(page, 'replay.import', { kind: 'trace', content: TRACE, name: 'Math with samples' })) as { ok: boolean; value: { id: string } };
    expect(imported.ok).toBe(true);
    await page.getByTestId('nav-replay').click();
    await page.getByTestId('replay-trace').selectOption(imported.value.id);
    expect(await page.getByTestId('replay-drafter').inputValue()).toBe(DRAFTER);

    const samples = page.getByTestId('replay-samples');
    await samples.waitFor();
    expect(await samples.locator('option').allInnerTexts()).toEqual(['1 (off)', '2', '3']);
    await samples.selectOption('3');
    await page.getByTestId('replay-samples-choice').scrollIntoViewIfNeeded();
    await app.screenshot('replay-samples-setup');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('replay-samples-setup-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The verifier recorded no samples: as the drafter it has nothing to offer.
    await page.getByTestId('replay-drafter').selectOption(VERIFIER);
    expect(await samples.count()).toBe(0);
    await page.getByTestId('replay-drafter').selectOption(DRAFTER);
    await samples.selectOption('3');

    await page.getByTestId('replay-run').click();
    const results = page.getByTestId('replay-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await results.innerText()).toContain('the drafter drew 3 answers per query (consistency check)');
    await page.locator('[data-testid="replay-chart"] canvas').waitFor();
    await results.scrollIntoViewIfNeeded();
    await app.screenshot('replay-samples-results');

    await page.getByTestId('replay-apply').click();
    const applied = page.getByTestId('replay-applied');
    await applied.waitFor();
    expect(await applied.innerText()).toContain('its drafter llama3.2:3b draws 3 answers per query');
    const got = (await apiCall(page, 'config.get', {})) as { value: { config: { tiers: { model: string; samples?: number }[] } } };
    expect(got.value.config.tiers.map((t) => t.samples)).toEqual([3, undefined]);

    // Models & Settings shows it on the drafter, and has no such field for the verifier.
    await page.getByTestId('nav-settings').click();
    const field = page.locator('#tier-0-samples');
    await field.waitFor();
    expect(await field.inputValue()).toBe('3');
    expect(await page.locator('#tier-1-samples').count()).toBe(0);
    await page.getByTestId('tier-list').scrollIntoViewIfNeeded();
    await app.screenshot('settings-tier-samples');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('settings-tier-samples-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // A bad entry is refused on its field.
    await field.fill('9');
    await page.getByTestId('save-settings').click();
    const error = page.locator('.field').filter({ has: field }).locator('.field-error');
    expect(await error.innerText()).toBe('Samples must be a whole number from 1 to 8 (empty = 1)');
    await app.screenshot('settings-tier-samples-error');
    expect(app.pageErrors).toEqual([]);
  });
});
