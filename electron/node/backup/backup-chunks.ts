// The backup document as a generator of text chunks (about 64K characters each), so a database of
// any size can be written out: a year of heavy use is well over 1 GB of JSON, more than V8 can hold
// in one string. Rows are read with iterate() and each is formatted on its own, and the text is
// exactly what backup.export's JSON.stringify(document, null, 1) writes for the same snapshot.
import type Database from 'better-sqlite3';
import type { BackupCounts } from '../../../shared/api/contract.ts';
import { CALLS_OF_QUERY_SQL, queryWithFeedbackFromRow, type CallRow, type QueryRow } from '../sqlite/ledger-rows.ts';
import { appliedMigrations } from '../sqlite/migrations.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './document.ts';
import {
  AUDITS_SQL, CONVERSATIONS_SQL, MESSAGES_OF_SQL, QUERIES_SQL, SETTINGS_SQL,
  auditFromRow, conversationFromRow, messageFromRow, settingFromRow,
  type AuditRow, type ConversationRow, type MessageRow, type SettingRow,
} from './document-rows.ts';
import { emptyCounts } from './export-import.ts';

const CHUNK_CHARS = 64 * 1024;

/** Chunks of the document; the generator's return value counts the rows written. */
export type BackupChunks = Generator<string, BackupCounts, void>;

/** Pieces of text in document order, before they are gathered into chunks. */
type Pieces = Generator<string, void, void>;

const newline = (depth: number): string => `\n${' '.repeat(depth)}`;

/**
 * `value` as JSON.stringify(…, null, 1) writes it `depth` levels down. Only the line breaks
 * between members need the extra indent: JSON never writes a raw line break inside a string.
 */
function nested(value: object, depth: number): string {
  const text = JSON.stringify(value, null, 1);
  return depth === 0 ? text : text.replaceAll('\n', newline(depth));
}

/** An array written item by item; `item` gets the depth the item sits at. */
function* array<T>(items: Iterable<T>, depth: number, item: (x: T, depth: number) => Pieces | string): Pieces {
  const inner = newline(depth + 1);
  let first = true;
  for (const x of items) {
    yield first ? `[${inner}` : `,${inner}`;
    first = false;
    const written = item(x, depth + 1);
    if (typeof written === 'string') yield written;
    else yield* written;
  }
  yield first ? '[]' : `${newline(depth)}]`;
}

/**
 * An object whose members are `head`'s, then each of `arrays` streamed in order. `head` must have
 * a member: its closing brace is cut off to append the arrays.
 */
function* object(head: object, arrays: [key: string, write: (depth: number) => Pieces][], depth: number): Pieces {
  const close = `${newline(depth)}}`;
  const text = nested(head, depth);
  if (!text.endsWith(close)) throw new Error('a streamed object needs at least one member before its arrays');
  yield text.slice(0, -close.length);
  for (const [key, write] of arrays) {
    yield `,${newline(depth + 1)}${JSON.stringify(key)}: `;
    yield* write(depth + 1);
  }
  yield close;
}

function* documentPieces(db: Database.Database, meta: { now: number; version: string }, counts: BackupCounts): Pieces {
  const settings = db.prepare<[], SettingRow>(SETTINGS_SQL);
  const conversations = db.prepare<[], ConversationRow>(CONVERSATIONS_SQL);
  const messagesOf = db.prepare<[string], MessageRow>(MESSAGES_OF_SQL);
  const queries = db.prepare<[], QueryRow>(QUERIES_SQL);
  const callsOf = db.prepare<[string], CallRow>(CALLS_OF_QUERY_SQL);
  const audits = db.prepare<[], AuditRow>(AUDITS_SQL);
  const head = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, exportedAt: meta.now, app: { version: meta.version }, schema: appliedMigrations(db) };
  yield* object(
    head,
    [
      ['settings', (d) => array(settings.iterate(), d, (r, at) => (counts.settings++, nested(settingFromRow(r), at)))],
      [
        'conversations',
        (d) =>
          array(conversations.iterate(), d, (c, at) => {
            counts.conversations++;
            // A conversation's messages stream too: one chat may hold years of them.
            return object(conversationFromRow(c), [['messages', (md) => array(messagesOf.iterate(c.id), md, (m, mat) => (counts.messages++, nested(messageFromRow(m), mat)))]], at);
          }),
      ],
      [
        'queries',
        (d) =>
          array(queries.iterate(), d, (r, at) => {
            const calls = callsOf.all(r.id);
            counts.queries++;
            counts.calls += calls.length;
            return nested(queryWithFeedbackFromRow(r, calls), at);
          }),
      ],
      ['audits', (d) => array(audits.iterate(), d, (a, at) => (counts.audits++, nested(auditFromRow(a), at)))],
    ],
    0,
  );
  yield '\n';
}

/**
 * The whole database as backup.export's document, chunk by chunk, from one read transaction (a
 * consistent snapshot) unless `db` is already in one. Use a connection of its own: better-sqlite3
 * refuses other statements' writes on it until the generator ends. Ending early (return(), or a
 * for-of left by break or throw) releases the transaction.
 */
export function* backupChunks(db: Database.Database, meta: { now: number; version: string }): BackupChunks {
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    const counts = emptyCounts();
    let buffer = '';
    for (const piece of documentPieces(db, meta, counts)) {
      buffer += piece;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer.length > 0) yield buffer;
    return counts;
  } finally {
    // Read only: ending it cannot fail the way a COMMIT of writes could.
    if (own && db.inTransaction) db.exec('ROLLBACK');
  }
}
