// The purge of deleted conversations runs by itself once their undo window has passed, and at start.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { counterIds } from '../../../shared/core/ports.ts';
import { startConversationPurge, type ConversationPurge } from '../../../electron/node/conversation-purge.ts';
import { DELETED_KEPT_MS, createConversationStore, type ConversationStore } from '../../../electron/node/sqlite/conversation-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { fixedClock } from './ledger-fixtures.ts';

let db: Database;
let clock: ReturnType<typeof fixedClock>;
let store: ConversationStore;
let purge: ConversationPurge | null = null;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  db = openDatabase(':memory:');
  clock = fixedClock();
  store = createConversationStore(db, { ids: counterIds('c'), clock });
});
afterEach(() => {
  purge?.close();
  purge = null;
  db.close();
  vi.useRealTimers();
});

const stored = (): string[] => db.prepare<[], { id: string }>('SELECT id FROM conversations ORDER BY id').all().map((r) => r.id);
/** Time passes for the database's clock and for the timers alike. */
const wait = (ms: number): void => {
  clock.advance(ms);
  vi.advanceTimersByTime(ms);
};

describe('conversation purge', () => {
  it('removes a deleted conversation when its undo window has passed, not before', () => {
    purge = startConversationPurge({ conversations: store, clock, log: () => {} });
    const a = store.create();
    const b = store.create();
    store.delete(a.id);
    purge.schedule();
    wait(DELETED_KEPT_MS / 2);
    store.delete(b.id);
    purge.schedule();
    wait(DELETED_KEPT_MS / 2 - 1);
    expect(stored()).toEqual([a.id, b.id]);
    wait(1_000);
    expect(stored()).toEqual([b.id]);
    wait(DELETED_KEPT_MS / 2);
    expect(stored()).toEqual([]);
  });

  it('at start, removes the deletes whose window passed while it was closed and keeps the others restorable', () => {
    const old = store.create();
    const recent = store.create();
    store.delete(old.id);
    clock.advance(DELETED_KEPT_MS);
    store.delete(recent.id);
    purge = startConversationPurge({ conversations: store, clock, log: () => {} });
    expect(stored()).toEqual([recent.id]);
    expect(store.restore(recent.id).id).toBe(recent.id);
  });

  it('stops when closed', () => {
    purge = startConversationPurge({ conversations: store, clock, log: () => {} });
    const a = store.create();
    store.delete(a.id);
    purge.schedule();
    purge.close();
    wait(DELETED_KEPT_MS * 2);
    expect(stored()).toEqual([a.id]);
  });
});
