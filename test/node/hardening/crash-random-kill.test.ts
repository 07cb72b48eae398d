// SIGKILL of `serve` at random points (after a random number of answers, so the kill lands
// mid-write however fast the machine is), several times, with chat history and an online backup
// being written too. After each restart and at the end: the file passes integrity_check, every
// answered query is there with all its calls and its chat message, and no query is half-written.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { callApi, startServe } from './serve-process.ts';
import { seededRandom } from '../../seeded-random.ts';

let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama(), startFakeOpenAI()]);
  // Every other draft is wrong, so half the queries write two calls.
  let n = 0;
  ollama.setDefault(() => ({ text: n++ % 2 ? 'We get 6 * 7 = 42, so the answer is 42.' : 'We get 6 * 7 = 48, so the answer is 48.', delayMs: 3 }));
  openai.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 3 });
  dir = mkdtempSync(join(tmpdir(), 'cf-random-kill-'));
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Answered {
  queryId: string;
  calls: number;
  conversationId: string;
}

it('survives sigkill at random points with every answered query whole', { timeout: 240_000 }, async () => {
  const seed = Number(process.env.CF_CRASH_SEED ?? Date.now() % 1_000_000);
  const random = seededRandom(seed);
  const context = `seed ${seed} (rerun with CF_CRASH_SEED=${seed})`;
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url }, { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' }] }));
  const dataDir = join(dir, 'data');
  const dbPath = join(dataDir, 'cascadeflow.db');
  const answered: Answered[] = [];
  let next = 0;

  for (let round = 0; round < 4; round++) {
    const serve = await startServe({ args: ['--config', configPath, '--db', dbPath], env: { HOME: dir, CASCADEFLOW_DATA_DIR: dataDir, CF_KEY: 'sk-test' }, token: 'crash-token' });
    // One conversation per worker: a conversation answers one question at a time.
    const conversationIds = await Promise.all(
      Array.from({ length: 6 }, async (_, w) => ((await callApi(serve, 'conversations.create', { title: `round ${round} worker ${w}` })).result.value as { id: string }).id),
    );
    const killAfter = 3 + Math.floor(random() * 12);
    let thisRound = 0;
    let alive = true;
    let killed!: () => void;
    const killNow = new Promise<void>((r) => (killed = r));
    const workers = conversationIds.map(async (conversationId) => {
      while (alive) {
        const i = next++;
        try {
          const { result } = await callApi(serve, 'cascade.run', { prompt: `Query ${i}: what is 6 * 7?`, conversationId: i % 2 ? conversationId : undefined });
          const v = result.value as { queryId: string; attempts: unknown[] } | undefined;
          if (result.ok && v) {
            answered.push({ queryId: v.queryId, calls: v.attempts.length, conversationId: i % 2 ? conversationId : '' });
            if (++thisRound >= killAfter) killed();
          }
        } catch {
          // The server died mid-request: this query was never answered.
        }
      }
    });
    // In two rounds an online backup runs alongside, so the kill may land while it copies.
    if (round % 2 === 1) void callApi(serve, 'backup.create', {}).catch(() => undefined);
    await killNow;
    await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
    await serve.stop('SIGKILL');
    alive = false;
    await Promise.all(workers);
  }

  expect(answered.length, context).toBeGreaterThanOrEqual(4 * 3);
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    expect(db.pragma('foreign_key_check'), context).toEqual([]);
    const callsOf = db.prepare('SELECT COUNT(*) AS n FROM calls WHERE query_id = ?');
    const messageOf = db.prepare("SELECT COUNT(*) AS n FROM messages WHERE query_id = ? AND role = 'assistant'");
    for (const a of answered) {
      expect((callsOf.get(a.queryId) as { n: number }).n, `${context}: calls of ${a.queryId}`).toBe(a.calls);
      if (a.conversationId) expect((messageOf.get(a.queryId) as { n: number }).n, `${context}: message of ${a.queryId}`).toBe(1);
    }
    // Whole queries only, answered or not: calls numbered 0..n-1, costs adding up, the message with it.
    const broken = db
      .prepare(
        `SELECT q.id FROM queries q
         LEFT JOIN (SELECT query_id, COUNT(*) AS n, MAX(seq) AS top, COALESCE(SUM(cost_nano), 0) AS cost FROM calls GROUP BY query_id) c ON c.query_id = q.id
         WHERE c.n IS NULL OR c.top != c.n - 1 OR c.cost != q.cost_nano OR q.calls_count != c.n
            OR (q.conversation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.query_id = q.id))`,
      )
      .all();
    expect(broken, context).toEqual([]);
    const orphanMessages = db.prepare("SELECT id FROM messages WHERE role = 'assistant' AND query_id IS NOT NULL AND query_id NOT IN (SELECT id FROM queries)").all();
    expect(orphanMessages, context).toEqual([]);
  } finally {
    db.close();
  }
  // A backup cut short by the kill is never left looking like a finished one.
  const backupDir = join(dataDir, 'backups');
  const backups = existsSync(backupDir) ? readdirSync(backupDir).filter((n) => n.startsWith('cascadeflow-')) : [];
  for (const name of backups) {
    const copy = new Database(join(backupDir, name), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true }), `${context}: ${name}`).toBe('ok');
    } finally {
      copy.close();
    }
  }
});
