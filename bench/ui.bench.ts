// UI figures (issue 8 item 5): the renderer bundle, browser-mode cold start to first paint, and
// the Savings view on the 1M-query ledger, measured in Debian's chromium with performance marks.
//
// The cached benchmark ledger is never served directly: `cascadeflow serve` writes settings and
// may write alerts, so the Savings run serves a throwaway copy (about a second for 1.4 GB).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { constants, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeOllama, startFakeOpenAI } from '../test/fakes/index.ts';
import { writeFakeTiersConfig } from './fake-tiers-config.ts';
import type { BenchRow } from './report.ts';
import { percentile } from './stats.ts';

export interface UiBenchOptions {
  ledgerDbPath: string;
  /** Epoch ms the page's clock is set to, so "90 days" covers the ledger; default: its last query. */
  nowMs?: number;
  /** Cold starts measured (median reported); default 3. */
  runs?: number;
  chromiumPath?: string;
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist', 'renderer');
const CLI = join(ROOT, 'bin', 'cascadeflow.mjs');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
// A string only chart.js's bundled code carries (a bar-element option); absent from app code.
const CHART_JS_MARKER = 'borderSkipped';
const MB = 1024 * 1024;

// ---------------------------------------------------------------- bundle size

function ensureRenderer(log: (line: string) => void): void {
  // scripts/ensure-renderer.mjs builds only when dist/renderer is missing or older than its sources.
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-renderer.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (out.trim().length > 0) log(`  ${out.trim()}`);
}

export function bundleRows(): BenchRow[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entryName = /<script[^>]+type="module"[^>]+src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (entryName === undefined) return [{ name: 'UI bundle: entry chunk', unit: 'MB', value: null, unavailable: 'no module script in dist/renderer/index.html' }];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="\.\/assets\/([^"]+\.js)"/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
  const assets = join(DIST, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const text = new Map(js.map((f) => [f, readFileSync(join(assets, f))]));
  const raw = (f: string) => text.get(f)?.length ?? 0;
  const gz = (f: string) => {
    const b = text.get(f);
    return b === undefined ? 0 : gzipSync(b, { level: 9 }).length;
  };
  const sum = (files: string[], size: (f: string) => number) => files.reduce((s, f) => s + size(f), 0);
  const initial = [entryName, ...preloads];
  const chartChunks = js.filter((f) => text.get(f)?.includes(CHART_JS_MARKER));
  const chartInInitial = initial.filter((f) => chartChunks.includes(f));
  const failure =
    chartInInitial.length > 0 ? `chart.js is in the initial load (${chartInInitial.join(', ')})` : chartChunks.length === 0 ? `chart.js marker "${CHART_JS_MARKER}" found in no chunk: cannot tell` : undefined;
  const split = failure === undefined ? `chart.js code-split into ${chartChunks.join(', ')} (${(sum(chartChunks, raw) / MB).toFixed(2)} MB)` : '';
  return [
    {
      name: 'UI bundle: entry chunk, raw',
      unit: 'MB',
      value: raw(entryName) / MB,
      baseline: { label: `all ${js.length} JS chunks`, value: sum(js, raw) / MB },
      note: `${entryName}; initial load with ${preloads.length} preloads ${(sum(initial, raw) / MB).toFixed(3)} MB; ${split}`,
      ...(failure === undefined ? {} : { failure }),
    },
    {
      name: 'UI bundle: entry chunk, gzip',
      unit: 'MB',
      value: gz(entryName) / MB,
      baseline: { label: 'all JS chunks gzipped', value: sum(js, gz) / MB },
      note: `node:zlib level 9; initial load gzipped ${(sum(initial, gz) / MB).toFixed(3)} MB`,
      ...(failure === undefined ? {} : { failure }),
    },
  ];
}

// ---------------------------------------------------------------- processes

interface Server {
  child: ChildProcess;
  url: string;
  spawnedAt: number;
}

function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (out += d));
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 120 s:\n${out}`));
    }, 120_000);
    child.stdout?.on('data', (d: string) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], spawnedAt });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before printing a URL:\n${out}`));
    });
  });
}

async function stopProcess(s: Server): Promise<void> {
  const { child } = s;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// The baseline: dist/renderer from a bare node:http server, so the difference is what serve adds.
const STATIC_SERVER = `
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
const root = process.argv[1];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = join(root, normalize(path === '/' ? '/index.html' : path));
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '/\\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

function cleanEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, CASCADEFLOW_DATA_DIR: join(dir, 'data'), CF_UI_BENCH_KEY: 'sk-ui-bench' };
  for (const k of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GROQ_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'CASCADEFLOW_CONFIG', 'CASCADEFLOW_DB', 'CASCADEFLOW_TOKEN']) delete env[k];
  return env;
}

// ---------------------------------------------------------------- page instrumentation

// Runs before any page script: long tasks from the first one, and a mark when the nav (the app
// shell) is in the DOM, so no polling delay of the bench ends up in the figures.
const INIT_SCRIPT = `(() => {
  const w = window;
  w.__cfLongTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__cfLongTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const seen = () => {
    if (performance.getEntriesByName('cf-shell').length === 0 && document.querySelector('[data-testid="nav-savings"]')) performance.mark('cf-shell');
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})()`;

// page.waitForFunction evaluates with eval(), which the app's CSP refuses; the figures come from
// in-page marks, so how often this polls does not change them.
async function waitUntil(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(expression)) !== true) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface ColdStart {
  fcpMs: number;
  shellMs: number;
}

async function coldStart(browser: Browser, start: () => Promise<Server>, shell: boolean): Promise<ColdStart> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: INIT_SCRIPT });
  const server = await start();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitUntil(page, `performance.getEntriesByName('first-contentful-paint').length > 0${shell ? ` && performance.getEntriesByName('cf-shell').length > 0` : ''}`, 60_000);
    const r = await page.evaluate(`({ origin: performance.timeOrigin, fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime, shell: performance.getEntriesByName('cf-shell')[0]?.startTime ?? NaN })`);
    const f = new Map(Object.entries(r ?? {}));
    const origin = Number(f.get('origin'));
    return { fcpMs: origin + Number(f.get('fcp')) - server.spawnedAt, shellMs: origin + Number(f.get('shell')) - server.spawnedAt };
  } finally {
    await context.close();
    await stopProcess(server);
  }
}

interface SwitchResult {
  figuresMs: number;
  paintedMs: number;
  apiMs: number;
  apiCalls: number;
  apiBytes: number;
  longestTaskMs: number;
  longTasks: number;
  blockingMs: number;
  queries: string;
}

// Picks a custom date range (the bench ledger ends on a fixed day in the past, so the presets
// relative to today would show nothing) and follows it to the frame the new figures are painted
// in. The charts are redrawn in the same React commit as the headline (one \`data\` update), so
// that frame shows both. The end date is set first: until the start date changes the range is
// invalid and nothing loads, so t0 is the one change that starts the load.
function switchScript(fromDay: string, toDay: string): string {
  return `(async () => {
    const text = () => document.querySelector('[data-testid="stat-queries"] .stat-value')?.textContent ?? document.querySelector('[data-testid="stat-queries"]')?.textContent ?? '';
    const before = text();
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const custom = [...document.querySelectorAll('[role="radio"]')].find((b) => b.textContent.trim() === 'Custom');
    if (!custom) throw new Error('no Custom range button');
    if (custom.getAttribute('aria-checked') !== 'true') { custom.click(); await frame(); await frame(); }
    const setInput = (label, value) => {
      const el = document.querySelector('input[aria-label="' + label + '"]');
      if (!el) throw new Error('no ' + label + ' date input');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    setInput('From', ${JSON.stringify('9999-12-31')});
    await frame();
    setInput('To', ${JSON.stringify(toDay)});
    await frame();
    const t0 = performance.now();
    setInput('From', ${JSON.stringify(fromDay)});
    let figures = null;
    let painted = null;
    while (performance.now() - t0 < 120000) {
      await frame();
      const boxes = [...document.querySelectorAll('[data-testid="savings-view"] .chart-box')];
      if (figures === null && text() !== before && text() !== '' && boxes.length >= 5 && boxes.every((b) => b.querySelector('canvas'))) { figures = performance.now(); continue; }
      if (figures !== null) { painted = performance.now(); break; }
    }
    if (painted === null) throw new Error('the ${fromDay} to ${toDay} figures never showed');
    await new Promise((r) => setTimeout(r, 300));
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/ledger.') && e.startTime >= t0);
    const tasks = window.__cfLongTasks.filter((t) => t.start + t.duration >= t0 && t.start <= painted);
    return {
      figuresMs: figures - t0,
      paintedMs: painted - t0,
      apiMs: api.length ? Math.max(...api.map((e) => e.responseEnd)) - t0 : NaN,
      apiCalls: api.length,
      apiBytes: api.reduce((s, e) => s + e.encodedBodySize, 0),
      longestTaskMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0,
      longTasks: tasks.length,
      blockingMs: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      queries: text(),
    };
  })()`;
}

function asSwitch(v: unknown): SwitchResult {
  const f = new Map(Object.entries(typeof v === 'object' && v !== null ? v : {}));
  const n = (k: string) => Number(f.get(k));
  return { figuresMs: n('figuresMs'), paintedMs: n('paintedMs'), apiMs: n('apiMs'), apiCalls: n('apiCalls'), apiBytes: n('apiBytes'), longestTaskMs: n('longestTaskMs'), longTasks: n('longTasks'), blockingMs: n('blockingMs'), queries: String(f.get('queries') ?? '') };
}

function ledgerEnd(dbPath: string): number {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { t: number | null }>('SELECT MAX(created_at) AS t FROM queries').get()?.t ?? Date.now();
  } finally {
    db.close();
  }
}

interface SavingsRun {
  openFiguresMs: number;
  switches: SwitchResult[];
  serveStartMs: number;
  nowMs: number;
}

async function savingsRun(browser: Browser, dir: string, config: string, opts: UiBenchOptions, runs: number): Promise<SavingsRun> {
  const copy = join(dir, 'ledger-copy.db');
  for (const suffix of ['', '-wal']) if (existsSync(`${opts.ledgerDbPath}${suffix}`)) copyFileSync(`${opts.ledgerDbPath}${suffix}`, `${copy}${suffix}`, constants.COPYFILE_FICLONE);
  const nowMs = opts.nowMs ?? ledgerEnd(copy);
  const server = await startProcess([CLI, 'serve', '--port', '0', '--db', copy, '--config', config], cleanEnv(dir));
  const serveStartMs = Date.now() - server.spawnedAt;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: INIT_SCRIPT });
    const page: Page = await context.newPage();
    await page.goto(`${server.url}#/savings`);
    await page.locator('[data-testid="savings-view"]').waitFor({ timeout: 60_000 });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const last30 = [day(nowMs - 29 * 86_400_000), day(nowMs)] as const;
    const last90 = [day(nowMs - 89 * 86_400_000), day(nowMs)] as const;
    const open = asSwitch(await page.evaluate(switchScript(...last30)));
    const openFiguresMs = open.figuresMs;
    await page.locator('[data-testid="savings-view"] .chart-box canvas').nth(4).waitFor({ timeout: 60_000 });
    const switches: SwitchResult[] = [];
    for (let i = 0; i < runs; i++) {
      switches.push(asSwitch(await page.evaluate(switchScript(...last90))));
      await page.evaluate(switchScript(...last30));
    }
    return { openFiguresMs, switches, serveStartMs, nowMs };
  } finally {
    await context.close();
    await stopProcess(server);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
}

// ---------------------------------------------------------------- rows

const median = (xs: number[]) => percentile(xs, 50);
const slowest = (xs: number[]) => Math.max(...xs);

export async function runUiBench(opts: UiBenchOptions): Promise<BenchRow[]> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 3;
  const chromiumPath = opts.chromiumPath ?? CHROMIUM;
  ensureRenderer(log);
  const rows = bundleRows();

  const browserRows: { name: string; unit: BenchRow['unit'] }[] = [
    { name: 'UI cold start: serve spawn to first contentful paint', unit: 'ms' },
    { name: 'UI cold start: serve spawn to app shell (nav) rendered', unit: 'ms' },
    { name: 'UI savings, 30 -> 90 days on the bench ledger: click to figures and charts painted', unit: 'ms' },
    { name: 'UI savings, 90 days: longest long task (jank)', unit: 'ms' },
  ];
  if (!existsSync(chromiumPath)) return [...rows, ...browserRows.map((r): BenchRow => ({ ...r, value: null, unavailable: `chromium not installed (${chromiumPath})` }))];

  const dir = mkdtempSync(join(tmpdir(), 'cf-ui-bench-'));
  const [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'] })]);
  // No scheduled backup of a 1.4 GB copy while the page is measured.
  const config = writeFakeTiersConfig(dir, { ollama, openai }, 'CF_UI_BENCH_KEY', { backup: { intervalHours: 0, keep: 1 } });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const serve: ColdStart[] = [];
    const bare: ColdStart[] = [];
    for (let i = 0; i < runs; i++) {
      // A fresh database each time: a first launch, migrations included.
      const db = join(dir, `cold-${i}.db`);
      serve.push(await coldStart(browser, () => startProcess([CLI, 'serve', '--port', '0', '--db', db, '--config', config], cleanEnv(dir)), true));
      // Without the session token serve injects, the bare page paints but never shows the nav.
      bare.push(await coldStart(browser, () => startProcess(['--input-type=module', '-e', STATIC_SERVER, DIST], cleanEnv(dir)), false));
    }
    log(`  cold start: serve FCP ${serve.map((s) => s.fcpMs.toFixed(0)).join(', ')} ms; bare static FCP ${bare.map((s) => s.fcpMs.toFixed(0)).join(', ')} ms`);
    const coldNote = `median of ${runs}, fresh browser context and fresh DB each; spawn of node to the page's paint entry / cf-shell mark`;
    rows.push(
      {
        name: browserRows[0]?.name ?? '',
        unit: 'ms',
        value: median(serve.map((s) => s.fcpMs)),
        p99: slowest(serve.map((s) => s.fcpMs)),
        p99Label: 'slowest',
        target: { on: 'value', below: 3000 },
        baseline: { label: 'bare node:http static server', value: median(bare.map((s) => s.fcpMs)) },
        note: coldNote,
      },
      {
        name: browserRows[1]?.name ?? '',
        unit: 'ms',
        value: median(serve.map((s) => s.shellMs)),
        p99: slowest(serve.map((s) => s.shellMs)),
        p99Label: 'slowest',
        target: { on: 'value', below: 3000 },
        baseline: { label: 'serve spawn to first contentful paint', value: median(serve.map((s) => s.fcpMs)) },
        note: `${coldNote}; no bare-server figure: without serve's session token the page never shows the nav`,
      },
    );

    log('  savings view on a copy of the bench ledger');
    let s: SavingsRun;
    try {
      s = await savingsRun(browser, dir, config, opts, runs);
    } catch (e) {
      const why = `savings run failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`;
      return [...rows, ...browserRows.slice(2).map((r): BenchRow => ({ ...r, value: null, unavailable: why }))];
    }
    const sw = s.switches;
    const painted = sw.map((x) => x.paintedMs);
    const api = sw.map((x) => x.apiMs);
    const render = sw.map((x) => x.paintedMs - x.apiMs);
    const longest = sw.map((x) => x.longestTaskMs);
    const day = new Date(s.nowMs).toISOString().slice(0, 10);
    rows.push(
      {
        name: browserRows[2]?.name ?? '',
        unit: 'ms',
        value: median(painted),
        p99: slowest(painted),
        p99Label: 'slowest',
        target: { on: 'value', below: 1000 },
        baseline: { label: 'the 6 ledger.* API calls alone', value: median(api) },
        note:
          `median of ${sw.length}, range ending ${day}, ${sw[0]?.queries ?? '?'} queries in range; render after the API ${median(render).toFixed(0)} ms; ` +
          `${sw[0]?.apiCalls ?? '?'} calls, ${((sw[0]?.apiBytes ?? 0) / 1024).toFixed(1)} KB of JSON (aggregated in SQLite); ` +
          `cold open of #/savings (30 days) to figures ${s.openFiguresMs.toFixed(0)} ms after navigation; serve on the ledger up in ${s.serveStartMs} ms`,
      },
      {
        name: browserRows[3]?.name ?? '',
        unit: 'ms',
        value: median(longest),
        p99: slowest(longest),
        p99Label: 'worst',
        target: { on: 'p99', below: 200 },
        note: `longtask entries from click to painted; ${sw.map((x) => x.longTasks).join('/')} long tasks, total blocking ${median(sw.map((x) => x.blockingMs)).toFixed(0)} ms (median)`,
      },
    );
    return rows;
  } finally {
    await browser.close();
    await Promise.all([ollama.close(), openai.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs on its own: npx tsx bench/ui.bench.ts <ledger.db>
if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (path === undefined || !statSync(path).isFile()) throw new Error('usage: npx tsx bench/ui.bench.ts <ledger.db>');
  const rows = await runUiBench({ ledgerDbPath: path, log: (l) => process.stderr.write(`${l}\n`) });
  console.log(JSON.stringify(rows, null, 2));
}
