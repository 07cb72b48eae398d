import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDatabaseFailure } from '../../../electron/main/startup-failure.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { MIGRATIONS, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { UpgradeFailure } from '../../../electron/node/sqlite/upgrade-in-worker.ts';

const DB = '/home/ana/.config/CascadeFlow/cascadeflow.db';

function failureOf(open: () => unknown): unknown {
  try {
    open();
  } catch (e) {
    return e;
  }
  throw new Error('expected the open to fail');
}

describe('database failure at launch', () => {
  it('says which program holds a locked database and what to do', () => {
    for (const e of [new BetterSqlite3.SqliteError('database is locked', 'SQLITE_BUSY'), new UpgradeFailure('database is locked', 'SQLITE_BUSY'), new BetterSqlite3.SqliteError('database table is locked', 'SQLITE_LOCKED')]) {
      const text = describeDatabaseFailure(e, DB);
      expect(text).toContain(`The database ${DB} is locked by another program`);
      expect(text).toContain('cascadeflow serve');
      expect(text).toContain('Close that program, then start CascadeFlow again.');
    }
  });

  it('names a file that is not a database and the way out', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cf-startup-')), 'cascadeflow.db');
    writeFileSync(path, 'these are not the pages of a SQLite file, just text that is long enough to have a header '.repeat(20));
    const text = describeDatabaseFailure(failureOf(() => openDatabase(path)), path);
    expect(text).toBe(`${path} is not a CascadeFlow database, or it is damaged (file is not a database). Move the file elsewhere to start with a new one, or start CascadeFlow with --db <another file>.`);
  });

  it('names a place where no database file can be made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-startup-'));
    writeFileSync(join(dir, 'a-file'), '');
    // --db naming a folder, or a path through a file.
    for (const path of [dir, join(dir, 'a-file', 'cascadeflow.db')]) {
      const text = describeDatabaseFailure(failureOf(() => openDatabase(path)), path);
      expect(text.startsWith(`CascadeFlow cannot open or write ${path} (`), text).toBe(true);
      expect(text.endsWith('). Check that the folder exists and is writable, or start CascadeFlow with --db <another file>.'), text).toBe(true);
    }
  });

  it('keeps a message that already says what to do, adding the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cf-startup-')), 'newer.db');
    const db = new BetterSqlite3(path);
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', 0);
    db.close();
    expect(describeDatabaseFailure(failureOf(() => openDatabase(path)), path)).toBe(
      `This database was written by a newer CascadeFlow (unknown migration 9999_from_the_future). Update the app or use another --db.\n\nDatabase: ${path}`,
    );
  });
});
