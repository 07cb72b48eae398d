// Kill -9 the browser-mode server while it is answering and recording queries, several times,
// then check the database: it opens, passes integrity_check, and every query the API answered
// is there with all of its calls. No query is ever half-written.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';

const BIN = fileURLToPath(new URL('../../../bin/cascadeflow.mjs', import.meta.url));
const TOKEN = 'crash-test-token';
let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama(), startFakeOpenAI()]);
  // Every other draft has wrong arithmetic, so half the queries make two calls.
  let n = 0;
  ollama.setDefault(() => ({ text: n++ % 2 ? 'We get 6 * 7 = 42, so the answer is 42.' : 'We get 6 * 7 = 48, so the answer is 48.', delayMs: 5 }));
  openai.setDefault(() => ({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 5 }));
  dir = mkdtempSync(join(tmpdir(), 'cf-crash-'));
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function startServe(configPath: string, dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--config', configPath, '--db', dbPath], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, CASCADEFLOW_TOKEN: TOKEN, CF_KEY: 'sk-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve({ child, url: m[0] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
  });
}

interface Answered {
  queryId: string;
  calls: number;
}

async function ask(url: string, i: number): Promise<Answered | null> {
  try {
    const res = await fetch(`${url}api/cascade.run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cascadeflow-token': TOKEN },
      body: JSON.stringify({ prompt: `Query ${i}: what is 6 * 7?` }),
    });
    const body = (await res.json()) as { ok: boolean; value?: { queryId: string; attempts: unknown[] } };
    return body.ok && body.value ? { queryId: body.value.queryId, calls: body.value.attempts.length } : null;
  } catch {
    return null; // the server died mid-request: this query was never answered
  }
}

it('survives sigkill mid write without losing answered queries', { timeout: 120_000 }, async () => {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    tiers: [
      { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url },
      { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
    ],
  }));
  const dbPath = join(dir, 'ledger.db');
  const answered: Answered[] = [];
  let next = 0;

  for (let round = 0; round < 4; round++) {
    const { child, url } = await startServe(configPath, dbPath);
    const exited = new Promise((r) => child.once('exit', r));
    let alive = true;
    const answeredBefore = answered.length;
    const workers = Array.from({ length: 6 }, async () => {
      while (alive) {
        const a = await ask(url, next++);
        if (a) answered.push(a);
      }
    });
    // Kill only once this round has answered a few queries, so the kill always lands while
    // writes are in flight, however slow the machine is; then a little later at random.
    const deadline = Date.now() + 30_000;
    while (answered.length < answeredBefore + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
    child.kill('SIGKILL');
    await exited;
    alive = false;
    await Promise.all(workers);
  }

  expect(answered.length).toBeGreaterThanOrEqual(12);
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const callsOf = db.prepare('SELECT COUNT(*) AS n FROM calls WHERE query_id = ?');
    for (const a of answered) expect((callsOf.get(a.queryId) as { n: number }).n).toBe(a.calls);
    const orphans = db.prepare('SELECT COUNT(*) AS n FROM queries q WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.query_id = q.id)').get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    db.close();
  }
});
