// Deleting a conversation can be undone for a while: through the real backend on a real SQLite
// file, with answers from real runs on the ledger, across windows (events) and across restarts.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import type { Result } from '../../../shared/api/result.ts';
import type { Clock } from '../../../shared/core/ports.ts';
import { DELETED_KEPT_MS, UNDO_DELETE_MS } from '../../../electron/node/sqlite/conversation-store.ts';
import { TEST_KEY_ENV, createRecordedBackend, fakesForFile, twoTierConfig, type RecordedBackend } from '../helpers/harness.ts';

const f = fakesForFile();

/** Wall time moved on by hand: "the app was closed for a minute". */
function laterClock(): Clock & { skip(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, monotonic: () => performance.now(), skip: (ms) => void (offset += ms) };
}

const dirs: string[] = [];
const open: RecordedBackend[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.backend.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dir: string, clock: Clock): Promise<RecordedBackend> {
  const b = await createRecordedBackend(dir, twoTierConfig(f), { clock, env: { [TEST_KEY_ENV]: 'sk-test-openai' } });
  open.push(b);
  return b;
}

async function stop(b: RecordedBackend): Promise<void> {
  open.splice(open.indexOf(b), 1);
  await b.backend.close();
}

async function value<K extends MethodName>(b: RecordedBackend, method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const r: Result<MethodOutput<K>> = await b.backend.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Two conversations with answered questions, the one to delete in the middle of the list. */
async function chats(b: RecordedBackend): Promise<{ doomed: ConversationSummary; others: string[] }> {
  f.ollama.enqueue('llama3.2:3b', { text: 'Paris.' }, { text: 'Lyon.' }, { text: 'The Nile.' });
  const first = await value(b, 'conversations.create', { title: 'First' });
  await value(b, 'cascade.run', { conversationId: first.id, prompt: 'Capital of France?' });
  const doomed = await value(b, 'conversations.create', {});
  await value(b, 'cascade.run', { conversationId: doomed.id, prompt: 'Second city of France?' });
  await value(b, 'cascade.run', { conversationId: doomed.id, prompt: 'Longest river?' });
  await value(b, 'conversations.rename', { id: doomed.id, title: 'Geography' });
  const last = await value(b, 'conversations.create', { title: 'Last' });
  return { doomed: await value(b, 'conversations.get', { id: doomed.id }).then((v) => v.conversation), others: [first.id, last.id] };
}

function ledgerLinks(dbPath: string): { id: string; conversation_id: string | null }[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare<[], { id: string; conversation_id: string | null }>('SELECT id, conversation_id FROM queries ORDER BY created_at, id').all();
  } finally {
    db.close();
  }
}

function rowsOf(dbPath: string, conversationId: string): { conversations: number; messages: number } {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const n = (sql: string) => db.prepare<[string], { n: number }>(sql).get(conversationId)?.n ?? -1;
    return { conversations: n('SELECT COUNT(*) AS n FROM conversations WHERE id = ?'), messages: n('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?') };
  } finally {
    db.close();
  }
}

describe('undoing a conversation delete', () => {
  it('brings the conversation back exactly: messages, title, place in the list, ledger links; every window is told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-undo-'));
    dirs.push(dir);
    const b = await start(dir, laterClock());
    const { doomed } = await chats(b);
    const listed = await value(b, 'conversations.list', {});
    const view = await value(b, 'conversations.get', { id: doomed.id });
    const links = ledgerLinks(b.dbPath);
    expect(links.filter((q) => q.conversation_id === doomed.id)).toHaveLength(2);

    const changed = () => b.events.filter((e) => e.name === 'conversations.changed' && (e.payload as { conversationId: string }).conversationId === doomed.id).length;
    const before = changed();
    expect(await value(b, 'conversations.delete', { id: doomed.id })).toEqual({ deleted: true, undoMs: UNDO_DELETE_MS });
    expect(changed()).toBe(before + 1);
    expect((await value(b, 'conversations.list', {})).conversations.map((c) => c.id)).not.toContain(doomed.id);
    expect(await b.backend.call('conversations.get', { id: doomed.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Nothing can be asked in it meanwhile.
    expect(await b.backend.call('cascade.run', { conversationId: doomed.id, prompt: 'Still there?' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await value(b, 'conversations.delete', { id: doomed.id })).toEqual({ deleted: false, undoMs: 0 });

    expect(await value(b, 'conversations.restore', { id: doomed.id })).toEqual(view.conversation);
    expect(changed()).toBe(before + 2);
    expect(await value(b, 'conversations.list', {})).toEqual(listed);
    expect(await value(b, 'conversations.get', { id: doomed.id })).toEqual(view);
    expect(ledgerLinks(b.dbPath)).toEqual(links);
  });

  it('a delete whose undo window ran out while the app was closed ends deleted at the next start, its ledger rows kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-undo-'));
    dirs.push(dir);
    const clock = laterClock();
    const first = await start(dir, clock);
    const { doomed, others } = await chats(first);
    const links = ledgerLinks(first.dbPath);
    await value(first, 'conversations.delete', { id: doomed.id });
    await stop(first);

    // Back within the window: still out of sight, still restorable.
    const second = await start(dir, clock);
    expect((await value(second, 'conversations.list', {})).conversations.map((c) => c.id).sort()).toEqual([...others].sort());
    expect(rowsOf(second.dbPath, doomed.id)).toEqual({ conversations: 1, messages: 4 });
    await stop(second);

    clock.skip(DELETED_KEPT_MS);
    const third = await start(dir, clock);
    expect(rowsOf(third.dbPath, doomed.id)).toEqual({ conversations: 0, messages: 0 });
    expect(await third.backend.call('conversations.restore', { id: doomed.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await value(third, 'conversations.list', {})).conversations.map((c) => c.id).sort()).toEqual([...others].sort());
    // Every query stays on the ledger; only the deleted conversation's lose their link.
    expect(ledgerLinks(third.dbPath)).toEqual(links.map((q) => (q.conversation_id === doomed.id ? { ...q, conversation_id: null } : q)));
  });

  it('an answer still being written when its conversation is deleted is kept with it, and on the ledger even after the purge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-undo-'));
    dirs.push(dir);
    const clock = laterClock();
    const b = await start(dir, clock);
    const answering = async (id: string) => {
      f.ollama.enqueue('llama3.2:3b', { text: 'Slowly written.', headersDelayMs: 300 });
      const run = b.backend.call('cascade.run', { conversationId: id, prompt: 'Take your time?' });
      await expect.poll(async () => (await value(b, 'cascade.active', { conversationId: id })).runs.length).toBe(1);
      await value(b, 'conversations.delete', { id });
      return { run };
    };

    const undone = await value(b, 'conversations.create', {});
    const first = await answering(undone.id);
    expect((await first.run).ok).toBe(true);
    expect((await value(b, 'conversations.restore', { id: undone.id })).messageCount).toBe(2);

    const purged = await value(b, 'conversations.create', {});
    const second = await answering(purged.id);
    clock.skip(DELETED_KEPT_MS);
    // Too late to undo: the conversation is purged while its answer is still being written.
    expect(await b.backend.call('conversations.restore', { id: purged.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r = await second.run;
    expect(r.ok).toBe(true);
    const queryId = r.ok ? r.value.queryId : '';
    expect(ledgerLinks(b.dbPath).find((q) => q.id === queryId)).toEqual({ id: queryId, conversation_id: null });
    expect(rowsOf(b.dbPath, purged.id)).toEqual({ conversations: 0, messages: 0 });
  });
});
