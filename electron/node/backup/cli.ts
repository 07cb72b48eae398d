// `cascadeflow backup export|import|create`: the user's data as a file they keep.
//   backup export [-o file.json]          the whole database as JSON (stdout without -o)
//   backup import <file.json> [--replace] merge (default) or replace the database's contents
//   backup create                         an online copy of the SQLite file in <dataDir>/backups
import { readFileSync, writeFileSync } from 'node:fs';
import type { BackupCounts } from '../../../shared/api/contract.ts';
import { parse, UsageError } from '../cli/args.ts';
import { openBackend } from '../cli/context.ts';
import { unwrap } from '../cli/unwrap.ts';

export const BACKUP_HELP = `  cascadeflow backup export [-o file.json]           the whole database (settings without keys, chats, ledger) as JSON
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
  if (action === 'import') document = readDocument(rest[0] as string);

  const backend = await openBackend(values, 'cli');
  try {
    if (action === 'export') {
      const out = unwrap(await backend.call('backup.export', {}));
      if (values.out) {
        // The file holds every prompt and answer: only the user may read it.
        writeFileSync(values.out, out.content, { mode: 0o600 });
        process.stderr.write(`Wrote ${values.out}: ${describe(out.counts)}\n`);
      } else {
        process.stdout.write(out.content);
      }
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

function readDocument(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(parsed)) throw new UsageError(`${path} is not a CascadeFlow backup (expected a JSON object)`);
  return parsed;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function total(c: BackupCounts): number {
  return c.settings + c.conversations + c.messages + c.queries + c.calls + c.audits;
}

function describe(c: BackupCounts): string {
  return `${c.queries} queries (${c.calls} calls), ${c.conversations} conversations (${c.messages} messages), ${c.settings} settings, ${c.audits} audits`;
}
