// What the desktop app's error dialog says when its database cannot be opened or upgraded at
// launch. SQLite's own words ("database is locked") name neither the file nor a way out; the
// dialog is the only thing a user launching from the dock or start menu ever sees.

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
  const code = codeOf(error) ?? '';
  const anotherDb = 'or start CascadeFlow with --db <another file>';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return (
      `The database ${dbPath} is locked by another program: another CascadeFlow (\`cascadeflow serve\` or a command ` +
      `such as \`cascadeflow backup\`) is probably using it. Close that program, then start CascadeFlow again.`
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return `${dbPath} is not a CascadeFlow database, or it is damaged (${messageOf(error)}). Move the file elsewhere to start with a new one, ${anotherDb}.`;
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return `The disk holding ${dbPath} is full. Free some space, then start CascadeFlow again.`;
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST'].includes(code)) {
    return `CascadeFlow cannot open or write ${dbPath} (${messageOf(error)}). Check that the folder exists and is writable, ${anotherDb}.`;
  }
  // Already a sentence with its remedy (e.g. a database written by a newer CascadeFlow): say which file.
  return `${messageOf(error)}\n\nDatabase: ${dbPath}`;
}
