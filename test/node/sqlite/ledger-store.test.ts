import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../shared/api/result.ts';
import type { LedgerStore } from '../../../shared/core/ledger/types.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { escalatedQuery, makeCall, makeQuery, T0 } from './ledger-fixtures.ts';

let db: Database;
let ledger: LedgerStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
});
afterEach(() => db.close());

const count = (sql: string): number => db.prepare<[], { n: number }>(sql).get()?.n ?? -1;

describe('recordQuery / getQuery', () => {
  it('round-trips a query and its calls, calls in seq order', () => {
    const q = escalatedQuery('q-1', T0, { userId: 'alice', feature: 'chat', complexity: 'hard', domain: 'code' });
    ledger.recordQuery({ ...q, calls: [...q.calls].reverse() });
    expect(ledger.getQuery('q-1')).toEqual(q);
  });

  it('keeps an unknown call price as null rather than zero', () => {
    ledger.recordQuery(
      makeQuery({ costNano: 0, costComplete: false, calls: [makeCall({ costNano: null, pricing: 'unknown' })] }),
    );
    const stored = ledger.getQuery('q-1');
    expect(stored?.calls[0]?.costNano).toBeNull();
    expect(stored?.costComplete).toBe(false);
    expect(count('SELECT COUNT(*) AS n FROM calls WHERE cost_nano IS NULL')).toBe(1);
  });

  it('rounds fractional latencies from the monotonic clock to whole milliseconds', () => {
    ledger.recordQuery(makeQuery({ latencyMs: 812.6, calls: [makeCall({ durationMs: 800.4, ttftMs: 41.5 })] }));
    const stored = ledger.getQuery('q-1');
    expect(stored?.latencyMs).toBe(813);
    expect(stored?.calls[0]?.durationMs).toBe(800);
    expect(stored?.calls[0]?.ttftMs).toBe(42);
  });

  it('returns null for an unknown query id', () => {
    expect(ledger.getQuery('nope')).toBeNull();
  });

  it('writes nothing when a call violates a CHECK constraint mid-transaction', () => {
    const bad = makeQuery({ calls: [makeCall({ seq: 0 }), makeCall({ seq: 1, inputTokens: -5 })] });
    expect(() => ledger.recordQuery(bad)).toThrow(/CHECK constraint failed/);
    expect(ledger.getQuery('q-1')).toBeNull();
    expect(count('SELECT COUNT(*) AS n FROM queries')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM calls')).toBe(0);
  });

  it('writes nothing when two calls share a seq', () => {
    const bad = makeQuery({ calls: [makeCall({ seq: 0 }), makeCall({ seq: 0 })] });
    expect(() => ledger.recordQuery(bad)).toThrow(/UNIQUE/);
    expect(count('SELECT COUNT(*) AS n FROM queries')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM calls')).toBe(0);
  });

  it('refuses a second query with the same id and keeps the first intact', () => {
    ledger.recordQuery(makeQuery());
    expect(() => ledger.recordQuery(makeQuery({ prompt: 'other', calls: [makeCall(), makeCall({ seq: 1 })] }))).toThrow();
    expect(ledger.getQuery('q-1')?.prompt).toBe('What is 2 + 2?');
    expect(count('SELECT COUNT(*) AS n FROM calls')).toBe(1);
  });

  it('links an existing conversation and keeps the cost of a query whose conversation is gone', () => {
    db.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c-1', 't', 1, 1)").run();
    ledger.recordQuery(makeQuery({ id: 'linked', conversationId: 'c-1' }));
    ledger.recordQuery(makeQuery({ id: 'orphan', conversationId: 'deleted-meanwhile' }));
    expect(ledger.getQuery('linked')?.conversationId).toBe('c-1');
    expect(ledger.getQuery('orphan')?.conversationId).toBeNull();
    expect(ledger.getQuery('orphan')?.costNano).toBe(1_000);

    db.prepare("DELETE FROM conversations WHERE id = 'c-1'").run();
    expect(ledger.getQuery('linked')?.conversationId).toBeNull();
    expect(ledger.getQuery('linked')?.calls).toHaveLength(1);
  });
});

describe('setFeedback', () => {
  const feedback = () =>
    db.prepare<[], { feedback: string | null; feedback_note: string | null }>("SELECT feedback, feedback_note FROM queries WHERE id = 'q-1'").get();

  it('stores a rating with its note, replaces it, and clears it with null', () => {
    ledger.recordQuery(makeQuery());
    ledger.setFeedback('q-1', 'down', 'wrong sum');
    expect(feedback()).toEqual({ feedback: 'down', feedback_note: 'wrong sum' });
    ledger.setFeedback('q-1', 'up');
    expect(feedback()).toEqual({ feedback: 'up', feedback_note: null });
    ledger.setFeedback('q-1', null, 'ignored');
    expect(feedback()).toEqual({ feedback: null, feedback_note: null });
  });

  it('reports an unknown query as not_found', () => {
    let error: unknown;
    try {
      ledger.setFeedback('missing', 'up');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiFailure);
    expect(error).toHaveProperty('code', 'not_found');
  });
});
