// Math in answers, in a real browser against `serve`: KaTeX loads only once an answer holds
// math, its fonts come from the built renderer, prices and code stay as written, TeX that does
// not parse stays readable, and copying a formula copies its TeX.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sendMessage, startApp, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

// The fake drafter's directive cannot hold a `]`, so no \[…\] here (the unit tests have it).
const ANSWER = [
  'The ratio is',
  '',
  '$$\\frac{a}{b} = \\sum_{n=1}^{\\infty} \\frac{1}{2^n}$$',
  '',
  'where $a$ and $b$ are lengths, and Euler wrote \\(e^{i\\pi} + 1 = 0\\).',
  '',
  'The ruler costs $5 and the book $10. Run `echo $HOME$` to see a dollar in code.',
  '',
  'A typo stays readable: $\\frac{a}{$ here.',
].join('\n');

describe.skipIf(!chromiumPath)('math in answers', () => {
  let app: E2eApp;
  const requested: string[] = [];
  const fonts: { path: string; status: number; type: string }[] = [];

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
    app.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    app.page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/KaTeX_.*\.(woff2?|ttf)$/.test(path)) fonts.push({ path, status: r.status(), type: r.headers()['content-type'] ?? '' });
    });
    await app.page.getByRole('heading', { name: 'Ask anything' }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  const answer = () => app.page.getByTestId('assistant-message').last();

  it('loads nothing of KaTeX for an answer without math', async () => {
    await sendMessage(app.page, 'What is 17 * 23?');
    await waitForAnswer(app.page, 1);
    expect(requested.filter((p) => /math-render|KaTeX/.test(p))).toEqual([]);
  });

  it('typesets display and inline math, with the fonts from the built renderer', async () => {
    const { page } = app;
    await sendMessage(page, `A ratio, please [[draft:${ANSWER}]]`);
    await waitForAnswer(page, 2);
    const md = answer().locator('.markdown');
    await md.locator('.katex-display').waitFor();
    // The display formula, $a$, $b$ and \(…\); the typo is the fifth placeholder.
    expect(await md.locator('.katex').count()).toBe(4);
    expect(await md.locator('[data-math="rendered"]').count()).toBe(4);
    expect(await md.locator('.katex-display annotation').textContent()).toBe('\\frac{a}{b} = \\sum_{n=1}^{\\infty} \\frac{1}{2^n}');
    // KaTeX's chunk and stylesheet came with the first math, from the app's own assets.
    expect(requested.some((p) => /^\/assets\/math-render-[\w-]+\.js$/.test(p))).toBe(true);
    expect(requested.some((p) => /^\/assets\/math-render-[\w-]+\.css$/.test(p))).toBe(true);

    // Main and Math for the letters and digits, Size2 for the display-size sum sign.
    await page.evaluate('document.fonts.ready');
    const loaded = (await page.evaluate('[...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family)')) as string[];
    expect(loaded).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size2']));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.path).toMatch(/^\/assets\/KaTeX_[\w-]+\.woff2$/);
      expect([f.status, f.type]).toEqual([200, 'font/woff2']);
    }
    // No style or font the page's CSP refused, nothing failed.
    expect(app.pageErrors).toEqual([]);
    // Every formula shown is a copy of what KaTeX built once (math-render.ts): the styles KaTeX
    // set on its nodes hold on the copies, where a style="" attribute would be refused by the CSP.
    const struts = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid="assistant-message"] .katex-display .katex-strut')].map((s) => [s.style.verticalAlign, getComputedStyle(s).verticalAlign])`,
    )) as [string, string][];
    expect(struts.length).toBeGreaterThan(0);
    // A refused style leaves the strut on the baseline; KaTeX's em, applied, is a length in px.
    for (const [declared, computed] of struts) expect([declared, computed]).toEqual([expect.stringMatching(/^-[\d.]+em$/), expect.stringMatching(/^-[\d.]+px$/)]);
    await answer().scrollIntoViewIfNeeded();
    await app.screenshot('chat-math');
  });

  it('leaves prices and code as written, and shows TeX that does not parse as its source', async () => {
    const md = answer().locator('.markdown');
    expect(await md.innerText()).toContain('The ruler costs $5 and the book $10.');
    expect(await md.locator('code').textContent()).toBe('echo $HOME$');
    const bad = md.locator('.math-error');
    expect(await bad.textContent()).toBe('$\\frac{a}{$');
    expect(await bad.getAttribute('title')).toMatch(/^Not typeset: KaTeX parse error/);
  });

  it('copies the TeX of a selected formula', async () => {
    const { page, context, url } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    // A string, because this file is compiled without the DOM library.
    await page.evaluate(`(() => {
      const math = [...document.querySelectorAll('[data-testid="assistant-message"] .katex-display')].at(-1);
      const range = document.createRange();
      range.selectNode(math);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    })()`);
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('$$\\frac{a}{b} = \\sum_{n=1}^{\\infty} \\frac{1}{2^n}$$');
  });
});
