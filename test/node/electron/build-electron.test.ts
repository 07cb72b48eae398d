// Runs the real build script into a temp dir (not dist-electron, which other builds use).
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { upgradeInWorker } from '../../../electron/node/sqlite/upgrade-in-worker.ts';
import { escalatedQuery } from '../sqlite/ledger-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function requires(code: string): Set<string> {
  return new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ''));
}

let outdir: string;
beforeAll(async () => {
  // Laid out like the app: dist-electron beside node_modules, where the bundles' packages are.
  const app = mkdtempSync(join(tmpdir(), 'cf-electron-build-'));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  outdir = join(app, 'dist-electron');
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-electron.mjs'), '--outdir', outdir], { cwd: ROOT });
}, 60_000);

/** A ledger file as the build before the last migration left it, with a few queries in it. */
function olderLedger(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cf-upgrade-')), 'ledger.db');
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, -1));
  const writer = createLedgerWriter(db);
  for (let i = 0; i < 50; i++) writer.writeQuery(escalatedQuery(`q-${i}`, 1_700_000_000_000 + i));
  db.close();
  return path;
}

describe('electron build script', () => {
  it('bundles main and a sandbox safe preload', () => {
    const mainPath = join(outdir, 'main.cjs');
    const preloadPath = join(outdir, 'preload.cjs');
    expect(existsSync(mainPath)).toBe(true);
    expect(existsSync(preloadPath)).toBe(true);

    // A sandboxed preload can require 'electron' and nothing else.
    expect([...requires(readFileSync(preloadPath, 'utf8'))]).toEqual(['electron']);
    expect(readFileSync(preloadPath, 'utf8')).toContain('exposeInMainWorld');

    const main = readFileSync(mainPath, 'utf8');
    const mainRequires = requires(main);
    expect(mainRequires.has('electron')).toBe(true);
    // The native addon is loaded from node_modules (rebuilt for Electron), never inlined.
    expect(mainRequires.has('better-sqlite3')).toBe(true);
    expect([...mainRequires].filter((r) => r.startsWith('.') || r.endsWith('.ts'))).toEqual([]);
    expect(main).not.toMatch(/import\.meta\.url/);
  });

  it('bundles a worker that upgrades a database off the calling thread', async () => {
    const workerPath = join(outdir, 'upgrade-worker.cjs');
    const worker = readFileSync(workerPath, 'utf8');
    expect([...requires(worker)].filter((r) => !r.startsWith('node:')).sort()).toEqual(['better-sqlite3']);

    const path = olderLedger();
    // The main process keeps turning while the worker migrates: a blocking upgrade would leave 0 ticks.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await upgradeInWorker(path, workerPath);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
    const db = new BetterSqlite3(path, { readonly: true });
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM queries').get()?.n).toBe(50);
    db.close();

    // A failure in the worker reaches the caller with its own message, and the file is left alone.
    const newer = new BetterSqlite3(path);
    newer.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', 0);
    newer.close();
    await expect(upgradeInWorker(path, workerPath)).rejects.toThrow(/written by a newer CascadeFlow \(unknown migration 9999_from_the_future\)/);
    await expect(upgradeInWorker(path, join(outdir, 'no-such-worker.cjs'))).rejects.toThrow();
  });
});
