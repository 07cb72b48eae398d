// `cascadeflow backup export|import|create`: the user's data as a file they keep.
//   backup export [-o file.json]          the whole database as JSON (stdout without -o), streamed
//   backup import <file.json> [--replace] merge (default) or replace the database's contents
//   backup create                         an online copy of the SQLite file in <dataDir>/backups
import type { BackupCounts } from '../../../shared/api/contract.ts';
import type { Backend } from '../backend-types.ts';
import { parse, UsageError } from '../cli/args.ts';
import { openBackend } from '../cli/context.ts';
import { unwrap } from '../cli/unwrap.ts';
import { writeBackup, type BackupTarget } from './backup-output.ts';
import { exportBackupTo } from './export-to.ts';
import { readBackupDocument } from './import-file.ts';
import { counted } from '../../../shared/core/words.ts';

export const BACKUP_HELP = `  cascadeflow backup export [-o file.json]           the whole database (settings without keys, chats, ledger) as JSON, streamed
  cascadeflow backup import <file.json> [--replace]  restore a backup (default: merge into the current data)
  cascadeflow backup create                          a copy of the database file in <data folder>/backups
`;

export async function backupCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string', short: 'o' }, replace: { type: 'boolean' } });
  const [action, ...rest] = positionals;
  if (action !== 'export' && action !== 'import' && action !== 'create') throw new UsageError(`say what to do: export, import <file> or create\n${BACKUP_HELP}`);
  if (action === 'import' && rest.length !== 1) throw new UsageError('backup import needs exactly one file: cascadeflow backup import backup.json');
  if (action !== 'import' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);

  // Read and parse the file before opening the database, so a bad file touches nothing.
  let document: Record<string, unknown> | undefined;
  if (action === 'import') document = readBackupDocument(rest[0] as string);

  const backend = await openBackend(values, 'cli');
  try {
    if (action === 'export') {
      const counts = await exportBackup(backend, values.out ? { file: values.out } : { stream: process.stdout });
      if (values.out) process.stderr.write(`Wrote ${values.out}: ${describe(counts)}\n`);
      return 0;
    }
    if (action === 'import') {
      const result = unwrap(await backend.call('backup.import', { document: document ?? {}, mode: values.replace ? 'replace' : 'merge' }));
      if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`Imported ${describe(result.imported)}${total(result.skipped) > 0 ? ` (kept ${describe(result.skipped)} already in the database)` : ''}\n`);
      return 0;
    }
    const created = unwrap(await backend.call('backup.create', {}));
    if (values.json) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    else process.stdout.write(`Backed up to ${created.path} (${Math.ceil(created.sizeBytes / 1024)} KB)${created.removed.length > 0 ? `; removed ${created.removed.length} older backup(s)` : ''}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

/**
 * Streams the document, so a database of any size can be exported (the file appears, 0600, only
 * once complete). An in-memory database has no file for a second connection: its (small)
 * document comes from backup.export.
 */
async function exportBackup(backend: Backend, target: BackupTarget): Promise<BackupCounts> {
  const { dbPath, version } = backend.info;
  if (dbPath !== ':memory:' && dbPath !== '') return exportBackupTo(dbPath, target, { now: Date.now(), version });
  const out = unwrap(await backend.call('backup.export', {}));
  return writeBackup(
    target,
    (function* () {
      yield out.content;
      return out.counts;
    })(),
  );
}

function total(c: BackupCounts): number {
  return c.settings + c.conversations + c.messages + c.queries + c.calls + c.audits;
}

function describe(c: BackupCounts): string {
  return `${counted(c.queries, 'query', 'queries')} (${counted(c.calls, 'call')}), ${counted(c.conversations, 'conversation')} (${counted(c.messages, 'message')}), ${counted(c.settings, 'setting')}, ${counted(c.audits, 'audit')}`;
}
