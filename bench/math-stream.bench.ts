// Math in a streamed answer, in Debian's chromium: a 200-chunk answer with 20 formulas, each
// chunk rendered as the chat renders it (Markdown to sanitized HTML, set as the answer's HTML,
// its math typeset, then laid out with KaTeX's stylesheet and fonts). The figure keeps each
// typeset formula for the next chunk (math-render.ts); the baseline, timed in the same page,
// keeps none, so every formula is typeset again on every chunk, as the chat did before.
// Run alone: npx tsx bench/math-stream.bench.ts   (npm run bench calls runMathStreamBench()).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildResult } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { evaluate, formatTable, type BenchRow } from './report.ts';
import { percentile } from './stats.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './ui.bench.ts';

export interface MathStreamBenchOptions {
  chunks: number;
  formulas: number;
  /** Streams timed each way (median reported), after one unmeasured each. */
  runs: number;
  chromiumPath: string;
}

const DEFAULTS: MathStreamBenchOptions = { chunks: 200, formulas: 20, runs: 7, chromiumPath: CHROMIUM };
const ROOT = fileURLToPath(new URL('../', import.meta.url));

// The page's side, bundled by esbuild from the renderer's own modules. KaTeX's render is counted
// through the module object math-render.ts calls it on.
const PAGE_ENTRY = `
import katex from 'katex';
import { renderMarkdown } from './renderer/src/lib/markdown.ts';
import { createTypesetCache, renderMathWithin } from './renderer/src/lib/math-render.ts';

const typeset = katex.render;
let calls = 0;
katex.render = (...args) => {
  calls++;
  return typeset(...args);
};
window.__mathStream = (texts, keep) => {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const cache = createTypesetCache(keep);
  calls = 0;
  let html = 0;
  let math = 0;
  let layout = 0;
  for (const text of texts) {
    const t0 = performance.now();
    root.innerHTML = renderMarkdown(text);
    const t1 = performance.now();
    renderMathWithin(root, cache);
    const t2 = performance.now();
    // Laid out as the chat's next frame would be: copies and fresh KaTeX nodes alike.
    void root.offsetHeight;
    const t3 = performance.now();
    html += t1 - t0;
    math += t2 - t1;
    layout += t3 - t2;
  }
  return { html, math, layout, calls, answer: root.innerHTML };
};
`;

async function bundlePage(): Promise<{ js: string; css: string }> {
  const common = { bundle: true, write: false, platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent' } as const;
  const [js, css] = await Promise.all([
    build({
      ...common,
      stdin: { contents: PAGE_ENTRY, resolveDir: ROOT, loader: 'js', sourcefile: 'math-stream-page.js' },
      format: 'iife',
      define: { 'process.env.NODE_ENV': '"production"' },
      // KaTeX's stylesheet comes from the build below, its fonts inlined: the page has no server.
      loader: { '.css': 'empty' },
    }),
    build({ ...common, entryPoints: [fileURLToPath(import.meta.resolve('katex/dist/katex.min.css'))], loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl' } }),
  ]);
  const text = (r: BuildResult<{ write: false }>) => r.outputFiles[0]?.text ?? '';
  if (text(js) === '' || text(css) === '') throw new Error('esbuild wrote no page bundle or no stylesheet');
  return { js: text(js), css: text(css) };
}

/** An answer of `formulas` paragraphs, each with an inline formula (every fifth one displayed) and a price. */
function streamedAnswer(formulas: number, chunks: number): string[] {
  const text = Array.from({ length: formulas }, (_, i) =>
    i % 5 === 4
      ? `Summing up to step ${i}:\n\n$$\\sum_{k=1}^{${i}} \\frac{x_k^2}{k+1} = \\int_0^{${i}} f(t)\\,dt$$`
      : `Step ${i}: the term $x_{${i}} = \\frac{${i}}{n+${i}}\\sqrt{y_${i}}$ grows, and the ruler still costs $5 and the book $10.`,
  ).join('\n\n');
  return Array.from({ length: chunks }, (_, i) => text.slice(0, Math.ceil((text.length * (i + 1)) / chunks)));
}

interface StreamRun {
  /** Markdown to sanitized HTML and setting it, over all chunks. */
  htmlMs: number;
  /** Typesetting the math, over all chunks. */
  mathMs: number;
  layoutMs: number;
  totalMs: number;
  calls: number;
  answer: string;
}

async function stream(page: Page, texts: string[], keep: number): Promise<StreamRun> {
  // A string: this file is compiled without the DOM library.
  const r: unknown = await page.evaluate(`window.__mathStream(${JSON.stringify(texts)}, ${keep})`);
  const f = new Map(Object.entries(typeof r === 'object' && r !== null ? r : {}));
  const n = (k: string) => Number(f.get(k));
  return { htmlMs: n('html'), mathMs: n('math'), layoutMs: n('layout'), totalMs: n('html') + n('math') + n('layout'), calls: n('calls'), answer: String(f.get('answer') ?? '') };
}

export async function runMathStreamBench(options: Partial<MathStreamBenchOptions> = {}): Promise<BenchRow[]> {
  const o = { ...DEFAULTS, ...options };
  const name = `chat, a ${o.chunks}-chunk answer with ${o.formulas} formulas streamed in`;
  if (!existsSync(o.chromiumPath)) return [`${name}: typesetting its math`, `${name}: all of it`].map((n): BenchRow => ({ name: n, unit: 'ms', value: null, unavailable: `chromium not installed (${o.chromiumPath})` }));
  const page_ = await bundlePage();
  const texts = streamedAnswer(o.formulas, o.chunks);
  const browser = await chromium.launch({ executablePath: o.chromiumPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html><head></head><body></body></html>');
    await page.addStyleTag({ content: page_.css });
    await page.addScriptTag({ content: page_.js });
    await page.evaluate('document.fonts.ready');
    const kept: StreamRun[] = [];
    const none: StreamRun[] = [];
    // One of each unmeasured (JIT, fonts), then alternating, so load on the machine hits both alike.
    await stream(page, texts, 500);
    await stream(page, texts, 0);
    for (let i = 0; i < o.runs; i++) {
      kept.push(await stream(page, texts, 500));
      none.push(await stream(page, texts, 0));
    }
    const median = (runs: StreamRun[], ms: (r: StreamRun) => number) => percentile(runs.map(ms), 50);
    const slowest = (runs: StreamRun[], ms: (r: StreamRun) => number) => Math.max(...runs.map(ms));
    const calls = (runs: StreamRun[]) => runs[0]?.calls ?? NaN;
    const failure = kept.some((r) => r.answer !== none[0]?.answer)
      ? 'the answer typeset from kept formulas differs from the one typeset afresh'
      : calls(kept) !== o.formulas
        ? `${calls(kept)} KaTeX calls for ${o.formulas} formulas`
        : undefined;
    const perChunk = (ms: number) => `${(ms / o.chunks).toFixed(2)} ms a chunk`;
    const row = (name: string, ms: (r: StreamRun) => number, note: string): BenchRow => ({
      name,
      unit: 'ms',
      value: median(kept, ms),
      p99: slowest(kept, ms),
      p99Label: 'slowest',
      baseline: { label: 'every formula typeset again on every chunk', value: median(none, ms) },
      note: `median of ${o.runs} streams in chromium, summed over the ${o.chunks} chunks; ${perChunk(median(kept, ms))} against ${perChunk(median(none, ms))}; ${note}`,
      ...(failure === undefined ? {} : { failure }),
    });
    return [
      row(`${name}: typesetting its math`, (r) => r.mathMs, `${calls(kept)} KaTeX calls against ${calls(none)}`),
      row(
        `${name}: all of it`,
        (r) => r.totalMs,
        `Markdown and sanitizing ${median(kept, (r) => r.htmlMs).toFixed(0)} ms, math ${median(kept, (r) => r.mathMs).toFixed(0)} ms, ` +
          `layout with KaTeX's stylesheet and fonts ${median(kept, (r) => r.layoutMs).toFixed(0)} ms (the whole answer's HTML is new on every chunk)`,
      ),
    ];
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatTable((await runMathStreamBench()).map(evaluate)));
}
