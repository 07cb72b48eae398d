// The CSV export reads call totals kept on the query row and formats lines in one template; both
// shortcuts must give exactly the text of the plain definition: every field through csvField /
// csvText, totals summed from the calls themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore, QueryRecord, TimeRange } from '../../../shared/core/ledger/types.ts';
import { csvField, csvLine, csvText, nanoToUsd } from '../../../electron/node/sqlite/csv.ts';
import { CSV_HEADER } from '../../../electron/node/sqlite/ledger-export.ts';
import { createLedgerStore, exportLedgerCsv } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { makeCall, makeQuery } from './ledger-fixtures.ts';

let db: Database;
let ledger: LedgerStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
});
afterEach(() => db.close());

function referenceLine(q: QueryRecord, feedback: string | null, note: string | null): string {
  const sum = (f: (c: QueryRecord['calls'][number]) => number): number => q.calls.reduce((s, c) => s + f(c), 0);
  const baseline = q.baselineCostNano;
  return csvLine([
    csvField(q.id),
    csvField(new Date(q.createdAt).toISOString()),
    csvField(q.runId),
    csvField(q.conversationId),
    csvText(q.userId),
    csvText(q.feature),
    csvText(q.domain),
    csvField(q.complexity),
    csvField(q.status),
    csvField(q.finalProvider),
    csvText(q.finalModel),
    csvField(q.finalTier),
    csvField(q.escalated),
    csvField(q.calls.length),
    csvField(sum((c) => c.inputTokens)),
    csvField(sum((c) => c.outputTokens)),
    csvField(nanoToUsd(q.costNano)),
    csvField(q.costComplete),
    csvField(baseline === null ? null : nanoToUsd(baseline)),
    csvField(q.baselineEstimated),
    // No saving is known for a cost that leaves out a call of unknown price.
    csvField(baseline === null || !q.costComplete ? null : nanoToUsd(baseline - q.costNano)),
    csvField(q.latencyMs),
    csvField(feedback),
    csvText(note),
    csvText(q.decision),
    csvText(q.prompt),
    csvText(q.answer),
  ]);
}

function referenceCsv(range: TimeRange): string {
  const rows = db
    .prepare<TimeRange, { id: string; feedback: string | null; feedback_note: string | null }>(
      'SELECT id, feedback, feedback_note FROM queries WHERE created_at >= @from AND created_at < @to ORDER BY created_at, rowid',
    )
    .all(range);
  const lines = rows.map((r) => {
    const q = ledger.getQuery(r.id);
    if (q === null) throw new Error(`lost ${r.id}`);
    return referenceLine(q, r.feedback, r.feedback_note);
  });
  return csvLine(CSV_HEADER) + lines.join('');
}

function exported(range: TimeRange): string {
  const chunks: string[] = [];
  exportLedgerCsv(db, range, (c) => chunks.push(c));
  return chunks.join('');
}

describe('CSV export', () => {
  it('writes exactly the plain per-field formatting for a synthetic ledger with awkward text', () => {
    const end = Date.UTC(2025, 2, 1);
    db.transaction(() => {
      for (const { query, conversation } of syntheticHistory({ queries: 1_200, months: 1, seed: 4, end })) {
        if (conversation !== null) {
          db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
        }
        ledger.recordQuery(query);
      }
      ledger.recordQuery(
        makeQuery({
          id: 'awkward',
          createdAt: end - 10,
          userId: '=cmd|" /C calc"!A0',
          feature: 'a,b',
          prompt: 'line one\r\nline "two", three',
          answer: '-1 + 2',
          baselineCostNano: 10,
          costNano: 2_000_000_001,
          calls: [makeCall({ seq: 0, inputTokens: 7 }), makeCall({ seq: 1, outputTokens: 0 }), makeCall({ seq: 2, inputTokens: 0, outputTokens: 9 })],
        }),
      );
    })();
    ledger.setFeedback('awkward', 'down', '+1, "really"');
    const range = { from: end - 40 * 86_400_000, to: end };
    const text = exported(range);
    expect(text.split('\r\n').length).toBeGreaterThan(1_200);
    expect(text).toBe(referenceCsv(range));
    // Deleting a call moves the totals with it.
    db.exec("DELETE FROM calls WHERE query_id = 'awkward' AND seq = 1");
    expect(exported(range)).toBe(referenceCsv(range));
  });

  it('formats instants before 1970 and after 9999, millisecond padding and large amounts like the plain definition', () => {
    const odd = [
      makeQuery({ id: 'before-1970', createdAt: -3 * 86_400_000 + 7, costNano: 5, baselineCostNano: 4 }),
      makeQuery({ id: 'epoch', createdAt: 0, costNano: 0, baselineCostNano: 0 }),
      makeQuery({ id: 'padded-ms', createdAt: Date.UTC(2025, 0, 2, 3, 4, 5, 6), costNano: 999_999_999, baselineCostNano: 1_000_000_000 }),
      makeQuery({ id: 'big', createdAt: Date.UTC(2025, 0, 3), costNano: 9_007_199_254_740_991, baselineCostNano: 1 }),
      makeQuery({ id: 'year-10000', createdAt: 253_402_300_800_000, costNano: 1, baselineCostNano: null }),
    ];
    for (const q of odd) ledger.recordQuery(q);
    const range = { from: -10 * 86_400_000, to: 253_402_300_800_001 };
    const text = exported(range);
    expect(text.split('\r\n').length).toBe(odd.length + 2);
    expect(text).toBe(referenceCsv(range));
  });

  it('lists queries recorded in the same millisecond in the order they were recorded', () => {
    const at = Date.UTC(2025, 2, 1, 12);
    for (const id of ['z-first', 'a-second', 'm-third']) ledger.recordQuery(makeQuery({ id, createdAt: at }));
    const ids = exported({ from: at, to: at + 1 })
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(ids).toEqual(['z-first', 'a-second', 'm-third']);
  });
});
