// The e2e rig: fake Ollama (drafter) and fake OpenAI-compatible (verifier) servers on
// 127.0.0.1, `cascadeflow serve` on a fresh database pointed at them, and Debian's chromium
// driven by playwright-core with a throwaway profile at 1280x800.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AppConfigInput } from '../../shared/core/config/schema.ts';
import { defaultResponse, FAKE_MODELS, roleOf, startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../fakes/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');
const CLI = join(ROOT, 'bin', 'cascadeflow.mjs');
const API_KEY_ENV = 'CASCADEFLOW_E2E_OPENAI_KEY';

// No host but the loopback resolves: whatever a page tries (a remote image in a model's answer),
// no packet leaves the machine. Requests are still attempted, so page.on('request') sees them.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export const DRAFTER = 'llama3.2:3b';
export const VERIFIER = 'gpt-4o';

export interface Fakes {
  ollama: FakeOllama;
  openai: FakeOpenAI;
}

export interface E2eApp {
  /** Base URL of the running server, e.g. http://127.0.0.1:41234/ */
  url: string;
  page: Page;
  context: BrowserContext;
  fakes: Fakes;
  dir: string;
  /** The SQLite ledger the server writes (read it with better-sqlite3 in readonly mode). */
  dbPath: string;
  /** Browser console errors and uncaught page errors seen so far. */
  pageErrors: string[];
  /** Stops the server and starts it again on the same database; the page is reopened. */
  restartServer(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  chromiumPath: string;
  /** Pause between streamed chunks of the fakes' default answers. */
  chunkDelayMs?: number;
  config?: (fakes: Fakes) => AppConfigInput;
  viewport?: { width: number; height: number };
}

export function defaultConfig(fakes: Fakes): AppConfigInput {
  return {
    tiers: [
      { model: DRAFTER, provider: 'ollama', baseUrl: fakes.ollama.url, local: true },
      // A price override keeps the verifier's cost known whatever the bundled price data says.
      { model: VERIFIER, provider: 'openai-compatible', baseUrl: fakes.openai.url, apiKeyEnv: API_KEY_ENV, price: { inputPerMTok: 2.5, outputPerMTok: 10 } },
    ],
    streaming: { mode: 'draft-then-replace' },
  };
}

interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function serverEnv(dir: string, fakes: Fakes): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Real keys or hosts from the developer's shell must never reach a test (or the internet).
  for (const k of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GROQ_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'CASCADEFLOW_CONFIG', 'CASCADEFLOW_DB']) delete env[k];
  env.OLLAMA_HOST = fakes.ollama.url;
  // A provider's default address is where a saved key is tested (Settings tests it on save):
  // OpenAI's is the fake, Anthropic's a closed port, so no test ever reaches a real API.
  env.OPENAI_BASE_URL = fakes.openai.url;
  env.ANTHROPIC_BASE_URL = 'http://127.0.0.1:9';
  env.CASCADEFLOW_DATA_DIR = join(dir, 'data');
  env[API_KEY_ENV] = 'sk-e2e-fake';
  return env;
}

async function startServer(dir: string, fakes: Fakes): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', join(dir, 'cascadeflow.db'), '--config', join(dir, 'config.json')], {
    cwd: ROOT,
    env: serverEnv(dir, fakes),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cascadeflow serve printed no URL within 90 s. Output:\n${out}`)), 90_000);
    child.stdout?.on('data', (d: string) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`cascadeflow serve exited (${code ?? signal}) before printing its URL. Output:\n${out}`));
    });
  });
  await waitForHealth(url);
  return { child, url, output: () => out };
}

async function waitForHealth(url: string): Promise<void> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(new URL('healthz', url));
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}healthz never answered 200 (${last})`);
}

async function stopServer(server: ServerProcess): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startApp(options: StartOptions): Promise<E2eApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cascadeflow-e2e-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  const delayMs = options.chunkDelayMs ?? 15;
  const ollama = await startFakeOllama({ models: FAKE_MODELS.ollama });
  const openai = await startFakeOpenAI({ models: FAKE_MODELS.openai });
  ollama.setDefault((call) => defaultResponse(call, roleOf(call.model, true), delayMs));
  openai.setDefault((call) => defaultResponse(call, roleOf(call.model, false), delayMs));
  const fakes: Fakes = { ollama, openai };
  writeFileSync(join(dir, 'config.json'), JSON.stringify((options.config ?? defaultConfig)(fakes), null, 2));

  let server: ServerProcess | null = null;
  let context: BrowserContext | null = null;
  const cleanup = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    if (server) await stopServer(server);
    await Promise.all([ollama.close(), openai.close()]);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    server = await startServer(dir, fakes);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: options.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
  } catch (e) {
    await cleanup();
    throw e;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(`page: ${e.message}`));
  await page.goto(server.url);

  const app: E2eApp = {
    url: server.url,
    page,
    context,
    fakes,
    dir,
    dbPath: join(dir, 'cascadeflow.db'),
    pageErrors,
    async restartServer() {
      // Leave the page first, or its event stream logs failed reconnects to the stopped server.
      await page.goto('about:blank');
      if (server) await stopServer(server);
      server = await startServer(dir, fakes);
      app.url = server.url;
      await page.goto(server.url);
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      // Transitions finished: a theme switch just before (emulateMedia) would otherwise be caught
      // half-way, buttons still light on a dark page.
      await page.screenshot({ path, animations: 'disabled' });
      return path;
    },
    close: cleanup,
  };
  return app;
}

/** Types a message in the composer and sends it with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('composer-input');
  await box.fill(text);
  await box.press('Enter');
}

/** The last assistant message once its badge (model, cost, tokens) is shown. */
export async function waitForAnswer(page: Page, count = 1): Promise<void> {
  await page.locator('[data-testid="assistant-message"] [data-testid="answer-badge"]').nth(count - 1).waitFor({ timeout: 30_000 });
}

/**
 * Calls the API from inside the page, with the session token the server put in the page, the
 * way the renderer does; for setting up data the UI has no button for (user and feature tags).
 */
export async function apiCall(page: Page, method: string, input: unknown): Promise<unknown> {
  // A string, because this file is compiled without the DOM library.
  return page.evaluate(`(async () => {
    const token = document.querySelector('meta[name="cascadeflow-token"]')?.getAttribute('content') ?? '';
    const r = await fetch('/api/' + ${JSON.stringify(method)}, { method: 'POST', headers: { 'content-type': 'application/json', 'X-CascadeFlow-Token': token }, body: ${JSON.stringify(JSON.stringify(input))} });
    return r.json();
  })()`);
}

/** apiCall's value, or an error naming the method and the API's message. */
export async function apiValue<T>(page: Page, method: string, input: unknown): Promise<T> {
  const r = (await apiCall(page, method, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

/** Scrolls the current view's scrolling page to the top, the bottom, or an element. */
export async function scrollView(page: Page, where: 'top' | 'bottom' | string): Promise<void> {
  if (where === 'top' || where === 'bottom') {
    await page.evaluate(`(() => { const el = document.querySelector('.page'); if (el) el.scrollTop = ${where === 'top' ? '0' : 'el.scrollHeight'}; })()`);
  } else {
    await page.locator(where).first().waitFor();
    await page.evaluate(`document.querySelector(${JSON.stringify(where)})?.scrollIntoView({ block: 'start' })`);
  }
}
