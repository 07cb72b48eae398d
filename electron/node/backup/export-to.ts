// The streamed export behind `cascadeflow backup export`: the document read from a read-only
// connection of its own on the database file (better-sqlite3 refuses writes on a connection
// while one of its iterators is open; in WAL mode this one reads a consistent snapshot while the
// app's connection stays free) and written to a file or a stream, chunk by chunk.
import type { BackupCounts } from '../../../shared/api/contract.ts';
import { openReadOnly } from '../sqlite/open-database.ts';
import { backupChunks } from './backup-chunks.ts';
import { writeBackup, type BackupTarget } from './backup-output.ts';

export async function exportBackupTo(dbPath: string, target: BackupTarget, meta: { now: number; version: string }): Promise<BackupCounts> {
  const reader = openReadOnly(dbPath);
  try {
    return await writeBackup(target, backupChunks(reader, meta));
  } finally {
    reader.close();
  }
}
