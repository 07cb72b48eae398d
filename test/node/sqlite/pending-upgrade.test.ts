// The desktop app's look ahead before it opens the database: which migrations an existing file
// still needs, read without touching it.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { pendingUpgrade } from '../../../electron/node/sqlite/pending-upgrade.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-pending-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file as an older build left it: the first `steps` migrations applied. */
function olderFile(name: string, steps: number): string {
  const path = join(dir, name);
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, steps));
  db.close();
  return path;
}

describe('pendingUpgrade', () => {
  it('names the steps an older file needs, and leaves the file as it was', () => {
    const path = olderFile('old.db', MIGRATIONS.length - 1);
    expect(pendingUpgrade(path)).toEqual([MIGRATIONS.at(-1)?.id]);
    const db = new BetterSqlite3(path, { readonly: true });
    expect(appliedMigrations(db)).toHaveLength(MIGRATIONS.length - 1);
    db.close();
    expect(pendingUpgrade(olderFile('older.db', 3))).toEqual(MIGRATIONS.slice(3).map((m) => m.id));
  });

  it('has nothing to say for a missing, an empty or an up-to-date file', () => {
    expect(pendingUpgrade(join(dir, 'missing.db'))).toEqual([]);
    new BetterSqlite3(join(dir, 'empty.db')).close();
    expect(pendingUpgrade(join(dir, 'empty.db'))).toEqual([]);
    openDatabase(join(dir, 'current.db')).close();
    expect(pendingUpgrade(join(dir, 'current.db'))).toEqual([]);
  });
});
