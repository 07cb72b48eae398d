import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompatibleDatabaseError, MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from './ledger-fixtures.ts';

const dirs: { cleanup(): void }[] = [];
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

function tempDbPath(...parts: string[]): string {
  const t = tempDir();
  dirs.push(t);
  return join(t.dir, ...parts);
}

function track(db: Database): Database {
  open.push(db);
  return db;
}

describe('migrations', () => {
  it('are listed in id order with unique NNNN_name ids', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids[0]).toBe('0001_ledger');
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });

  it('applies every migration on a new database and records each one', () => {
    const db = track(openDatabase(':memory:'));
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    const rows = db.prepare<[], { id: string; applied_at: number }>('SELECT id, applied_at FROM schema_migrations').all();
    for (const r of rows) expect(r.applied_at).toBeGreaterThan(0);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['audits', 'calls', 'conversations', 'messages', 'queries', 'schema_migrations', 'settings']));
  });

  it('re-opening an up-to-date file applies nothing and keeps the data', () => {
    const path = tempDbPath('ledger.db');
    const first = openDatabase(path);
    first.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 1)").run();
    first.close();
    const second = track(openDatabase(path));
    expect(migrate(second)).toEqual([]);
    expect(appliedMigrations(second)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(second.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM schema_migrations').get()?.n).toBe(MIGRATIONS.length);
    expect(second.prepare<[], { value_json: string }>("SELECT value_json FROM settings WHERE key = 'k'").get()?.value_json).toBe('1');
  });

  it('applies only the pending migrations of an older database, in one batch', () => {
    const raw = track(new BetterSqlite3(':memory:'));
    expect(migrate(raw, MIGRATIONS.slice(0, 1))).toEqual(['0001_ledger']);
    expect(migrate(raw)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    expect(appliedMigrations(raw)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('says before upgrading an existing database, and only then', () => {
    const told: string[][] = [];
    const onUpgrade = (pending: string[]) => void told.push(pending);
    const path = tempDbPath('old.db');
    const old = new BetterSqlite3(path);
    migrate(old, MIGRATIONS.slice(0, -1));
    old.close();
    track(openDatabase(path, { onUpgrade })).close();
    expect(told).toEqual([[MIGRATIONS[MIGRATIONS.length - 1]?.id]]);
    // Up to date now, and a new file is created rather than upgraded: nothing to say.
    track(openDatabase(path, { onUpgrade }));
    track(openDatabase(tempDbPath('new.db'), { onUpgrade }));
    expect(told).toHaveLength(1);
  });

  it('the CLI prints the upgrade notice on stderr, keeping stdout for the command', async () => {
    const dataDir = tempDbPath('data');
    const path = join(dataDir, 'old.db');
    mkdirSync(dataDir, { recursive: true });
    const old = new BetterSqlite3(path);
    migrate(old, MIGRATIONS.slice(0, -1));
    old.close();
    const r = await runCli(['budget', 'status', '--json', '--db', path], { CASCADEFLOW_DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Upgrading ${path} for this version of CascadeFlow (step ${MIGRATIONS[MIGRATIONS.length - 1]?.id ?? ''}). This happens once`);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    const again = await runCli(['budget', 'status', '--json', '--db', path], { CASCADEFLOW_DATA_DIR: dataDir });
    expect(again.stderr).not.toContain('Upgrading');
  });

  it('rolls back the whole batch when one migration fails', () => {
    const raw = track(new BetterSqlite3(':memory:'));
    const broken = [...MIGRATIONS, { id: '9999_broken', up: 'CREATE TABLE ok_table (x INTEGER); CREATE TABLE broken (' }];
    expect(() => migrate(raw, broken)).toThrow();
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name IN ('queries', 'ok_table', 'schema_migrations')").all()).toEqual([]);
  });

  it('refuses a database written by a newer build, naming the unknown migration', () => {
    const path = tempDbPath('newer.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9000_x', 1)").run();
    db.close();
    let error: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IncompatibleDatabaseError);
    expect(error).toHaveProperty(
      'message',
      'This database was written by a newer CascadeFlow (unknown migration 9000_x). Update the app or use another --db.',
    );
    // The refused file is left exactly as it was.
    const check = track(new BetterSqlite3(path));
    expect(appliedMigrations(check)).toEqual([...MIGRATIONS.map((m) => m.id), '9000_x']);
  });

  it('refuses a history that is not a prefix of the known list', () => {
    const raw = track(new BetterSqlite3(':memory:'));
    raw.exec("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_migrations VALUES ('0002_settings', 1)");
    expect(() => migrate(raw)).toThrow(/found 0002_settings where 0001_ledger was expected/);
  });
});

describe('openDatabase', () => {
  it('creates the parent folder and sets WAL, foreign keys, busy timeout and synchronous NORMAL', () => {
    const path = tempDbPath('nested', 'deeper', 'app.db');
    const db = track(openDatabase(path));
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('the CLI names a file that is not a database and says what to do, leaving it as it was', async () => {
    const dataDir = tempDbPath('data');
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'notes.db');
    writeFileSync(path, 'my shopping list, not a database\n'.repeat(200));
    const r = await runCli(['budget', 'status', '--json', '--db', path], { CASCADEFLOW_DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`cascadeflow budget: ${path} is damaged or is not a CascadeFlow database: restore a backup (README: "Back up the ledger") or use another --db.\n`);
    expect(readFileSync(path, 'utf8')).toBe('my shopping list, not a database\n'.repeat(200));
  });

  it('opens an in-memory database without WAL', () => {
    const db = track(openDatabase(':memory:'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
