// Online backups with SQLite's backup API (better-sqlite3 `db.backup`): a consistent copy of the
// live database taken page by page between the app's own writes, without stopping it. Each copy
// is written under a temporary name and renamed when complete, so a crash mid-backup never leaves
// a file that looks like a backup; only the newest `keep` copies are kept.
import type Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../../shared/api/result.ts';
import { storageProblemOf } from '../sqlite/storage-failure.ts';

export const BACKUP_DIR_NAME = 'backups';
const NAME = /^cascadeflow-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.db$/;
const PARTIAL = /^\.cascadeflow-.*\.db\.partial$/;

export interface BackupFile {
  path: string;
  name: string;
  sizeBytes: number;
  /** When the backup was taken (from its name), epoch ms. */
  createdAt: number;
}

export interface CreatedBackup extends BackupFile {
  /** Older backups removed to keep the newest `keep`. */
  removed: string[];
}

export function backupDirOf(dataDir: string): string {
  return join(dataDir, BACKUP_DIR_NAME);
}

/** Completed backups in `dir`, oldest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const files: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const [date, time] = (m[1] ?? '').split('T');
    const createdAt = Date.parse(`${date}T${(time ?? '').replace(/^(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z')}`);
    const path = join(dir, name);
    files.push({ path, name, sizeBytes: statSync(path).size, createdAt });
  }
  // Names sort by time; the suffix orders backups taken in the same millisecond.
  return files.sort((a, b) => a.createdAt - b.createdAt || suffixOf(a.name) - suffixOf(b.name));
}

function suffixOf(name: string): number {
  return Number(NAME.exec(name)?.[2] ?? 0);
}

const inflight = new WeakMap<Database.Database, Set<Promise<unknown>>>();

/** Resolves when every backup of `db` started so far has finished (before closing it). */
export async function backupsIdle(db: Database.Database): Promise<void> {
  const set = inflight.get(db);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}

export function createOnlineBackup(db: Database.Database, opts: { dir: string; keep: number; now: number }): Promise<CreatedBackup> {
  const job = run(db, opts);
  let set = inflight.get(db);
  if (!set) inflight.set(db, (set = new Set()));
  const tracked = set;
  tracked.add(job);
  void job.catch(() => undefined).finally(() => tracked.delete(job));
  return job;
}

async function run(db: Database.Database, opts: { dir: string; keep: number; now: number }): Promise<CreatedBackup> {
  // Backups hold every prompt and answer: only the user may read them.
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(opts.now).toISOString().replace(/[:.]/g, '-');
  let name = `cascadeflow-${stamp}.db`;
  for (let n = 2; existsSync(join(opts.dir, name)); n++) name = `cascadeflow-${stamp}-${n}.db`;
  const path = join(opts.dir, name);
  const partial = join(opts.dir, `.${name}.partial`);
  try {
    await db.backup(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, path);
  } catch (e) {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Not ours to remove (a folder of that name): the reason the backup failed matters more.
    }
    throw backupWriteFailure(e, opts.dir);
  }
  const removed = rotate(opts.dir, opts.keep);
  return { path, name, sizeBytes: statSync(path).size, createdAt: opts.now, removed };
}

/**
 * SQLite's error for the copy it could not write names no file, and the API would otherwise
 * describe it as a problem of the app's own database (storage-failure.ts): say it is the backup.
 */
function backupWriteFailure(e: unknown, dir: string): unknown {
  const problem = storageProblemOf(e);
  if (problem === null) return e;
  const why =
    problem === 'disk_full'
      ? 'the disk is full; free some space, then try again'
      : problem === 'cannot_open' || problem === 'read_only'
        ? 'this user cannot create files there; give it write access, or stop the app and copy cascadeflow.db yourself'
        : `SQLite said "${e instanceof Error ? e.message : String(e)}"`;
  return new ApiFailure('internal', `The backup could not be written in ${dir}: ${why}.`, { storage: problem });
}

/** Removes all but the newest `keep` backups (and partial files of interrupted ones); returns the names removed. */
export function rotate(dir: string, keep: number): string[] {
  const removed: string[] = [];
  const all = listBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - Math.max(1, keep)))) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${old.path}${suffix}`, { force: true });
    removed.push(old.name);
  }
  for (const name of readdirSync(dir)) if (PARTIAL.test(name) && !isBusy(join(dir, name))) rmSync(join(dir, name), { force: true });
  return removed;
}

/** A partial file written to in the last minute may belong to a backup still running. */
function isBusy(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 60_000;
  } catch {
    return false;
  }
}
