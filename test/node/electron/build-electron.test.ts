// Runs the real build script into a temp dir (not dist-electron, which other builds use).
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { UpgradeFailure, upgradeInWorker } from '../../../electron/node/sqlite/upgrade-in-worker.ts';
import { escalatedQuery } from '../sqlite/ledger-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function requires(code: string): Set<string> {
  return new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ''));
}

/** The package a require names: 'gpt-tokenizer/encoding/x' -> 'gpt-tokenizer', '@scope/pkg/x' -> '@scope/pkg'. */
function packageOf(request: string): string {
  const parts = request.split('/');
  return (request.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

let app: string;
let outdir: string;
beforeAll(async () => {
  // Laid out like the app: dist-electron beside node_modules, where the bundles' packages are.
  app = mkdtempSync(join(tmpdir(), 'cf-electron-build-'));
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
    // The Linux window icon ships inside dist-electron/ (electron-builder keeps build/ out of the app).
    expect(readFileSync(join(outdir, 'icon.png')).equals(readFileSync(join(ROOT, 'build', 'icon-256.png')))).toBe(true);

    const main = readFileSync(mainPath, 'utf8');
    const mainRequires = requires(main);
    expect(mainRequires.has('electron')).toBe(true);
    // The native addon is loaded from node_modules (rebuilt for Electron), never inlined.
    expect(mainRequires.has('better-sqlite3')).toBe(true);
    expect([...mainRequires].filter((r) => r.startsWith('.') || r.endsWith('.ts'))).toEqual([]);
    expect(main).not.toMatch(/import\.meta\.url/);
  });

  it('requires only packages the packaged app ships', () => {
    // electron-builder copies `dependencies` into the app, never `devDependencies`: a bundle that
    // needs a dev dependency starts here and crashes in the installed app.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    for (const bundle of ['main.cjs', 'upgrade-worker.cjs']) {
      const packages = [...requires(readFileSync(join(outdir, bundle), 'utf8'))]
        .filter((r) => !r.startsWith('node:') && !builtins.has(r) && r !== 'electron')
        .map(packageOf);
      expect(packages.length, bundle).toBeGreaterThan(0);
      expect(packages.filter((p) => !(p in pkg.dependencies)), bundle).toEqual([]);
    }
  });

  it('lists in dependencies only what the bundles require', () => {
    // The other way round: electron-builder copies every dependency into every installer, so a
    // dev-only tool listed there (tsx was, with esbuild's 11 MB binary) ships for nothing.
    // Tools for the CLI from source, scripts and tests belong in devDependencies.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const required = new Set(
      ['main.cjs', 'upgrade-worker.cjs', 'preload.cjs'].flatMap((bundle) =>
        [...requires(readFileSync(join(outdir, bundle), 'utf8'))].filter((r) => !r.startsWith('node:') && !builtins.has(r) && r !== 'electron').map(packageOf),
      ),
    );
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...required].sort());
  });

  it('runs as a CommonJS main process: every require resolves, the window loads, quitting closes the database', async () => {
    mkdirSync(join(app, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(app, 'dist', 'renderer', 'index.html'), '<!doctype html><title>CascadeFlow</title>');
    // electron-builder ships package.json beside the bundles (the menu reads its docs link there).
    writeFileSync(join(app, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    const userData = mkdtempSync(join(tmpdir(), 'cf-electron-userdata-'));
    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'run-main-bundle.mjs'), app, userData], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: userData },
      timeout: 30_000,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
      windows: { webPreferences: Record<string, unknown>; icon: string | null; loaded: string }[];
      ipcChannels: string[];
      errors: string[];
      quitAfterClose: boolean;
      applicationMenu: unknown;
    };
    expect(report.errors).toEqual([]);
    expect(report.ipcChannels.sort()).toEqual(['api:download', 'api:invoke']);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, preload: join(outdir, 'preload.cjs') });
    expect(report.windows[0]?.loaded).toBe(join(app, 'dist', 'renderer', 'index.html'));
    // On Linux (this machine) the window carries the icon the build copied beside the bundles.
    if (process.platform === 'linux') expect(report.windows[0]?.icon).toBe(join(outdir, 'icon.png'));
    // Run from source (not packaged): the developer tools are in the menu and the window.
    expect(JSON.stringify(report.applicationMenu)).toContain('toggleDevTools');
    expect(report.windows[0]?.webPreferences).toMatchObject({ devTools: true });
    expect(report.quitAfterClose).toBe(true);
    // Closed, so checkpointed: no WAL left beside the file (checked before anything else opens it).
    expect(existsSync(join(userData, 'cascadeflow.db-wal'))).toBe(false);
    const db = new BetterSqlite3(join(userData, 'cascadeflow.db'), { readonly: true });
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    db.close();
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

  it("passes on the error code of a database it cannot lock, for the launch dialog", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cf-upgrade-locked-')), 'ledger.db');
    openDatabase(path).close();
    const holder = new BetterSqlite3(path);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const failure: unknown = await upgradeInWorker(path, join(outdir, 'upgrade-worker.cjs')).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(UpgradeFailure);
      expect(failure).toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked' });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
