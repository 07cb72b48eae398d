// The LedgerStore port on SQLite. Statements are prepared once per store; a query and its calls
// land in one transaction so a crash never leaves a query without its calls.
import type Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result.ts';
import type { AuditRecord, LedgerStore, QueryRecord } from '../../../shared/core/ledger/types.ts';
import { createLedgerAnalytics } from './ledger-analytics.ts';
import {
  CALLS_OF_QUERY_SQL,
  CALL_COLUMNS,
  CALL_COLUMN_LIST,
  QUERY_COLUMNS,
  QUERY_INSERT_COLUMNS,
  callFromRow,
  callParams,
  queryFromRow,
  queryParams,
  type CallRow,
  type QueryParams,
  type QueryRow,
} from './ledger-rows.ts';

export { exportLedgerCsv, exportLedgerJson } from './ledger-export.ts';
export { usageProfile } from './usage-profile.ts';
export { ledgerExtent } from './ledger-extent.ts';

export interface LedgerWriter {
  /** recordQuery's inserts without its transaction: the caller must hold one. */
  writeQuery(q: QueryRecord): void;
  writeAudit(a: AuditRecord): void;
}

/**
 * The store's insert statements on their own, for bulk loads (the benchmark ledger) that put
 * thousands of queries in one transaction and must produce exactly the rows recordQuery would.
 */
export function createLedgerWriter(db: Database.Database): LedgerWriter {
  // A query may finish after the user deleted its conversation; the cost must still be recorded,
  // so a missing conversation is stored as NULL, exactly as ON DELETE SET NULL would have left it.
  const queryValues = QUERY_INSERT_COLUMNS.map((c) =>
    c === 'conversation_id' ? '(SELECT id FROM conversations WHERE id = @conversation_id)' : `@${c}`,
  );
  const insertQuery = db.prepare<QueryParams>(
    `INSERT INTO queries (${QUERY_INSERT_COLUMNS.join(', ')}) VALUES (${queryValues.join(', ')})`,
  );
  const insertCall = db.prepare<CallRow>(
    `INSERT INTO calls (${CALL_COLUMNS}) VALUES (${CALL_COLUMN_LIST.map((c) => `@${c}`).join(', ')})`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO audits (query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at)
     VALUES (@queryId, @topModel, @topAnswer, @agrees, @similarity, @costNano, @createdAt)`,
  );
  return {
    writeQuery(q) {
      insertQuery.run(queryParams(q));
      for (const c of q.calls) insertCall.run(callParams(q.id, c));
    },
    writeAudit(a) {
      insertAudit.run({ ...a, agrees: a.agrees ? 1 : 0 });
    },
  };
}

export function createLedgerStore(db: Database.Database): LedgerStore {
  const writer = createLedgerWriter(db);
  const selectQuery = db.prepare<[string], QueryRow>(`SELECT ${QUERY_COLUMNS} FROM queries WHERE id = ?`);
  const selectCalls = db.prepare<[string], CallRow>(CALLS_OF_QUERY_SQL);
  const updateFeedback = db.prepare<{ id: string; feedback: string | null; note: string | null }>(
    'UPDATE queries SET feedback = @feedback, feedback_note = @note WHERE id = @id',
  );
  // The rollups are maintained by triggers inside this same transaction (migration 0004).
  const record = db.transaction((q: QueryRecord) => writer.writeQuery(q));

  return {
    ...createLedgerAnalytics(db),

    recordQuery(q) {
      record(q);
    },

    getQuery(id) {
      const row = selectQuery.get(id);
      if (row === undefined) return null;
      return queryFromRow(row, selectCalls.all(id).map(callFromRow));
    },

    recordAudit(a) {
      writer.writeAudit(a);
    },

    setFeedback(queryId, rating, note) {
      const changed = updateFeedback.run({ id: queryId, feedback: rating, note: rating === null ? null : (note ?? null) }).changes;
      if (changed === 0) throw new ApiFailure('not_found', `No query with id ${queryId} in the ledger.`);
    },
  };
}
