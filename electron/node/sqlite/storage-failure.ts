// SQLite's own codes for a database file the app cannot use (the disk is full, another program
// holds a lock, the file or folder is read-only, the disk fails, the file is not a database),
// turned into a message that names the file and says what to do. Without it the user saw
// "Internal error ... in the app log" for a full disk. Any other error stays an internal one.
import { ApiFailure } from '../../../shared/api/result.ts';

export type StorageProblem = 'disk_full' | 'locked' | 'read_only' | 'disk_error' | 'not_a_database' | 'cannot_open';

/** Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT...) belong to their primary code. */
const PROBLEMS: [prefix: string, problem: StorageProblem][] = [
  ['SQLITE_FULL', 'disk_full'],
  ['SQLITE_BUSY', 'locked'],
  ['SQLITE_LOCKED', 'locked'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_IOERR', 'disk_error'],
  ['SQLITE_NOTADB', 'not_a_database'],
  ['SQLITE_CORRUPT', 'not_a_database'],
  ['SQLITE_CANTOPEN', 'cannot_open'],
];

/**
 * SQLite's result code on an error: better-sqlite3's SqliteError's, or one carried across a
 * thread by code alone (upgrade-in-worker.ts UpgradeFailure).
 */
function sqliteCodeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_') ? e.code : null;
}

export function storageProblemOf(e: unknown): StorageProblem | null {
  const code = sqliteCodeOf(e);
  if (code === null) return null;
  return PROBLEMS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1] ?? null;
}

/** Problems that go away by themselves or once the user frees space or closes another program. */
export function isPassingStorageProblem(problem: StorageProblem): boolean {
  return problem === 'disk_full' || problem === 'locked' || problem === 'disk_error' || problem === 'read_only';
}

export function describeStorageProblem(problem: StorageProblem, dbPath: string): string {
  switch (problem) {
    case 'disk_full':
      return `The disk holding ${dbPath} is full: free some space, then try again.`;
    case 'locked':
      return `${dbPath} is locked by another program (another CascadeFlow on the same file, or a database tool in the middle of a write): close it, then try again.`;
    case 'read_only':
      return `${dbPath} cannot be written: the file or its folder is read-only. Give this user write access to both, or use another --db.`;
    case 'disk_error':
      return `Reading or writing ${dbPath} failed with a disk error: check the disk, then try again.`;
    case 'not_a_database':
      return `${dbPath} is damaged or is not a CascadeFlow database: restore a backup (README: "Back up the ledger") or use another --db.`;
    case 'cannot_open':
      return `${dbPath} cannot be opened: check that its folder exists and this user may read and write it, or use another --db.`;
  }
}

/** The API error for a storage problem (code `internal`, `details.storage` says which); null for any other error. */
export function storageFailure(e: unknown, dbPath: string, prefix = ''): ApiFailure | null {
  const problem = storageProblemOf(e);
  if (problem === null) return null;
  return new ApiFailure('internal', `${prefix}${describeStorageProblem(problem, dbPath)}`, { storage: problem });
}
