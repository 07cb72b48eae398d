// An answer is paid for before it is written down. When another program holds the database's
// write lock past the busy timeout at that moment (the same path a full disk takes), the user is
// told what happened to which file, and the answer with its cost is kept and saved once the
// database can be written again: in its chat, on the ledger, in the rollups.
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { fakesForFile, twoTierConfig } from '../helpers/harness.ts';
import { openHardBackend, readLedger, type HardBackend } from './helpers.ts';

const f = fakesForFile();
let b: HardBackend | null = null;
afterEach(async () => {
  await b?.close();
  b = null;
  f.ollama.setDefault(undefined);
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('keeps a paid answer the locked database refused and saves it once the lock is gone', { timeout: 40_000 }, async () => {
  f.ollama.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 30 });
  b = await openHardBackend(twoTierConfig(f));
  const backend = b.backend;
  const conversation = await backend.call('conversations.create', { title: 'locked' });
  if (!conversation.ok) throw new Error(conversation.error.message);
  const conversationId = conversation.value.id;

  // Another program starts a write while the drafter is answering, and holds it past the app's wait.
  const other = new Database(b.dbPath);
  const pending = backend.call('cascade.run', { prompt: 'What is 6 * 7?', conversationId, runId: 'run-locked' });
  await until(() => b!.cascadeEvents('run-locked').length > 0, 'the drafter to start');
  other.exec('BEGIN IMMEDIATE');
  const refused = await pending;
  other.exec('ROLLBACK');
  other.close();

  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.message).toContain(b.dbPath);
  expect(refused.error.message).toMatch(/locked by another program/);
  expect(refused.error.message).toMatch(/not saved yet/);
  expect(refused.error.details).toMatchObject({ storage: 'locked', kept: true });
  const queryId = refused.error.details?.['queryId'];
  expect(typeof queryId).toBe('string');

  // Without another question, the retry saves it: the query whole, its answer in the chat, the rollups agreeing.
  await until(() => readLedger(b!.dbPath).queries.some((q) => q.id === queryId), 'the kept answer to be saved');
  const ledger = readLedger(b.dbPath);
  const query = ledger.queries.find((q) => q.id === queryId)!;
  const calls = ledger.calls.filter((c) => c.query_id === queryId);
  expect(calls.length).toBeGreaterThan(0);
  expect(query.cost_nano).toBe(calls.reduce((s, c) => s + (c.cost_nano ?? 0), 0));
  const chat = await backend.call('conversations.get', { id: conversationId });
  if (!chat.ok) throw new Error(chat.error.message);
  expect(chat.value.messages.map((m) => [m.role, m.content])).toEqual([
    ['user', 'What is 6 * 7?'],
    ['assistant', 'We get 6 * 7 = 42, so the answer is 42.'],
  ]);
  const summary = await backend.call('ledger.summary', { range: { from: 0, to: Date.now() + 60_000 } });
  if (!summary.ok) throw new Error(summary.error.message);
  expect(summary.value).toMatchObject({ queries: 1, costNano: query.cost_nano });

  // And the next question is answered and saved as usual.
  expect(await b.run({ prompt: 'What is 6 * 7, again?', conversationId })).toMatchObject({ status: 'ok' });
  expect(readLedger(b.dbPath).queries).toHaveLength(2);
});

it('names the locked file and what to do instead of an internal error', { timeout: 20_000 }, async () => {
  b = await openHardBackend(twoTierConfig(f));
  const other = new Database(b.dbPath);
  other.exec('BEGIN IMMEDIATE');
  try {
    const r = await b.backend.call('conversations.create', { title: 'while locked' });
    expect(r).toMatchObject({ ok: false, error: { details: { storage: 'locked' } } });
    if (!r.ok) expect(r.error.message).toBe(`${b.dbPath} is locked by another program (another CascadeFlow on the same file, or a database tool in the middle of a write): close it, then try again.`);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect((await b.backend.call('conversations.list', {})).ok).toBe(true);
});

it("keeps the run's budget reservation while its answer waits, so the spend still counts, and settles it when the answer lands", { timeout: 40_000 }, async () => {
  f.ollama.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 30 });
  b = await openHardBackend(twoTierConfig(f, { budget: { daily: { limitUsd: 10 } } }));
  const reservations = (): number => {
    const reader = new Database(b!.dbPath, { readonly: true });
    try {
      return reader.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM budget_reservations').get()?.n ?? -1;
    } finally {
      reader.close();
    }
  };

  const other = new Database(b.dbPath);
  const pending = b.backend.call('cascade.run', { prompt: 'What is 6 * 7?', runId: 'run-budgeted' });
  await until(() => b!.cascadeEvents('run-budgeted').length > 0, 'the drafter to start');
  other.exec('BEGIN IMMEDIATE');
  const refused = await pending;
  // Before the lock goes: nothing may have taken the reservation away meanwhile.
  expect(reservations()).toBe(1);
  other.exec('ROLLBACK');
  other.close();

  // The user is told the answer is kept, not an error of releasing the reservation.
  expect(refused).toMatchObject({ ok: false, error: { details: { storage: 'locked', kept: true } } });
  await until(() => readLedger(b!.dbPath).queries.length === 1, 'the kept answer to be saved');
  // Saved with its cost, in the same transaction that settles the reservation.
  expect(reservations()).toBe(0);
});

it('saves a kept answer before the next question in its conversation, so the chat keeps question, answer, question, answer', { timeout: 40_000 }, async () => {
  f.ollama.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 30 });
  b = await openHardBackend(twoTierConfig(f));
  const conversation = await b.backend.call('conversations.create', { title: 'asked on' });
  if (!conversation.ok) throw new Error(conversation.error.message);
  const conversationId = conversation.value.id;

  const other = new Database(b.dbPath);
  const pending = b.backend.call('cascade.run', { prompt: 'What is 6 * 7?', conversationId, runId: 'run-first' });
  await until(() => b!.cascadeEvents('run-first').length > 0, 'the drafter to start');
  other.exec('BEGIN IMMEDIATE');
  expect(await pending).toMatchObject({ ok: false, error: { details: { kept: true } } });
  other.exec('ROLLBACK');
  other.close();

  // Asked at once, before the retry timer comes round: the kept answer is saved first, and the
  // second run is sent it as part of the conversation.
  f.ollama.setDefault({ text: 'Doubled, 84.', delayMs: 30 });
  expect(await b.run({ prompt: 'And doubled?', conversationId })).toMatchObject({ status: 'ok' });
  const chat = await b.backend.call('conversations.get', { id: conversationId });
  if (!chat.ok) throw new Error(chat.error.message);
  expect(chat.value.messages.map((m) => [m.role, m.content])).toEqual([
    ['user', 'What is 6 * 7?'],
    ['assistant', 'We get 6 * 7 = 42, so the answer is 42.'],
    ['user', 'And doubled?'],
    ['assistant', 'Doubled, 84.'],
  ]);
  const sent = f.ollama.chatRequests().at(-1)?.body as { messages?: { role: string }[] } | undefined;
  expect(sent?.messages?.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
});

it('retries a kept answer without stalling the app while another program keeps the lock', { timeout: 40_000 }, async () => {
  f.ollama.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', delayMs: 30 });
  b = await openHardBackend(twoTierConfig(f));
  const other = new Database(b.dbPath);
  const pending = b.backend.call('cascade.run', { prompt: 'What is 6 * 7?', runId: 'run-held' });
  await until(() => b!.cascadeEvents('run-held').length > 0, 'the drafter to start');
  other.exec('BEGIN IMMEDIATE');
  expect(await pending).toMatchObject({ ok: false, error: { details: { kept: true } } });

  // The lock stays past a retry (every 3 s): the backend shares this thread, so a retry that
  // waited out SQLite's 5 s busy timeout would hold every request, and this tick, as long.
  let last = performance.now();
  let longestGap = 0;
  const tick = setInterval(() => {
    const t = performance.now();
    longestGap = Math.max(longestGap, t - last);
    last = t;
  }, 20);
  await new Promise((r) => setTimeout(r, 4_000));
  clearInterval(tick);
  other.exec('ROLLBACK');
  other.close();
  expect(longestGap).toBeLessThan(2_000);

  await until(() => readLedger(b!.dbPath).queries.length === 1, 'the kept answer to be saved');
});
