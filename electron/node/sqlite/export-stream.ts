// One ledger export read chunk by chunk over a long time (a 1M-row download takes seconds and
// waits for the client between chunks). better-sqlite3 refuses every other statement on a
// connection while one of its iterators is open, so the rows come from a separate read-only
// connection on the same file: in WAL mode it reads one consistent snapshot while the app's own
// connection keeps answering and writing.
import type { TimeRange } from '../../../shared/core/ledger/types.ts';
import { ledgerChunks, type LedgerChunks } from './ledger-export.ts';
import { openReadOnly, type Database } from './open-database.ts';

export interface ExportStream {
  /** The next chunk of text, or null once every row has been written. Throws once closed early. */
  next(): string | null;
  /** The number of queries exported, once next() returned null (0 before). */
  readonly rows: number;
  /** Releases the read connection; safe to call more than once. */
  close(): void;
}

/**
 * Opens an export of `range`. An in-memory database has no file a second connection could open:
 * its export is then produced at once on the app's connection (no iterator outlives this call)
 * and handed out chunk by chunk; such a database lives in RAM anyway and only tests use one.
 */
export function openExportStream(db: Database, range: TimeRange, format: 'csv' | 'json', onClose?: () => void): ExportStream {
  if (db.memory) return bufferedStream(ledgerChunks(db, range, format), onClose);
  const reader = openReadOnly(db.name);
  return lazyStream(ledgerChunks(reader, range, format), () => {
    reader.close();
    onClose?.();
  });
}

function lazyStream(chunks: LedgerChunks, release: () => void): ExportStream {
  let rows = 0;
  let state: 'open' | 'done' | 'closed' = 'open';
  let released = false;
  const releaseOnce = (): void => {
    if (released) return;
    released = true;
    release();
  };
  return {
    next() {
      if (state === 'done') return null;
      if (state === 'closed') throw new Error('The export was closed before its last row.');
      let step: IteratorResult<string, number>;
      try {
        step = chunks.next();
      } catch (e) {
        state = 'closed';
        releaseOnce();
        throw e;
      }
      if (!step.done) return step.value;
      rows = step.value;
      state = 'done';
      releaseOnce();
      return null;
    },
    get rows() {
      return rows;
    },
    close() {
      if (state === 'open') {
        state = 'closed';
        try {
          // Ends the statement's iterator before its connection goes away.
          chunks.return(0);
        } finally {
          releaseOnce();
        }
      }
      releaseOnce();
    },
  };
}

function bufferedStream(chunks: LedgerChunks, onClose?: () => void): ExportStream {
  const parts: string[] = [];
  let step = chunks.next();
  while (!step.done) {
    parts.push(step.value);
    step = chunks.next();
  }
  const total = step.value;
  return lazyStream(
    (function* (): LedgerChunks {
      yield* parts;
      return total;
    })(),
    () => onClose?.(),
  );
}
