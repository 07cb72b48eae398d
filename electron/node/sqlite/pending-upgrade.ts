// Which migrations an existing database still needs, read without changing it: the desktop app
// asks before it starts, so that a long upgrade (0008 rewrites every call: about 20 s for a
// million queries) runs off the main thread behind a window that says what is happening.
import { existsSync } from 'node:fs';
import { MIGRATIONS, appliedMigrations, type Migration } from './migrations.ts';
import { openReadOnly } from './open-database.ts';

/** Ids of the pending migrations of an existing, already migrated file; [] for a new one. */
export function pendingUpgrade(dbPath: string, migrations: readonly Migration[] = MIGRATIONS): string[] {
  if (!existsSync(dbPath)) return [];
  const db = openReadOnly(dbPath);
  try {
    const table = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table || table.n === 0) return [];
    const applied = appliedMigrations(db);
    // A new file, or one written by another build: openDatabase() decides (and says why).
    if (applied.length === 0 || applied.length >= migrations.length) return [];
    return migrations.slice(applied.length).map((m) => m.id);
  } finally {
    db.close();
  }
}
