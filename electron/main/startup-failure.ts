// What the desktop app's error dialog says when its database cannot be opened or upgraded at
// launch. SQLite's own words ("database is locked") name neither the file nor a way out; the
// dialog is the only thing a user launching from the dock or start menu ever sees.

import { storageProblemOf } from '../node/sqlite/storage-failure.ts';

export const STARTUP_FAILURE_TITLE = 'CascadeFlow could not start';

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The dialog text for a failure to open (or upgrade) the database at `dbPath`. */
export function describeDatabaseFailure(error: unknown, dbPath: string): string {
  // SQLite's codes are read as the running app reads them (storage-failure.ts); only the words
  // differ, because here the remedy ends in starting the app again.
  const problem = storageProblemOf(error);
  const code = codeOf(error) ?? '';
  const anotherDb = 'or start CascadeFlow with --db <another file>';
  if (problem === 'locked') {
    return (
      `The database ${dbPath} is locked by another program: another CascadeFlow (\`cascadeflow serve\` or a command ` +
      `such as \`cascadeflow backup\`) is probably using it. Close that program, then start CascadeFlow again.`
    );
  }
  if (problem === 'not_a_database') {
    return `${dbPath} is not a CascadeFlow database, or it is damaged (${messageOf(error)}). Move the file elsewhere to start with a new one, ${anotherDb}.`;
  }
  if (problem === 'disk_full' || code === 'ENOSPC') {
    return `The disk holding ${dbPath} is full. Free some space, then start CascadeFlow again.`;
  }
  if (problem === 'cannot_open' || problem === 'read_only' || code.startsWith('SQLITE_PERM') || ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST'].includes(code)) {
    return `CascadeFlow cannot open or write ${dbPath} (${messageOf(error)}). Check that the folder exists and is writable, ${anotherDb}.`;
  }
  // Already a sentence with its remedy (e.g. a database written by a newer CascadeFlow): say which file.
  return `${messageOf(error)}\n\nDatabase: ${dbPath}`;
}
