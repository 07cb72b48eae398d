// Reads a backup file for `cascadeflow backup import`. The importer holds the whole document in
// memory (the file as one string, then the parsed objects, then the validated copy), so a file
// beyond a few hundred MB would crash V8 ("Invalid string length", or the heap running out): such
// a file is refused up front, by its size, with what to do instead.
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../cli/args.ts';
import { formatSize } from './export-size.ts';
import { isRecord } from '../../../shared/core/is-record.ts';

/** Largest backup file `backup import` reads; matches what backup.export writes in memory. */
export const BACKUP_IMPORT_MAX_BYTES = 256 * 1024 * 1024;

/** The file's top-level JSON object; throws UsageError naming the file and what is wrong with it. */
export function readBackupDocument(path: string, maxBytes: number = BACKUP_IMPORT_MAX_BYTES): Record<string, unknown> {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      throw new UsageError(
        `${path} is ${formatSize(size)}, more than a JSON backup can be imported from (${formatSize(maxBytes)}): the importer reads the whole file into memory. ` +
          'Restore a copy made by `cascadeflow backup create` instead: with the app closed, copy that .db file over the database (or open it with --db).',
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
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

