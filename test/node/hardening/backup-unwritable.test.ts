// `backup create` into a place SQLite cannot write: the message is about the backup and its
// folder, never the app's own database (which is fine), and nothing is left looking like a backup.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createOnlineBackup, listBackups } from '../../../electron/node/backup/online-backup.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';

let dir = '';
let db: Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

it('names the backup folder it cannot write to, not the database', async () => {
  dir = mkdtempSync(join(tmpdir(), 'cf-backup-unwritable-'));
  const dbPath = join(dir, 'cascadeflow.db');
  db = openDatabase(dbPath);
  const backups = join(dir, 'backups');
  const now = Date.UTC(2026, 10, 28, 12);
  // Something SQLite cannot open as a file where the copy goes (as a read-only folder does for
  // a user who is not root: the tests may run as root, whom permissions do not stop).
  mkdirSync(join(backups, `.cascadeflow-${new Date(now).toISOString().replace(/[:.]/g, '-')}.db.partial`), { recursive: true });
  const made = createOnlineBackup(db, { dir: backups, keep: 7, now });
  await expect(made).rejects.toThrow(`The backup could not be written in ${backups}:`);
  await made.catch((e: unknown) => {
    expect(String(e)).not.toContain(dbPath);
    expect(e).toMatchObject({ details: { storage: 'cannot_open' } });
  });
  expect(listBackups(backups)).toEqual([]);
  expect(readdirSync(backups).filter((n) => n.endsWith('.db'))).toEqual([]);
});
