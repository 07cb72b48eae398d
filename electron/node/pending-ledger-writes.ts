// A run's answer is paid for before it is written down. When the database cannot take the write
// at that moment (the disk is full, another program holds a lock), dropping it would lose the
// answer from its chat and its cost from every figure and budget. So the write is kept in memory
// and tried again, in order, before the next one and every few seconds, until it lands.
import { isPassingStorageProblem, storageProblemOf } from './sqlite/storage-failure.ts';

export interface LedgerWrite {
  /** One transaction: all of it lands or none of it. */
  write(): void;
  /** Told once the write has landed (events, monitoring). */
  landed(): void;
}

export interface PendingLedgerWrites {
  /**
   * Writes now, after any earlier write still waiting (the ledger keeps their order). A write
   * refused for a passing storage problem is kept to be retried, and the error is rethrown.
   */
  run(w: LedgerWrite): void;
  /**
   * Writes what is waiting now, in order; rethrows the storage error when the database still
   * refuses. Called before a conversation is read or added to, so a kept answer lands ahead of
   * the next question instead of after it.
   */
  flush(): void;
  /** Writes still waiting. */
  count(): number;
  /** Stops retrying after one last try; answers how many writes are still not written. */
  close(): number;
}

export interface PendingLedgerWritesOptions {
  retryMs?: number;
  log: (message: string, error?: unknown) => void;
  /**
   * Runs the timer's retry so that it gives up at once on a file another program keeps locked,
   * instead of waiting out SQLite's busy timeout: better-sqlite3 waits on the event loop's
   * thread, so every request would stall that long on each retry. The next tick tries again.
   */
  withoutWaiting?: (retry: () => void) => void;
}

export function createPendingLedgerWrites(opts: PendingLedgerWritesOptions): PendingLedgerWrites {
  const withoutWaiting = opts.withoutWaiting ?? ((retry: () => void) => retry());
  const waiting: LedgerWrite[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  /** Writes landed by drain() since the timer's last report. */
  let saved = 0;

  /** Writes the waiting ones in order; throws at the first that still fails, keeping it and the rest. */
  function drain(): void {
    while (waiting.length > 0) {
      const next = waiting[0]!;
      try {
        next.write();
      } catch (e) {
        const problem = storageProblemOf(e);
        if (problem !== null && isPassingStorageProblem(problem)) throw e;
        // Not something time mends (a bug, a damaged file): retrying it would hold back the rest.
        waiting.shift();
        opts.log('an answer kept while the database could not be written cannot be saved', e);
        continue;
      }
      waiting.shift();
      saved += 1;
      next.landed();
    }
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  function keep(w: LedgerWrite): void {
    waiting.push(w);
    // unref: a CLI run that ends with a full disk must still exit (close() tries once more).
    timer ??= setInterval(() => {
      try {
        saved = 0;
        withoutWaiting(drain);
        // None when the only one waiting could not be saved at all (logged as such above).
        if (saved > 0) opts.log(`${saved} answer(s) kept while the database could not be written are now saved`);
      } catch {
        // Still full or locked: the next tick tries again.
      }
    }, opts.retryMs ?? 3000).unref();
  }

  return {
    run(w) {
      try {
        drain();
      } catch (e) {
        keep(w);
        throw e;
      }
      try {
        w.write();
      } catch (e) {
        const problem = storageProblemOf(e);
        if (problem !== null && isPassingStorageProblem(problem)) keep(w);
        throw e;
      }
      w.landed();
    },
    flush: drain,
    count: () => waiting.length,
    close() {
      try {
        drain();
      } catch (e) {
        opts.log(`${waiting.length} answer(s) could not be saved: the database cannot be written`, e);
      }
      if (timer !== null) clearInterval(timer);
      timer = null;
      return waiting.length;
    },
  };
}
