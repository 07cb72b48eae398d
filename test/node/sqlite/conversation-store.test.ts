import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../shared/api/result.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { counterIds } from '../../../shared/core/ports.ts';
import { DELETED_KEPT_MS, SEARCH_SQL, UNDO_DELETE_MS, createConversationStore, titleFromMessage, type ConversationStore } from '../../../electron/node/sqlite/conversation-store.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { escalatedQuery, fixedClock, makeCall, makeQuery } from './ledger-fixtures.ts';

let db: Database;
let clock: ReturnType<typeof fixedClock>;
let store: ConversationStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  clock = fixedClock();
  store = createConversationStore(db, { ids: counterIds('c'), clock });
});
afterEach(() => db.close());

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const outcome = {
  runId: 'run-1',
  queryId: 'q-1',
  conversationId: 'c-1',
  status: 'ok',
  answer: '4',
  model: 'llama3.2:3b',
  provider: 'ollama',
  tier: 0,
  escalated: false,
  domain: 'general',
  complexity: 'simple',
  routing: { domain: 'general', domainReasons: [], complexity: 'simple', complexityReasons: [], tierModels: ['llama3.2:3b', 'gpt-4o'], skippedDrafter: false },
  attempts: [],
  decision: 'accepted the local draft',
  costUsd: 0.000001,
  costNanoUsd: 1000,
  baselineCostUsd: 0.000005,
  baselineCostNanoUsd: 5000,
  baselineEstimated: true,
  savingsUsd: 0.000004,
  latencyMs: 900,
} satisfies CascadeOutcome;

describe('conversation store', () => {
  it('creates a conversation titled "New chat" and retitles it from the first user message', () => {
    const c = store.create();
    expect(c).toMatchObject({ id: 'c-1', title: 'New chat', messageCount: 0, costUsd: 0, createdAt: clock.now() });
    store.appendMessage({ conversationId: c.id, role: 'user', content: '  How do I\n  reverse a list in Python?  ' });
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'And in Rust?' });
    expect(store.get(c.id).conversation.title).toBe('How do I reverse a list in Python?');
  });

  it('cuts a long first message at a word near 60 characters', () => {
    const title = titleFromMessage('Please explain the difference between optimistic and pessimistic locking in databases');
    expect(title).toBe('Please explain the difference between optimistic and…');
    expect(Array.from(title).length).toBeLessThanOrEqual(61);
  });

  it('keeps an explicit title when the first message arrives', () => {
    const c = store.create('Budget ideas');
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'hello' });
    expect(store.get(c.id).conversation.title).toBe('Budget ideas');
  });

  it('returns messages in order with their outcome and the feedback of their query', () => {
    const ledger = createLedgerStore(db);
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'What is 2 + 2?' });
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id }));
    ledger.setFeedback('q-1', 'up');
    const m = store.appendMessage({ conversationId: c.id, role: 'assistant', content: '4', queryId: 'q-1', outcome });
    expect(m).toMatchObject({ role: 'assistant', queryId: 'q-1', feedback: 'up', outcome });
    const view = store.get(c.id);
    expect(view.messages.map((x) => [x.role, x.content, x.feedback])).toEqual([
      ['user', 'What is 2 + 2?', null],
      ['assistant', '4', 'up'],
    ]);
    expect(view.messages[1]?.outcome).toEqual(outcome);
    expect(store.history(c.id)).toEqual([
      { role: 'user', content: 'What is 2 + 2?' },
      { role: 'assistant', content: '4' },
    ]);
  });

  it('sums each conversation cost, baseline and savings from its queries, in USD', () => {
    const ledger = createLedgerStore(db);
    const c = store.create();
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id }));
    ledger.recordQuery(escalatedQuery('q-2', 1, { conversationId: c.id }));
    ledger.recordQuery(makeQuery({ id: 'q-3', conversationId: c.id, baselineCostNano: null, costNano: 7_000 }));
    const summary = store.list()[0];
    expect(summary?.costUsd).toBeCloseTo((1_000 + 302_000 + 7_000) / 1e9, 15);
    expect(summary?.baselineCostUsd).toBeCloseTo(305_000 / 1e9, 15);
    expect(summary?.savingsUsd).toBeCloseTo(2_000 / 1e9, 15);
  });

  it('counts the answers that called a model without a known price, whose cost the total leaves out', () => {
    const ledger = createLedgerStore(db);
    const c = store.create();
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id }));
    ledger.recordQuery(makeQuery({ id: 'q-2', conversationId: c.id, costNano: 0, costComplete: false, calls: [makeCall({ costNano: null, pricing: 'unknown', local: false })] }));
    expect(store.get(c.id).conversation).toMatchObject({ costUsd: 1_000 / 1e9, unknownPriceQueries: 1 });
    expect(store.create().unknownPriceQueries).toBe(0);
  });

  it('lists the most recently active first and searches titles and message text', () => {
    const a = store.create('Alpha');
    clock.advance(1_000);
    const b = store.create('Beta');
    clock.advance(1_000);
    store.appendMessage({ conversationId: a.id, role: 'user', content: 'something about 100% of QUOTAS' });
    expect(store.list().map((c) => c.title)).toEqual(['Alpha', 'Beta']);
    expect(store.list({ search: 'beta' }).map((c) => c.id)).toEqual([b.id]);
    expect(store.list({ search: 'quotas' }).map((c) => c.id)).toEqual([a.id]);
    // LIKE wildcards in the search are taken literally.
    expect(store.list({ search: '100%' }).map((c) => c.id)).toEqual([a.id]);
    expect(store.list({ search: '_' })).toEqual([]);
    expect(store.list({ limit: 1 }).map((c) => c.id)).toEqual([a.id]);
    expect(store.list({ search: 'nothing like it' })).toEqual([]);
  });

  it('finds in each conversation its first matching message, newest activity first, after the limit', () => {
    const say = (conversationId: string, content: string) => store.appendMessage({ conversationId, role: 'user', content });
    const titled = store.create('Rust notes');
    say(titled.id, 'nothing here');
    const early = say(titled.id, 'a rust borrow');
    clock.advance(1_000);
    say(titled.id, 'RUST again, later');
    clock.advance(1_000);
    // Two matches written in the same millisecond: the first written is the first.
    const tied = store.create('Other');
    const first = say(tied.id, 'Is rust safe?');
    say(tied.id, 'rust: yes');
    clock.advance(1_000);
    const titleOnly = store.create('Rusty tools');
    say(titleOnly.id, 'hammers');
    const gone = store.create();
    say(gone.id, 'rust in a deleted chat');
    store.delete(gone.id);
    clock.advance(1_000);
    // Same activity time as the next: the later created is listed first.
    const sameTimeA = store.create('Unrelated');
    const mixedCase = say(sameTimeA.id, 'RuSt');
    const sameTimeB = store.create('Also rust');
    say(sameTimeB.id, 'no match');

    const found = store.list({ search: 'rust' });
    expect(found.map((c) => [c.id, c.match?.messageId ?? null, c.match?.snippet ?? null])).toEqual([
      [sameTimeB.id, null, null],
      [sameTimeA.id, mixedCase.id, 'RuSt'],
      [titleOnly.id, null, null],
      [tied.id, first.id, 'Is rust safe?'],
      [titled.id, early.id, 'a rust borrow'],
    ]);
    expect(found[3]?.match).toEqual({ messageId: first.id, snippet: 'Is rust safe?', matchStart: 3, matchLength: 4 });
    expect(found[4]).toMatchObject({ title: 'Rust notes', messageCount: 3, costUsd: 0 });
    expect(store.list({ search: 'rust', limit: 2 }).map((c) => c.id)).toEqual([sameTimeB.id, sameTimeA.id]);
  });

  it('searches the messages of each conversation in one pass and reads the first match in the same statement', () => {
    const plan = db
      .prepare<{ pattern: string; limit: number }, { detail: string }>(`EXPLAIN QUERY PLAN ${SEARCH_SQL}`)
      .all({ pattern: '%x%', limit: 200 })
      .map((r) => r.detail);
    // Message text is read only through this index (the message count is answered by the covering one).
    expect(plan.filter((l) => l.includes('USING INDEX messages_conversation_created_at'))).toEqual([
      'SEARCH m USING INDEX messages_conversation_created_at (conversation_id=?)',
    ]);
    expect(plan).toContain('SEARCH hit USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
    expect(plan).toContain('SCAN c USING INDEX conversations_updated_at');
  });

  it('renames without moving the conversation up the list, and reports unknown ids as not_found', () => {
    const c = store.create();
    clock.advance(5);
    const newer = store.create();
    clock.advance(5);
    expect(store.rename(c.id, '  Trip plan ')).toMatchObject({ title: 'Trip plan', updatedAt: c.updatedAt });
    expect(store.list().map((x) => x.id)).toEqual([newer.id, c.id]);
    expect(thrown(() => store.rename('missing', 'x'))).toMatchObject({ code: 'not_found' });
    expect(thrown(() => store.get('missing'))).toBeInstanceOf(ApiFailure);
    expect(thrown(() => store.appendMessage({ conversationId: 'missing', role: 'user', content: 'x' }))).toMatchObject({ code: 'not_found' });
    expect(thrown(() => store.rename(c.id, '   '))).toMatchObject({ code: 'invalid_input' });
  });

  it('deletes a conversation out of every view at once, the ledger still linked to it until the purge', () => {
    const ledger = createLedgerStore(db);
    const c = store.create('Rivers');
    const q = store.appendMessage({ conversationId: c.id, role: 'user', content: 'Longest river?' });
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id }));
    expect(store.delete(c.id)).toBe(true);
    expect(store.delete(c.id)).toBe(false);
    expect(store.list()).toEqual([]);
    expect(store.list({ search: 'river' })).toEqual([]);
    for (const f of [() => store.get(c.id), () => store.rename(c.id, 'x'), () => store.history(c.id), () => store.fork(c.id, q.id)]) {
      expect(thrown(f)).toMatchObject({ code: 'not_found' });
    }
    expect(ledger.getQuery('q-1')?.conversationId).toBe(c.id);
    expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM messages').get()?.n).toBe(1);
  });

  it('undoes a delete: the same messages, title, place in the list and ledger links', () => {
    const ledger = createLedgerStore(db);
    const older = store.create('Older');
    clock.advance(1_000);
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'What is 2 + 2?' });
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id, costNano: 1_000 }));
    store.appendMessage({ conversationId: c.id, role: 'assistant', content: '4', queryId: 'q-1', outcome });
    store.rename(c.id, 'Sums');
    clock.advance(1_000);
    const newer = store.create('Newer');
    const listed = store.list();
    const view = store.get(c.id);
    expect(listed.map((x) => x.id)).toEqual([newer.id, c.id, older.id]);

    store.delete(c.id);
    clock.advance(UNDO_DELETE_MS);
    expect(store.restore(c.id)).toEqual(view.conversation);
    expect(store.list()).toEqual(listed);
    expect(store.get(c.id)).toEqual(view);
    expect(ledger.getQuery('q-1')?.conversationId).toBe(c.id);
    expect(store.nextPurgeAt()).toBeNull();
  });

  it('purges a delete once its undo window has passed: messages gone, its queries kept on the ledger unlinked', () => {
    const ledger = createLedgerStore(db);
    const c = store.create();
    const kept = store.create('Kept');
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'hi' });
    store.appendMessage({ conversationId: kept.id, role: 'user', content: 'hello' });
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id }));
    ledger.recordQuery(makeQuery({ id: 'q-2', conversationId: kept.id }));
    store.delete(c.id);
    expect(store.nextPurgeAt()).toBe(clock.now() + DELETED_KEPT_MS);

    clock.advance(DELETED_KEPT_MS - 1);
    expect(store.purgeDeleted()).toBe(0);
    clock.advance(1);
    expect(store.purgeDeleted()).toBe(1);
    expect(store.nextPurgeAt()).toBeNull();
    expect(db.prepare<[], { id: string }>('SELECT id FROM conversations').all()).toEqual([{ id: kept.id }]);
    expect(db.prepare<[], { conversation_id: string }>('SELECT conversation_id FROM messages').all()).toEqual([{ conversation_id: kept.id }]);
    expect([ledger.getQuery('q-1')?.conversationId, ledger.getQuery('q-2')?.conversationId]).toEqual([null, kept.id]);
    expect(thrown(() => store.restore(c.id))).toMatchObject({ code: 'not_found', details: { fields: ['id'] } });
  });

  it('refuses an undo that comes too late even before the purge ran, and removes the conversation then', () => {
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'hi' });
    store.delete(c.id);
    clock.advance(DELETED_KEPT_MS);
    expect(thrown(() => store.restore(c.id))).toBeInstanceOf(ApiFailure);
    expect(db.prepare<[], { n: number }>('SELECT (SELECT COUNT(*) FROM conversations) + (SELECT COUNT(*) FROM messages) AS n').get()?.n).toBe(0);
  });

  it('restores a conversation that was not deleted as it is (two windows may both undo), and refuses an unknown id', () => {
    const c = store.create('Twice');
    store.delete(c.id);
    expect(store.restore(c.id).title).toBe('Twice');
    expect(store.restore(c.id).title).toBe('Twice');
    expect(thrown(() => store.restore('missing'))).toMatchObject({ code: 'not_found' });
  });

  it('keeps an answer written into a conversation deleted meanwhile, so undo brings it back', () => {
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'What is 2 + 2?' });
    store.delete(c.id);
    store.appendMessage({ conversationId: c.id, role: 'assistant', content: '4', queryId: 'q-1', outcome });
    expect(store.restore(c.id).messageCount).toBe(2);
  });

  it('forks before a question: copies what came before, leaves the original, and keeps costs where they were paid', () => {
    const ledger = createLedgerStore(db);
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'What is 2 + 2?' });
    clock.advance(5);
    store.appendMessage({ conversationId: c.id, role: 'assistant', content: '4', queryId: 'q-1', outcome });
    ledger.recordQuery(makeQuery({ id: 'q-1', conversationId: c.id, costNano: 1000 }));
    clock.advance(5);
    const second = store.appendMessage({ conversationId: c.id, role: 'user', content: 'And times 3?' });
    store.appendMessage({ conversationId: c.id, role: 'assistant', content: '12' });

    const fork = store.fork(c.id, second.id);
    expect(fork).toMatchObject({ title: 'What is 2 + 2? (edited)', messageCount: 2, costUsd: 0 });
    const copied = store.get(fork.id).messages;
    expect(copied.map((m) => [m.role, m.content, m.queryId])).toEqual([
      ['user', 'What is 2 + 2?', null],
      ['assistant', '4', 'q-1'],
    ]);
    expect(copied[1]?.outcome?.model).toBe('llama3.2:3b');
    expect(store.history(fork.id)).toEqual([
      { role: 'user', content: 'What is 2 + 2?' },
      { role: 'assistant', content: '4' },
    ]);
    expect(store.history(c.id, second.id)).toEqual(store.history(fork.id));
    expect(store.get(c.id).messages).toHaveLength(4);
    expect(store.get(c.id).conversation.costUsd).toBe(1000 / 1e9);

    // Editing the first question starts a new chat that the edited question will name.
    const first = store.get(c.id).messages[0]?.id ?? '';
    expect(store.fork(c.id, first)).toMatchObject({ title: 'New chat', messageCount: 0 });
  });

  it('names a fork as asked: by its edited question, which sets it apart from the original in the list', () => {
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'How do ocean tides work on the coast of Brittany?' });
    store.appendMessage({ conversationId: c.id, role: 'assistant', content: 'The moon.' });
    const second = store.appendMessage({ conversationId: c.id, role: 'user', content: 'How high do they get?' });
    expect(store.fork(c.id, second.id, '  How fast does the water come in?  ')).toMatchObject({ title: 'How fast does the water come in?', messageCount: 2 });
    // Without a title (an older client), the original's with a mark, as before.
    expect(store.fork(c.id, second.id, ' ').title).toBe('How do ocean tides work on the coast of Brittany? (edited)');
    expect(store.get(c.id).conversation.title).toBe('How do ocean tides work on the coast of Brittany?');
  });

  it('refuses to fork before something that is not a question of the conversation, naming the field', () => {
    const c = store.create();
    store.appendMessage({ conversationId: c.id, role: 'user', content: 'hi' });
    const answer = store.appendMessage({ conversationId: c.id, role: 'assistant', content: 'hello' });
    const other = store.create();
    const elsewhere = store.appendMessage({ conversationId: other.id, role: 'user', content: 'hi' });
    const conversations = store.list().length;
    for (const messageId of [answer.id, elsewhere.id, 'missing']) {
      expect(thrown(() => store.fork(c.id, messageId))).toMatchObject({ code: 'invalid_input', details: { fields: ['beforeMessageId'] } });
    }
    expect(thrown(() => store.fork('missing', elsewhere.id))).toMatchObject({ code: 'not_found' });
    expect(store.list()).toHaveLength(conversations);
  });
});
