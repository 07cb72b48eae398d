// Ledger exports stream rows with iterate() and hand text to `write` in bounded chunks, so memory
// stays flat however large the ledger grows.
import type Database from 'better-sqlite3';
import type { TimeRange } from '../../../shared/core/ledger/types.ts';
import { csvField, csvLine, csvText, nanoToUsd } from './csv.ts';
import { CALL_COLUMNS, QUERY_COLUMNS, callFromRow, feedbackFromRow, queryFromRow, type CallRow, type QueryRow } from './ledger-rows.ts';

const CHUNK_CHARS = 64 * 1024;

function chunked(write: (chunk: string) => void): { push(text: string): void; flush(): void } {
  let buffer = '';
  return {
    push(text) {
      buffer += text;
      if (buffer.length >= CHUNK_CHARS) {
        write(buffer);
        buffer = '';
      }
    },
    flush() {
      if (buffer.length > 0) write(buffer);
      buffer = '';
    },
  };
}

export const CSV_HEADER = [
  'id', 'created_at', 'run_id', 'conversation_id', 'user_id', 'feature', 'domain', 'complexity', 'status',
  'final_provider', 'final_model', 'final_tier', 'escalated', 'calls', 'input_tokens', 'output_tokens',
  'cost_usd', 'cost_complete', 'baseline_cost_usd', 'baseline_estimated', 'savings_usd', 'latency_ms',
  'feedback', 'feedback_note', 'decision', 'prompt', 'answer',
] as const;

interface CsvRow extends QueryRow {
  calls: number;
  input_tokens: number;
  output_tokens: number;
}

const IN_RANGE = 'created_at >= @from AND created_at < @to';

/** The call totals are kept on each query row by triggers (migration 0004): one row per query. */
export const CSV_EXPORT_SQL = `
    SELECT ${QUERY_COLUMNS}, calls_count AS calls, calls_input_tokens AS input_tokens, calls_output_tokens AS output_tokens
    FROM queries WHERE ${IN_RANGE} ORDER BY created_at, id`;

export const JSON_EXPORT_SQL = `SELECT ${QUERY_COLUMNS} FROM queries WHERE ${IN_RANGE} ORDER BY created_at, id`;

const bool = (b: number): string => (b === 1 ? 'true' : 'false');

/**
 * One CSV line. Numbers, booleans, timestamps and USD amounts never contain a comma, quote or
 * line break, so only text goes through csvField/csvText; a template literal instead of an array
 * join, because this runs a million times for a large export.
 */
function csvRow(r: CsvRow): string {
  const baseline = r.baseline_cost_nano;
  return (
    `${csvField(r.id)},${new Date(r.created_at).toISOString()},${csvField(r.run_id)},${csvField(r.conversation_id)},` +
    `${csvText(r.user_id)},${csvText(r.feature)},${csvText(r.domain)},${csvField(r.complexity)},${csvField(r.status)},` +
    `${csvField(r.final_provider)},${csvText(r.final_model)},${r.final_tier},${bool(r.escalated)},${r.calls},${r.input_tokens},${r.output_tokens},` +
    `${nanoToUsd(r.cost_nano)},${bool(r.cost_complete)},${baseline === null ? '' : nanoToUsd(baseline)},${bool(r.baseline_estimated)},` +
    `${baseline === null ? '' : nanoToUsd(baseline - r.cost_nano)},${r.latency_ms},${csvField(r.feedback)},${csvText(r.feedback_note)},` +
    `${csvText(r.decision)},${csvText(r.prompt)},${csvText(r.answer)}\r\n`
  );
}

/** Writes one CSV line per query (header first) and returns the number of queries. */
export function exportLedgerCsv(db: Database.Database, range: TimeRange, write: (chunk: string) => void): number {
  const rows = db.prepare<TimeRange, CsvRow>(CSV_EXPORT_SQL);
  const out = chunked(write);
  out.push(csvLine(CSV_HEADER));
  let count = 0;
  for (const r of rows.iterate({ from: range.from, to: range.to })) {
    out.push(csvRow(r));
    count++;
  }
  out.flush();
  return count;
}

/**
 * Writes a JSON array of queries, each a QueryRecord (money in integer nano-USD, with its calls)
 * plus its feedback, and returns the number of queries.
 */
export function exportLedgerJson(db: Database.Database, range: TimeRange, write: (chunk: string) => void): number {
  const rows = db.prepare<TimeRange, QueryRow>(JSON_EXPORT_SQL);
  const calls = db.prepare<[string], CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE query_id = ? ORDER BY seq`);
  const out = chunked(write);
  out.push('[');
  let count = 0;
  for (const r of rows.iterate({ from: range.from, to: range.to })) {
    const record = {
      ...queryFromRow(r, calls.all(r.id).map(callFromRow)),
      feedback: feedbackFromRow(r.feedback),
      feedbackNote: r.feedback_note,
    };
    out.push(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
    count++;
  }
  out.push(count === 0 ? ']\n' : '\n]\n');
  out.flush();
  return count;
}
