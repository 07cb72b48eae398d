// Every API method, fed malformed values field by field over both transports (the browser-mode
// HTTP server and the Electron IPC adapter with the preload bridge) against a real backend on a
// real SQLite file: each call is refused with invalid_input naming the field, nothing crashes
// (no internal error, the server still answers), and no row is written.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../electron/node/config-file.ts';
import { createIpcBridge } from '../../../electron/main/ipc.ts';
import { isAppUrl } from '../../../electron/main/window-options.ts';
import { createBridge } from '../../../electron/preload/bridge.ts';
import { startServer, type RunningServer } from '../../../electron/node/server/index.ts';
import { API_METHOD_NAMES } from '../../../shared/api/contract.ts';
import { ApiFailure, type Result } from '../../../shared/api/result.ts';
import { apiInputSchemas } from '../../../shared/api/schemas.ts';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import { createFakeIpc } from '../transport/fake-electron-ipc.ts';
import { allBadCases, badCasesFor, Special, validSample, type BadCase } from './bad-input-cases.ts';
import { openHardBackend, type HardBackend } from './helpers.ts';

let t: HardBackend;
beforeAll(async () => {
  t = await openHardBackend(appConfigSchema.parse({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:9' }] }));
  // Something to protect: a conversation and a stored setting.
  await t.backend.call('conversations.create', { title: 'keep me' });
  await t.backend.call('secrets.set', { name: 'OPENAI_API_KEY', value: 'sk-keep' });
});
afterAll(async () => t.close());

function rowCounts(): Record<string, number> {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    return Object.fromEntries(tables.map((name) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** Replaces Special markers by the numbers they stand for (IPC carries them by structured clone). */
function materialize(v: unknown): unknown {
  if (v instanceof Special) return v.value;
  if (Array.isArray(v)) return v.map(materialize);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x)]));
  return v;
}

function hasSpecial(v: unknown, kind?: Special['kind']): boolean {
  if (v instanceof Special) return kind === undefined || v.kind === kind;
  if (Array.isArray(v)) return v.some((x) => hasSpecial(x, kind));
  if (typeof v === 'object' && v !== null) return Object.values(v).some((x) => hasSpecial(x, kind));
  return false;
}

/** JSON text with 1e309 / -1e309 where the input has infinities (JSON.parse reads them as such). */
function jsonBody(input: unknown): string {
  const marked = JSON.stringify(input, (_k, v: unknown) => (v instanceof Special ? `@@${v.kind}@@` : v));
  return marked.replace(/"@@Infinity@@"/g, '1e309').replace(/"@@-Infinity@@"/g, '-1e309');
}

function expectRefused(c: BadCase, r: Result<unknown>): void {
  const where = `${c.method}: ${c.label}`;
  expect(r.ok, where).toBe(false);
  if (r.ok) return;
  expect(r.error.code, `${where}: ${r.error.message}`).toBe('invalid_input');
  const fields = r.error.details?.['fields'];
  expect(Array.isArray(fields), where).toBe(true);
  const named = (fields as string[]).some((f) => f === c.field || f.startsWith(`${c.field}.`) || (c.field === '(input)' && f === '(input)'));
  expect(named, `${where}: fields ${JSON.stringify(fields)} should name ${c.field}`).toBe(true);
  if (c.mentions) expect(r.error.message, where).toContain(c.mentions);
}

describe('bad input to every API method', () => {
  it('has a valid sample or synthesized input for every method', () => {
    // Not a bad-input check: makes sure the field cases below start from a valid input.
    const missing = API_METHOD_NAMES.filter((m) => {
      const sample = validSample(m);
      return !(apiInputSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>)[m]?.safeParse(sample).success;
    });
    expect(missing, 'add a valid input for these methods to SAMPLES in bad-input-cases.ts').toEqual([]);
    for (const m of API_METHOD_NAMES) expect(badCasesFor(m).length, m).toBeGreaterThan(3);
  });

  it('refuses every malformed value over http naming the field without writing', { timeout: 120_000 }, async () => {
    const server: RunningServer = await startServer({ backend: t.backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-renderer-')) });
    try {
      const before = rowCounts();
      const send = async (method: string, body: string) => {
        const res = await fetch(`${server.url}api/${encodeURIComponent(method)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': server.token }, body });
        return { status: res.status, result: (await res.json()) as Result<unknown> };
      };
      let sent = 0;
      // NaN has no JSON form: over HTTP it arrives as the string "NaN" (its own case) or not at all.
      for (const c of allBadCases().filter((x) => !hasSpecial(x.input, 'NaN'))) {
        const { status, result } = await send(c.method, jsonBody(c.input));
        expect(status, `${c.method}: ${c.label}`).toBe(200);
        expectRefused(c, result);
        sent++;
      }
      expect(sent).toBeGreaterThan(500);
      // A raw NaN token is not JSON at all: refused by the transport before any handler.
      const raw = await send('ledger.usageProfile', '{"days": NaN}');
      expect(raw.status).toBe(400);
      expect(raw.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

      expect(rowCounts()).toEqual(before);
      expect(t.logs).toEqual([]);
      expect((await send('app.info', '{}')).result.ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses every malformed value over ipc including nan naming the field without writing', { timeout: 120_000 }, async () => {
    const indexUrl = pathToFileURL('/opt/CascadeFlow/resources/app.asar/dist/renderer/index.html').href;
    const ipc = createFakeIpc(indexUrl);
    const adapter = createIpcBridge({ ipcMain: ipc.ipcMain, backend: t.backend, isAllowedSender: (url) => isAppUrl(url, { indexUrl }), chooseSavePath: async () => null });
    adapter.attachWindow(ipc.webContents);
    const bridge = createBridge(ipc.ipcRenderer);
    try {
      const before = rowCounts();
      let sent = 0;
      for (const c of allBadCases()) {
        const result = (await bridge.invoke(c.method, materialize(c.input))) as Result<unknown>;
        expectRefused(c, result);
        sent++;
      }
      expect(sent).toBeGreaterThan(500);
      expect(rowCounts()).toEqual(before);
      expect(t.logs).toEqual([]);
      expect(((await bridge.invoke('app.info', {})) as Result<unknown>).ok).toBe(true);
    } finally {
      ipc.destroyWindow();
      adapter.dispose();
    }
  });
});

describe('bad config files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bad-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tier = { model: 'llama3.2:3b', provider: 'ollama' };

  const cases: [string, unknown, string[]][] = [
    ['no tiers', {}, ['tiers']],
    ['empty tiers', { tiers: [] }, ['tiers']],
    ['tiers as an object', { tiers: tier }, ['tiers']],
    ['misspelled provider', { tiers: [{ ...tier, provider: 'olama' }] }, ['tiers.0.provider']],
    ['number for a model', { tiers: [{ ...tier, model: 42 }] }, ['tiers.0.model']],
    ['ftp base url', { tiers: [{ ...tier, baseUrl: 'ftp://host/v1' }] }, ['tiers.0.baseUrl']],
    ['negative timeout', { tiers: [{ ...tier, timeoutMs: -5 }] }, ['tiers.0.timeoutMs']],
    ['threshold over 1', { tiers: [tier], quality: { threshold: 7 } }, ['quality.threshold']],
    ['string threshold', { tiers: [tier], quality: { threshold: '0.7' } }, ['quality.threshold']],
    ['unknown top-level field', { tiers: [tier], tires: [] }, ['']],
    ['unknown streaming mode', { tiers: [tier], streaming: { mode: 'turbo' } }, ['streaming.mode']],
    ['negative price', { tiers: [tier], prices: { 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 10 } } }, ['prices.gpt-4o.inputPerMTok']],
    ['null local settings', { tiers: [tier], local: null }, ['local']],
    ['bad circuit breaker', { tiers: [tier], circuitBreaker: { failures: -1, coolDownMs: 'soon' } }, ['circuitBreaker.failures', 'circuitBreaker.coolDownMs']],
    ['bad backup schedule', { tiers: [tier], backup: { intervalHours: 'daily', keep: 0 } }, ['backup.intervalHours', 'backup.keep']],
    ['several at once', { tiers: [{ ...tier, provider: 'x', local: 'yes' }], audit: { rate: 2 } }, ['tiers.0.provider', 'tiers.0.local', 'audit.rate']],
  ];

  it.each(cases)('names-each-bad-field: %s', (_name, config, fields) => {
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify(config));
    let failure: unknown;
    try {
      loadConfigFile(path);
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(ApiFailure);
    const f = failure as ApiFailure;
    expect(f.code).toBe('config_invalid');
    expect(f.details?.['fields']).toEqual(expect.arrayContaining(fields));
    for (const field of fields.filter(Boolean)) expect(f.message).toContain(`${field}:`);
    expect(f.message).toContain(path);
  });

  it('explains a file that is not json or not there', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"tiers": [');
    expect(() => loadConfigFile(path)).toThrow(/is not valid JSON/);
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/Cannot read config file .*missing\.json: ENOENT/);
  });
});

describe('bad trace lines', () => {
  it('cascadeflow replay reports each bad line with its number', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-bad-trace-'));
    try {
      const root = fileURLToPath(new URL('../../../', import.meta.url));
      const lines = readFileSync(join(root, 'examples/traces/gsm8k.jsonl'), 'utf8').split('\n').slice(0, 5);
      lines[1] = '{"id": "broken", "messages": [';
      lines[3] = JSON.stringify({ id: 'typed', messages: [{ role: 'user', content: 'q' }], responses: { m: { text: 7 } } });
      const trace = join(dir, 'bad.jsonl');
      writeFileSync(trace, lines.join('\n'));
      const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(process.execPath, [join(root, 'bin/cascadeflow.mjs'), 'replay', trace, '--tiers', 'a,b', '--price', 'a=1/1', '--price', 'b=1/1'], { env: { PATH: process.env.PATH ?? '', HOME: dir, CASCADEFLOW_DATA_DIR: dir }, timeout: 60_000 }, (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
        ),
      );
      // A file the user must fix is a usage error, as a missing file or a bad flag is (and as record reports its prompt set).
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/line 2: not valid JSON/);
      expect(r.stderr).toMatch(/line 4: .*text/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
