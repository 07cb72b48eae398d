// Whole-database export to a BackupDocument and import from one. Import runs in one IMMEDIATE
// transaction through the ledger's own writer (so its rollup triggers stay exact): it either
// writes everything or, on any failure, nothing.
import type Database from 'better-sqlite3';
import type { BackupCounts, BackupImportResult } from '../../../shared/api/contract.ts';
import { ApiFailure } from '../../../shared/api/result.ts';
import { parseConfig } from '../../../shared/core/config/schema.ts';
import { appliedMigrations } from '../sqlite/migrations.ts';
import { createLedgerWriter } from '../sqlite/ledger-store.ts';
import { CALLS_OF_QUERY_SQL, queryWithFeedbackFromRow, type CallRow, type QueryRow } from '../sqlite/ledger-rows.ts';
import { CONFIG_KEY } from '../sqlite/settings-store.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupDocumentSchema, type BackupDocument } from './document.ts';
import {
  AUDITS_SQL, CONVERSATIONS_SQL, MESSAGES_OF_SQL, QUERIES_SQL, SETTINGS_SQL,
  auditFromRow, conversationFromRow, messageFromRow, settingFromRow,
  type AuditRow, type ConversationRow, type MessageRow, type SettingRow,
} from './document-rows.ts';

export type ImportMode = BackupImportResult['mode'];

/** Tables the document covers; everything else in the file is derived (rollups) or bookkeeping. */
export const BACKED_UP_TABLES = ['settings', 'conversations', 'messages', 'queries', 'calls', 'audits'] as const;
/**
 * Tables deliberately left out of the document, with the reason. Names ending in `*` are
 * prefixes. A table in neither list fails the backup's coverage test: decide where it belongs.
 */
export const NOT_BACKED_UP: Record<string, string> = {
  schema_migrations: 'bookkeeping of this build; the importing database has its own',
  'ledger_daily*': 'rollups the triggers rebuild while the ledger is imported',
  budget_reservations: 'budget holds of runs in flight, meaningless after a restart',
  response_cache: 'a cache: it refills from new answers',
  alerts: "notifications already shown; the rules raise new ones from the imported ledger",
};

export function isNotBackedUp(table: string): boolean {
  return Object.keys(NOT_BACKED_UP).some((k) => (k.endsWith('*') ? table.startsWith(k.slice(0, -1)) : table === k));
}

/** Columns of the backed-up tables that are not in the document because triggers or SQLite fill them. */
export const DERIVED_COLUMNS: Record<(typeof BACKED_UP_TABLES)[number], readonly string[]> = {
  settings: [],
  // Only conversations not deleted are backed up (document-rows.ts CONVERSATIONS_SQL).
  conversations: ['deleted_at'],
  messages: ['conversation_id'],
  queries: [
    'calls_count', 'calls_input_tokens', 'calls_output_tokens', 'local_tokens', 'cloud_tokens', 'local_cost_nano', 'cloud_cost_nano',
    'answer_seq', 'answer_quality', 'audits_count', 'audits_disagreed',
    // Set by the call marked 'cache_hit' (migration 0012), which the document carries.
    'cache_hit',
  ],
  calls: ['id', 'query_id'],
  audits: ['id'],
};

export function emptyCounts(): BackupCounts {
  return { settings: 0, conversations: 0, messages: 0, queries: 0, calls: 0, audits: 0 };
}

/** Reads the whole database in one read transaction, so the document is a consistent snapshot. */
export function exportDatabase(db: Database.Database, meta: { now: number; version: string }): BackupDocument {
  const read = db.transaction((): BackupDocument => {
    const settings = db.prepare<[], SettingRow>(SETTINGS_SQL).all().map(settingFromRow);
    const messagesOf = db.prepare<[string], MessageRow>(MESSAGES_OF_SQL);
    const conversations = db
      .prepare<[], ConversationRow>(CONVERSATIONS_SQL)
      .all()
      .map((c) => ({ ...conversationFromRow(c), messages: messagesOf.all(c.id).map(messageFromRow) }));
    const callsOf = db.prepare<[string], CallRow>(CALLS_OF_QUERY_SQL);
    const queries = db
      .prepare<[], QueryRow>(QUERIES_SQL)
      .all()
      .map((r) => queryWithFeedbackFromRow(r, callsOf.all(r.id)));
    const audits = db.prepare<[], AuditRow>(AUDITS_SQL).all().map(auditFromRow);
    return {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: meta.now,
      app: { version: meta.version },
      schema: appliedMigrations(db),
      settings,
      conversations,
      queries,
      audits,
    };
  });
  return read.deferred();
}

export function countsOf(doc: BackupDocument): BackupCounts {
  return {
    settings: doc.settings.length,
    conversations: doc.conversations.length,
    messages: doc.conversations.reduce((n, c) => n + c.messages.length, 0),
    queries: doc.queries.length,
    calls: doc.queries.reduce((n, q) => n + q.calls.length, 0),
    audits: doc.audits.length,
  };
}

/**
 * Validates `raw` as a BackupDocument; throws ApiFailure invalid_input naming every bad field as
 * `<prefix>.<path>` (e.g. `document.queries.3.calls.0.inputTokens`).
 */
export function parseBackupDocument(raw: unknown, prefix = 'document'): BackupDocument {
  const r = backupDocumentSchema.safeParse(raw);
  const issues = r.success ? [] : r.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
  if (r.success) {
    // The stored config must be one this build can run; the app would otherwise fall back to defaults.
    r.data.settings.forEach((s, i) => {
      if (s.key !== CONFIG_KEY) return;
      const parsed = parseConfig(s.value);
      if (!parsed.ok) for (const f of parsed.fields) issues.push({ path: [prefix, 'settings', i, 'value', f].filter((p) => p !== '').join('.'), message: `invalid config: ${parsed.message}` });
    });
  }
  if (issues.length > 0 || !r.success) {
    const shown = issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`... and ${issues.length - shown.length} more`);
    throw new ApiFailure('invalid_input', `Not a valid CascadeFlow backup: ${shown.join('; ')}`, { fields: [...new Set(issues.map((i) => i.path))] });
  }
  return r.data;
}

/**
 * Writes the document in one transaction. `replace` empties the backed-up tables first; `merge`
 * keeps rows whose id already exists (their audits are not imported again) and overwrites
 * settings with the document's. Throws (and writes nothing) on any constraint failure.
 */
export function importDatabase(db: Database.Database, doc: BackupDocument, mode: ImportMode): BackupImportResult {
  const writer = createLedgerWriter(db);
  const imported = emptyCounts();
  const skipped = emptyCounts();
  const has = {
    conversation: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM conversations WHERE id = ?'),
    message: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM messages WHERE id = ?'),
    query: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM queries WHERE id = ?'),
  };
  const insertSetting = db.prepare<{ key: string; json: string; updatedAt: number }>(
    'INSERT INTO settings (key, value_json, updated_at) VALUES (@key, @json, @updatedAt) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
  );
  const insertConversation = db.prepare<{ id: string; title: string; createdAt: number; updatedAt: number }>(
    'INSERT INTO conversations (id, title, created_at, updated_at) VALUES (@id, @title, @createdAt, @updatedAt)',
  );
  const insertMessage = db.prepare<MessageRow>(
    'INSERT INTO messages (id, conversation_id, role, content, created_at, query_id, outcome_json) VALUES (@id, @conversation_id, @role, @content, @created_at, @query_id, @outcome_json)',
  );
  const setFeedback = db.prepare<{ id: string; feedback: string | null; note: string | null }>('UPDATE queries SET feedback = @feedback, feedback_note = @note WHERE id = @id');

  const write = db.transaction(() => {
    if (mode === 'replace') {
      // Children first: deleting a query runs the rollup triggers for its calls and audits.
      for (const table of ['audits', 'calls', 'queries', 'messages', 'conversations', 'settings'] as const) db.exec(`DELETE FROM ${table}`);
    }
    for (const s of doc.settings) {
      insertSetting.run({ key: s.key, json: JSON.stringify(s.value), updatedAt: s.updatedAt });
      imported.settings++;
    }
    for (const c of doc.conversations) {
      if (has.conversation.get(c.id)) skipped.conversations++;
      else {
        insertConversation.run(c);
        imported.conversations++;
      }
      for (const m of c.messages) {
        if (has.message.get(m.id)) {
          skipped.messages++;
          continue;
        }
        insertMessage.run({ id: m.id, conversation_id: c.id, role: m.role, content: m.content, created_at: m.createdAt, query_id: m.queryId, outcome_json: m.outcome === null ? null : JSON.stringify(m.outcome) });
        imported.messages++;
      }
    }
    const fresh = new Set<string>();
    for (const q of doc.queries) {
      if (has.query.get(q.id)) {
        skipped.queries++;
        skipped.calls += q.calls.length;
        continue;
      }
      const { feedback, feedbackNote, ...record } = q;
      writer.writeQuery(record);
      if (feedback !== null || feedbackNote !== null) setFeedback.run({ id: q.id, feedback, note: feedbackNote });
      fresh.add(q.id);
      imported.queries++;
      imported.calls += q.calls.length;
    }
    for (const a of doc.audits) {
      if (!fresh.has(a.queryId)) {
        if (has.query.get(a.queryId)) {
          skipped.audits++;
          continue;
        }
        throw new ApiFailure('invalid_input', `Not a valid CascadeFlow backup: an audit refers to query "${a.queryId}", which is neither in the backup nor in the database.`, {
          fields: [`document.audits.${doc.audits.indexOf(a)}.queryId`],
        });
      }
      writer.writeAudit(a);
      imported.audits++;
    }
  });
  write.immediate();
  return { mode, imported, skipped };
}
