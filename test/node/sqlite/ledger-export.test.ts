import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore, TimeRange } from '../../../shared/core/ledger/types.ts';
import { CSV_HEADER } from '../../../electron/node/sqlite/ledger-export.ts';
import { createLedgerStore, exportLedgerCsv, exportLedgerJson } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, escalatedQuery, makeQuery } from './ledger-fixtures.ts';

const RANGE: TimeRange = { from: T0, to: T0 + DAY_MS };

/** A strict RFC 4180 reader, so the test checks the format and not our own writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`unquoted ${JSON.stringify(ch)} at ${i}`);
      field += ch;
      i++;
    }
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('CSV does not end with a complete line');
  return rows;
}

let db: Database;
let ledger: LedgerStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
});
afterEach(() => db.close());

function collect(run: (write: (chunk: string) => void) => number): { text: string; rows: number; chunks: number } {
  const chunks: string[] = [];
  const rows = run((c) => chunks.push(c));
  return { text: chunks.join(''), rows, chunks: chunks.length };
}

describe('exportLedgerCsv', () => {
  it('escapes commas, quotes and newlines so every field reads back exactly', () => {
    const prompt = 'Compare "a, b"\nand c\r\nplease';
    const answer = 'He said ""hi"", then left,';
    ledger.recordQuery(makeQuery({ id: 'q,1', prompt, answer, userId: 'alice' }));
    const { text, rows } = collect((w) => exportLedgerCsv(db, RANGE, w));
    expect(rows).toBe(1);
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual([...CSV_HEADER]);
    const record = Object.fromEntries(CSV_HEADER.map((h, i) => [h, parsed[1]?.[i]]));
    expect(record).toMatchObject({
      id: 'q,1',
      prompt,
      answer,
      user_id: 'alice',
      created_at: '2025-03-10T00:00:00.000Z',
      cost_usd: '0.000001000',
      baseline_cost_usd: '0.000005000',
      savings_usd: '0.000004000',
      calls: '1',
      escalated: 'false',
    });
  });

  it('writes money as exact decimals, negative savings included, and blanks for no baseline', () => {
    ledger.recordQuery(escalatedQuery('loss', T0 + 1, { costNano: 1_234_567_890_123, baselineCostNano: 1_000_000_000_000 }));
    ledger.recordQuery(makeQuery({ id: 'none', createdAt: T0 + 2, baselineCostNano: null }));
    const parsed = parseCsv(collect((w) => exportLedgerCsv(db, RANGE, w)).text);
    const col = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    expect(parsed[1]?.[col('cost_usd')]).toBe('1234.567890123');
    expect(parsed[1]?.[col('savings_usd')]).toBe('-234.567890123');
    expect(parsed[1]?.[col('input_tokens')]).toBe('220');
    expect(parsed[2]?.[col('baseline_cost_usd')]).toBe('');
    expect(parsed[2]?.[col('savings_usd')]).toBe('');
  });

  it('keeps a prompt that looks like a spreadsheet formula as text', () => {
    ledger.recordQuery(makeQuery({ prompt: '=HYPERLINK("http://x","y")' }));
    const parsed = parseCsv(collect((w) => exportLedgerCsv(db, RANGE, w)).text);
    expect(parsed[1]?.[CSV_HEADER.indexOf('prompt')]).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('writes only the header for an empty range and streams a large ledger in several chunks', () => {
    expect(collect((w) => exportLedgerCsv(db, RANGE, w))).toEqual({ text: `${CSV_HEADER.join(',')}\r\n`, rows: 0, chunks: 1 });
    const insert = db.transaction(() => {
      for (let i = 0; i < 300; i++) ledger.recordQuery(makeQuery({ id: `q-${i}`, createdAt: T0 + i, prompt: 'x'.repeat(1_000) }));
    });
    insert();
    const out = collect((w) => exportLedgerCsv(db, RANGE, w));
    expect(out.rows).toBe(300);
    expect(out.chunks).toBeGreaterThan(1);
    expect(parseCsv(out.text)).toHaveLength(301);
  });
});

describe('exportLedgerJson', () => {
  it('streams a JSON array of queries with their calls and feedback', () => {
    const q = escalatedQuery('q-1', T0 + 5);
    ledger.recordQuery(q);
    ledger.recordQuery(makeQuery({ id: 'q-2', createdAt: T0 + 6, prompt: 'line\n"quoted"' }));
    ledger.recordQuery(makeQuery({ id: 'later', createdAt: T0 + DAY_MS }));
    ledger.setFeedback('q-2', 'down', 'meh');
    const { text, rows } = collect((w) => exportLedgerJson(db, RANGE, w));
    expect(rows).toBe(2);
    const parsed: unknown = JSON.parse(text);
    expect(parsed).toEqual([
      { ...q, feedback: null, feedbackNote: null },
      { ...makeQuery({ id: 'q-2', createdAt: T0 + 6, prompt: 'line\n"quoted"' }), feedback: 'down', feedbackNote: 'meh' },
    ]);
  });

  it('writes an empty array for an empty range', () => {
    const { text, rows } = collect((w) => exportLedgerJson(db, RANGE, w));
    expect(rows).toBe(0);
    expect(JSON.parse(text)).toEqual([]);
  });
});
