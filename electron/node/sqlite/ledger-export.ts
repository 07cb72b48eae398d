// Ledger exports as generators of text chunks (about 64K characters each) that read rows with
// iterate(), so memory stays flat however large the ledger grows. The HTTP and IPC downloads pull
// chunks one at a time with backpressure; exportLedgerCsv/Json push them all to a callback.
import type Database from 'better-sqlite3';
import type { TimeRange } from '../../../shared/core/ledger/types.ts';
import { csvField, csvLine, csvText } from './csv.ts';
import { CALLS_OF_QUERY_SQL, QUERY_COLUMNS, queryWithFeedbackFromRow, type CallRow, type QueryRow } from './ledger-rows.ts';

const CHUNK_CHARS = 64 * 1024;

/** Chunks of an export; the generator's return value is the number of queries written. */
export type LedgerChunks = Generator<string, number, void>;

export const CSV_HEADER = [
  'id', 'created_at', 'run_id', 'conversation_id', 'user_id', 'feature', 'domain', 'complexity', 'status',
  'final_provider', 'final_model', 'final_tier', 'escalated', 'calls', 'input_tokens', 'output_tokens',
  'cost_usd', 'cost_complete', 'baseline_cost_usd', 'baseline_estimated', 'savings_usd', 'latency_ms',
  'feedback', 'feedback_note', 'decision', 'prompt', 'answer',
] as const;

const IN_RANGE = 'created_at >= @from AND created_at < @to';

/** Exact decimal USD of an integer nano-USD expression, as csv.ts nanoToUsd writes it. */
const usdSql = (nano: string): string =>
  `printf('%s%d.%09d', CASE WHEN ${nano} < 0 THEN '-' ELSE '' END, abs(${nano}) / 1000000000, abs(${nano}) % 1000000000)`;
const boolSql = (column: string): string => `CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END`;

/**
 * The CSV's columns final_tier .. feedback as one finished piece of text: numbers, booleans,
 * exact USD amounts and the CHECK-constrained feedback never need quoting, and SQLite formats
 * them for less than reading them one by one into JavaScript and formatting them there.
 * savings_usd is blank without a baseline, and for a cost that leaves out a call of unknown
 * price: no saving is known then (the run's own savings are null, outcome.ts).
 */
const PLAIN_BLOCK_SQL = `printf('%d,%s,%d,%d,%d,%s,%s,%s,%s,%s,%d,%s',
  final_tier, ${boolSql('escalated')}, calls_count, calls_input_tokens, calls_output_tokens,
  ${usdSql('cost_nano')}, ${boolSql('cost_complete')},
  CASE WHEN baseline_cost_nano IS NULL THEN '' ELSE ${usdSql('baseline_cost_nano')} END, ${boolSql('baseline_estimated')},
  CASE WHEN baseline_cost_nano IS NULL OR cost_complete = 0 THEN '' ELSE ${usdSql('(baseline_cost_nano - cost_nano)')} END,
  latency_ms, COALESCE(feedback, ''))`;

/** The call totals are kept on each query row by triggers (migration 0004). */
const CSV_SELECT = [
  'id', 'created_at', 'run_id', 'conversation_id', 'user_id', 'feature', 'domain', 'complexity', 'status',
  'final_provider', 'final_model', PLAIN_BLOCK_SQL, 'feedback_note', 'decision', 'prompt', 'answer',
];

// Ties on created_at keep recording order: (created_at, rowid) is the created_at index's own
// order, so rows stream straight from it; ordering ties by id put every row through a sorter.
const ORDER = 'ORDER BY created_at, rowid';

export const CSV_EXPORT_SQL = `SELECT ${CSV_SELECT.join(', ')} FROM queries WHERE ${IN_RANGE} ${ORDER}`;

export const JSON_EXPORT_SQL = `SELECT ${QUERY_COLUMNS} FROM queries WHERE ${IN_RANGE} ${ORDER}`;

// Rows are read as arrays (raw mode): a million objects with 16 keys cost more than formatting them.
const text = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));

const DAY_MS = 86_400_000;
/** Date#toISOString cannot write years past 9999 in four digits; such instants take the slow path. */
const YEAR_10000 = 253_402_300_800_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Date#toISOString, reusing the date part: the export walks time in order, so thousands of rows
 * share a day, and building a Date per row was the single largest formatting cost.
 */
function isoWriter(): (ms: number) => string {
  let day = NaN;
  let prefix = '';
  return (ms) => {
    if (!(Number.isInteger(ms) && ms >= 0 && ms < YEAR_10000)) return new Date(ms).toISOString();
    const t = ms % DAY_MS;
    if (ms - t !== day) {
      day = ms - t;
      prefix = new Date(day).toISOString().slice(0, 11);
    }
    return `${prefix}${PAD2[Math.floor(t / 3_600_000)]}:${PAD2[Math.floor(t / 60_000) % 60]}:${PAD2[Math.floor(t / 1000) % 60]}.${PAD3[t % 1000]}Z`;
  };
}

/**
 * One CSV line from a CSV_SELECT row. Only text goes through csvField/csvText; a template literal
 * instead of an array join, because this runs a million times for a large export.
 */
function csvRow(r: readonly unknown[], iso: (ms: number) => string): string {
  return (
    `${csvField(text(r[0]))},${iso(Number(r[1]))},${csvField(text(r[2]))},${csvField(text(r[3]))},` +
    `${csvText(text(r[4]))},${csvText(text(r[5]))},${csvText(text(r[6]))},${csvField(text(r[7]))},${csvField(text(r[8]))},` +
    `${csvField(text(r[9]))},${csvText(text(r[10]))},${text(r[11]) ?? ''},` +
    `${csvText(text(r[12]))},${csvText(text(r[13]))},${csvText(text(r[14]))},${csvText(text(r[15]))}\r\n`
  );
}

/** One CSV line per query (header first); returns the number of queries. */
export function* ledgerCsvChunks(db: Database.Database, range: TimeRange): LedgerChunks {
  const rows = db.prepare<TimeRange, unknown[]>(CSV_EXPORT_SQL).raw(true);
  let buffer = csvLine(CSV_HEADER);
  let count = 0;
  const iso = isoWriter();
  for (const r of rows.iterate({ from: range.from, to: range.to })) {
    buffer += csvRow(r, iso);
    count++;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
  return count;
}

/**
 * A JSON array of queries, each a QueryRecord (money in integer nano-USD, with its calls) plus its
 * feedback; returns the number of queries.
 */
export function* ledgerJsonChunks(db: Database.Database, range: TimeRange): LedgerChunks {
  const rows = db.prepare<TimeRange, QueryRow>(JSON_EXPORT_SQL);
  const calls = db.prepare<[string], CallRow>(CALLS_OF_QUERY_SQL);
  let buffer = '[';
  let count = 0;
  for (const r of rows.iterate({ from: range.from, to: range.to })) {
    buffer += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(queryWithFeedbackFromRow(r, calls.all(r.id)))}`;
    count++;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += count === 0 ? ']\n' : '\n]\n';
  yield buffer;
  return count;
}

export function ledgerChunks(db: Database.Database, range: TimeRange, format: 'csv' | 'json'): LedgerChunks {
  return format === 'csv' ? ledgerCsvChunks(db, range) : ledgerJsonChunks(db, range);
}

function drain(chunks: LedgerChunks, write: (chunk: string) => void): number {
  for (;;) {
    const step = chunks.next();
    if (step.done) return step.value;
    write(step.value);
  }
}

/** Writes one CSV line per query (header first) and returns the number of queries. */
export function exportLedgerCsv(db: Database.Database, range: TimeRange, write: (chunk: string) => void): number {
  return drain(ledgerCsvChunks(db, range), write);
}

/** Writes the JSON array of ledgerJsonChunks and returns the number of queries. */
export function exportLedgerJson(db: Database.Database, range: TimeRange, write: (chunk: string) => void): number {
  return drain(ledgerJsonChunks(db, range), write);
}
