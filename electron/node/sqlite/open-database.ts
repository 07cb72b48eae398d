// The one way to open the app's SQLite file: pragmas every connection needs, then migrations;
// and a read-only second connection on it for long reads (exports) that must not hold the first.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type Database = BetterSqlite3.Database;

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Opens (creating if needed) the database at `path` or `':memory:'` and brings its schema up to
 * date. Throws IncompatibleDatabaseError for a file written by a newer build; the file is then
 * left untouched and closed.
 */
export interface OpenOptions {
  /**
   * Told before an existing file is brought up to date. An upgrade can rebuild a table (0008
   * rewrites every call: about 20 s for a million queries), so a caller can say why it waits.
   */
  onUpgrade?: (pending: string[]) => void;
}

export function openDatabase(path: string, opts: OpenOptions = {}): Database {
  const memory = isInMemory(path);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    // First, so that switching to WAL below also waits for another program's write to end.
    db.pragma('busy_timeout = 5000');
    // WAL lets the UI read summaries while a run writes; NORMAL is durable across process crashes
    // in WAL mode (only an OS crash can lose the last commits), at a fraction of FULL's fsyncs.
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, undefined, undefined, opts.onUpgrade);
    return db;
  } catch (e) {
    db.close();
    // SQLite's own error, code included: the desktop launch dialog says what to do from the code.
    throw e;
  }
}

/**
 * A read-only connection on an existing database file, waiting (like the app's own) up to 5 s for a
 * lock. In WAL mode its reads see one snapshot while the app's connection keeps reading and writing.
 */
export function openReadOnly(path: string): Database {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Runs `fn` with the connection's busy timeout set to `ms`, then puts the previous one back. */
export function withBusyTimeout<T>(db: Database, ms: number, fn: () => T): T {
  const before = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}
