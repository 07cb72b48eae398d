// The queue that keeps a paid answer the database refused: in order, retried by its timer, and
// honest in the log about what the retry saved.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createPendingLedgerWrites, type PendingLedgerWrites } from '../../../electron/node/pending-ledger-writes.ts';

const full = () => new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL');
let queue: PendingLedgerWrites | null = null;

afterEach(() => {
  queue?.close();
  queue = null;
});

/** A write that fails with `error()` while `failing()` says so, and records its landing. */
function write(name: string, written: string[], failing: () => boolean, error: () => Error = full) {
  return {
    write: () => {
      if (failing()) throw error();
    },
    landed: () => written.push(name),
  };
}

describe('pending ledger writes', () => {
  it('keeps a refused write, lands it before the next one, in order', () => {
    const written: string[] = [];
    let diskFull = true;
    queue = createPendingLedgerWrites({ retryMs: 60_000, log: () => {} });
    expect(() => queue?.run(write('a', written, () => diskFull))).toThrow(/full/);
    expect(queue.count()).toBe(1);
    diskFull = false;
    queue.run(write('b', written, () => diskFull));
    expect(written).toEqual(['a', 'b']);
    expect(queue.count()).toBe(0);
  });

  it('says the retry saved answers only when it saved some', async () => {
    const logs: string[] = [];
    let diskFull = true;
    let broken = true;
    queue = createPendingLedgerWrites({ retryMs: 20, log: (message) => logs.push(message) });
    // Refused for a full disk, then failing for a reason time does not mend: dropped, not saved.
    expect(() =>
      queue?.run(
        write('a', [], () => diskFull || broken, () => (diskFull ? full() : new Error('bug'))),
      ),
    ).toThrow(/full/);
    diskFull = false;
    await expect.poll(() => queue?.count()).toBe(0);
    expect(logs).toEqual(['an answer kept while the database could not be written cannot be saved']);

    diskFull = true;
    broken = false;
    const written: string[] = [];
    expect(() => queue?.run(write('b', written, () => diskFull))).toThrow(/full/);
    diskFull = false;
    await expect.poll(() => written).toEqual(['b']);
    expect(logs.at(-1)).toBe('1 answer(s) kept while the database could not be written are now saved');
  });
});
