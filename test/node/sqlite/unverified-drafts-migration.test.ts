// Migration 0009: drafts returned unverified (the validator rejected them and no tier above could
// answer) were counted by the day rollups as accepted. The migration counts them apart, from the
// rows already on file, and keeps the count with its own triggers; nothing else in the rollups moves.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { DAY_MS, T0, escalatedQuery, makeCall } from './ledger-fixtures.ts';

const MIGRATION = MIGRATIONS.findIndex((m) => m.id === '0009_unverified_drafts');
const END = Date.UTC(2025, 5, 1);
const ALL = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** The drafter's answer kept because the verifier failed after rejecting it. */
function unverifiedDraft(id: string, createdAt: number, overrides: Partial<QueryRecord> = {}): QueryRecord {
  const q = escalatedQuery(id, createdAt);
  return {
    ...q,
    status: 'unverified',
    finalModel: 'llama3.2:3b',
    finalProvider: 'ollama',
    finalTier: 0,
    baselineCostNano: 5_000,
    baselineEstimated: true,
    costNano: 2_000,
    calls: [
      makeCall({ seq: 0, accepted: false, qualityScore: 0.2, costNano: 2_000 }),
      makeCall({ seq: 1, provider: 'openai', model: 'gpt-4o', tier: 1, role: 'verify', local: false, status: 'error', accepted: false, outputTokens: 0, costNano: 0, pricing: 'list', qualityScore: null, text: '', errorCode: 'provider_error', errorMessage: '500' }),
    ],
    ...overrides,
  };
}

let db: BetterSqlite3.Database;

/** A ledger as 0008 left it: a synthetic history and unverified drafts made by hand (the history has none at this size). */
function ledgerAt0008(): BetterSqlite3.Database {
  const target = new BetterSqlite3(':memory:');
  target.pragma('foreign_keys = ON');
  migrate(target, MIGRATIONS.slice(0, MIGRATION));
  const writer = createLedgerWriter(target);
  target.transaction(() => {
    for (const { query, conversation } of syntheticHistory({ queries: 1_000, months: 2, seed: 11, end: END })) {
      if (conversation !== null) {
        target.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
      }
      writer.writeQuery(query);
    }
    writer.writeQuery(unverifiedDraft('u-1', T0 + 1_000));
    writer.writeQuery(unverifiedDraft('u-2', T0 + 2_000));
    writer.writeQuery(unverifiedDraft('u-3', T0 + DAY_MS + 2_000));
    // Unverified at tier 1 of three (tier 2 failed): answered above the drafter, not a draft.
    writer.writeQuery(unverifiedDraft('u-tier1', T0 + 3_000, { finalTier: 1, topTier: 2 }));
    // Before 1970: never rolled up, read raw.
    writer.writeQuery(unverifiedDraft('u-1969', -DAY_MS - 5));
  })();
  return target;
}

const countsOf = (target: BetterSqlite3.Database) =>
  target.prepare<[], { day: number; drafted: number; eligible: number; queries: number }>('SELECT day, drafted, eligible, queries FROM ledger_daily ORDER BY day').all();
const unverifiedOn = (target: BetterSqlite3.Database, day: number) =>
  target.prepare<[number], { n: number }>('SELECT drafts_unverified AS n FROM ledger_daily WHERE day = ?').get(day)?.n;

beforeEach(() => {
  db = ledgerAt0008();
});
afterEach(() => db.close());

describe('migration 0009_unverified_drafts', () => {
  it('counts the unverified drafts already on file by day, and moves nothing else', () => {
    const before = countsOf(db);
    migrate(db);
    expect(countsOf(db)).toEqual(before);

    const expected = db
      .prepare<[], { day: number; n: number }>(
        "SELECT created_at / 86400000 AS day, COUNT(*) AS n FROM queries WHERE created_at >= 0 AND status = 'unverified' AND top_tier > 0 AND final_tier = 0 GROUP BY 1 ORDER BY 1",
      )
      .all();
    const stored = db.prepare<[], { day: number; n: number }>('SELECT day, drafts_unverified AS n FROM ledger_daily WHERE drafts_unverified <> 0 ORDER BY day').all();
    expect(stored).toEqual(expected);
    const day0 = Math.floor(T0 / DAY_MS);
    expect(stored).toEqual([
      { day: day0, n: 2 },
      { day: day0 + 1, n: 1 },
    ]);
  });

  it('no longer counts an unverified draft as accepted, in the rollups and in the raw definition alike', () => {
    migrate(db);
    const ledger = createLedgerStore(db);
    const raw = createRawLedgerAnalytics(db);
    const s = ledger.summary(ALL);
    expect(s).toEqual(raw.summary(ALL));

    const count = (where: string) => (db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM queries WHERE ${where}`).get()?.n ?? 0);
    const unverified = count("status = 'unverified' AND top_tier > 0 AND final_tier = 0");
    const accepted = count("status = 'ok' AND top_tier > 0 AND final_tier = 0");
    const eligible = count("status IN ('ok', 'unverified') AND top_tier > 0");
    expect(s.draftsUnverified).toBe(unverified);
    expect(s.draftsAccepted).toBe(accepted);
    expect(s.drafterAcceptanceRate).toBeCloseTo(accepted / eligible, 12);
    expect(s.answeredAbove).toBe(eligible - accepted - unverified);
    // The tier-1 unverified answer of a three-tier cascade is an answer from above the drafter.
    expect(s.answeredAbove).toBe(count("status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier > 0"));
  });

  it('keeps the count as queries come and go, also on a day that had no row yet', () => {
    migrate(db);
    const ledger = createLedgerStore(db);
    const raw = createRawLedgerAnalytics(db);
    const newDay = Math.floor(END / DAY_MS) + 40;
    expect(db.prepare('SELECT 1 FROM ledger_daily WHERE day = ?').get(newDay)).toBeUndefined();

    // Whichever insert trigger runs first, the day's row ends with both the query and the draft.
    ledger.recordQuery(unverifiedDraft('late', newDay * DAY_MS + 10));
    expect(db.prepare('SELECT queries, eligible, drafted, drafts_unverified FROM ledger_daily WHERE day = ?').get(newDay)).toEqual({
      queries: 1,
      eligible: 1,
      drafted: 1,
      drafts_unverified: 1,
    });
    const day = { from: newDay * DAY_MS, to: (newDay + 1) * DAY_MS };
    expect(ledger.summary(day)).toMatchObject({ draftsAccepted: 0, draftsUnverified: 1, answeredAbove: 0, drafterAcceptanceRate: 0 });
    expect(ledger.summary(ALL)).toEqual(raw.summary(ALL));

    db.exec("DELETE FROM queries WHERE id IN ('late', 'u-1')");
    expect(unverifiedOn(db, newDay)).toBe(0);
    expect(ledger.summary(ALL)).toEqual(raw.summary(ALL));
    expect(ledger.summary(day).draftsUnverified).toBe(0);
  });
});
