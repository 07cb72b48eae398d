// backup.export answers with the whole document as one string. V8 cannot build a string of more
// than about 512M characters, and the transports copy the answer again (IPC clone, HTTP body), so
// the API refuses a database whose document would not comfortably fit, before building anything,
// and names the ways that do work at any size.
import type Database from 'better-sqlite3';
import type { BackupCounts } from '../../../shared/api/contract.ts';
import { ApiFailure } from '../../../shared/api/result.ts';

/** Largest document backup.export builds in memory, in characters (about bytes). */
export const BACKUP_API_MAX_CHARS = 256 * 1024 * 1024;

export interface BackupSizeEstimate {
  /** Characters of the document, estimated from row counts and the stored text's length. */
  chars: number;
  rows: BackupCounts;
}

/**
 * Each table's rows and the UTF-8 bytes of its text columns (octet_length reads a value's size
 * from the record header without loading the text). Per row, the JSON adds its keys, indents and
 * numbers: measured on real documents at 450-650 characters for a query or call, less for the rest.
 */
const TABLES: { table: keyof BackupCounts; text: string[]; perRow: number }[] = [
  { table: 'settings', text: ['key', 'value_json'], perRow: 80 },
  { table: 'conversations', text: ['id', 'title'], perRow: 120 },
  { table: 'messages', text: ['id', 'content', 'query_id', 'outcome_json'], perRow: 160 },
  {
    table: 'queries',
    text: ['id', 'run_id', 'conversation_id', 'user_id', 'feature', 'domain', 'complexity', 'final_model', 'final_provider', 'status', 'prompt', 'answer', 'decision', 'tier_models', 'feedback', 'feedback_note'],
    perRow: 650,
  },
  { table: 'calls', text: ['provider', 'model', 'role', 'pricing', 'status', 'quality_json', 'finish_reason', 'text', 'error_code', 'error_message'], perRow: 520 },
  { table: 'audits', text: ['query_id', 'top_model', 'top_answer'], perRow: 200 },
];

export function estimateBackupSize(db: Database.Database): BackupSizeEstimate {
  const rows: BackupCounts = { settings: 0, conversations: 0, messages: 0, queries: 0, calls: 0, audits: 0 };
  // The header: format, app version, the list of applied migrations.
  let chars = 2048;
  const read = db.transaction(() => {
    for (const t of TABLES) {
      const textBytes = t.text.map((c) => `COALESCE(octet_length(${c}), 0)`).join(' + ');
      const r = db.prepare<[], { n: number; text: number | null }>(`SELECT COUNT(*) AS n, SUM(${textBytes}) AS text FROM ${t.table}`).get();
      rows[t.table] = r?.n ?? 0;
      chars += (r?.text ?? 0) + rows[t.table] * t.perRow;
    }
  });
  read.deferred();
  return { chars, rows };
}

/** "2.1 GB", "256 MB", "12 KB": a size as the refusals show it. */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(bytes >= 10 * size ? 0 : 1)} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Throws ApiFailure (conflict) when the document of `db` would be larger than `maxChars`. */
export function assertBackupFitsInMemory(db: Database.Database, maxChars: number = BACKUP_API_MAX_CHARS): BackupSizeEstimate {
  const size = estimateBackupSize(db);
  if (size.chars <= maxChars) return size;
  throw new ApiFailure(
    'conflict',
    `The backup would be about ${formatSize(size.chars)} of JSON (${size.rows.queries.toLocaleString('en-US')} queries, ${size.rows.calls.toLocaleString('en-US')} calls), ` +
      `more than backup.export can return in one answer (${formatSize(maxChars)}). ` +
      'Write it streamed to a file with `cascadeflow backup export -o FILE`, or copy the whole database with `cascadeflow backup create`.',
    { cause: 'document_too_large', estimatedChars: size.chars, maxChars, rows: size.rows },
  );
}
