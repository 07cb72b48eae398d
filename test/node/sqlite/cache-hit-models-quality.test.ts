// Migration 0013: an answer served from the response cache is no call of the cached model, and its
// quality score (the replayed one of the answer it serves) is not measured again. Cost by model
// and the average quality leave hits out, whether a range is read from the day rollups, from the
// raw rows at its edges, or from a file written before 0013 and upgraded. The figures below are
// worked out by hand from the queries written.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore, QueryRecord, TimeRange } from '../../../shared/core/ledger/types.ts';
import { usageFigures } from '../../../electron/node/monitoring/report-data.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, cacheHitQuery, escalatedQuery, makeCall, makeQuery, tempDir } from './ledger-fixtures.ts';

const HOUR = 3_600_000;
/** The whole day: read from the rollups. */
const DAY: TimeRange = { from: T0, to: T0 + DAY_MS };
/** The same queries, but a range that starts a millisecond into the day: read from the raw rows. */
const EDGE: TimeRange = { from: T0 + 1, to: T0 + DAY_MS };

/**
 * Three accepted drafts of llama3.2:3b scored 0.9, 0.6 and 0.3 ($0.000001 each, 100 + 50 tokens);
 * one escalated query (a rejected draft at $0.000002, then gpt-4o's answer scored 0.8 at
 * $0.0003, 120 + 80 tokens). Then three hits: two replay the 0.9 draft, one gpt-4o's answer.
 */
function queries(): QueryRecord[] {
  const a = makeQuery({ id: 'a', createdAt: T0 + HOUR, calls: [makeCall({ qualityScore: 0.9 })] });
  const b = makeQuery({ id: 'b', createdAt: T0 + 2 * HOUR, calls: [makeCall({ qualityScore: 0.6 })] });
  const c = makeQuery({ id: 'c', createdAt: T0 + 3 * HOUR, calls: [makeCall({ qualityScore: 0.3 })] });
  const esc = escalatedQuery('d', T0 + 4 * HOUR);
  const d = { ...esc, calls: esc.calls.map((call) => (call.seq === 1 ? { ...call, qualityScore: 0.8 } : call)) };
  return [a, b, c, d, cacheHitQuery(a, 'hit-a1', T0 + 5 * HOUR), cacheHitQuery(a, 'hit-a2', T0 + 6 * HOUR), cacheHitQuery(d, 'hit-d', T0 + 7 * HOUR)];
}

const DRAFTER = { model: 'llama3.2:3b', provider: 'ollama', local: true, calls: 4, inputTokens: 400, outputTokens: 200, costNano: 3 * 1_000 + 2_000, unknownPriceCalls: 0 };
const VERIFIER = { model: 'gpt-4o', provider: 'openai', local: false, calls: 1, inputTokens: 120, outputTokens: 80, costNano: 300_000, unknownPriceCalls: 0 };
/** (0.9 + 0.6 + 0.3 + 0.8) / 4; with the hits' 0.9, 0.9 and 0.8 it was 5.2 / 7 = 0.743. */
const MEASURED_QUALITY = 0.65;

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

function expectHandFigures(db: BetterSqlite3.Database, ledger: LedgerStore): void {
  for (const range of [DAY, EDGE]) {
    const label = range === DAY ? 'rollups' : 'raw edges';
    // Two calls each ran fewer than the ledger holds: $0.000005 over 4 drafter calls, not 6.
    expect(ledger.costByModel(range), label).toEqual([VERIFIER, DRAFTER]);
    const [day] = ledger.daily(range);
    expect(day, label).toMatchObject({ queries: 7, cacheHits: 3 });
    expect(day?.avgQuality, label).toBeCloseTo(MEASURED_QUALITY, 12);
    // The hits stay in what they are part of: the queries, and their $0 in the cost.
    expect(ledger.summary(range), label).toMatchObject({ queries: 7, cacheHits: 3, costNano: 3 * 1_000 + 302_000 });
  }
  const raw = createRawLedgerAnalytics(db);
  expect(raw.costByModel(DAY)).toEqual([VERIFIER, DRAFTER]);
  expect(raw.daily(DAY)[0]?.avgQuality).toBeCloseTo(MEASURED_QUALITY, 12);
  // The report's "Average quality ... over N scored answers".
  const usage = usageFigures(db, DAY);
  expect(usage.scoredQueries).toBe(4);
  expect(usage.avgQuality).toBeCloseTo(MEASURED_QUALITY, 12);
}

describe('answers from the cache in cost by model and average quality', () => {
  it('are no calls of the cached model and add no quality score, from the rollups and the raw rows alike', () => {
    const db = openDatabase(join(dir.dir, 'ledger.db'));
    try {
      const ledger = createLedgerStore(db);
      for (const q of queries()) ledger.recordQuery(q);
      expectHandFigures(db, ledger);

      // A hit deleted, and a hit's call deleted alone (the query is then no hit): the figures follow.
      db.prepare("DELETE FROM queries WHERE id = 'hit-d'").run();
      db.prepare("DELETE FROM calls WHERE query_id = 'hit-a2'").run();
      expect(ledger.costByModel(DAY)).toEqual([VERIFIER, DRAFTER]);
      expect(ledger.daily(DAY)[0]).toMatchObject({ queries: 6, cacheHits: 1 });
      expect(ledger.daily(DAY)[0]?.avgQuality).toBeCloseTo(MEASURED_QUALITY, 12);
      expect(ledger.costByModel(DAY)).toEqual(createRawLedgerAnalytics(db).costByModel(DAY));
    } finally {
      db.close();
    }
  });

  it('a model whose only calls on the day were hits is not listed', () => {
    const db = openDatabase(join(dir.dir, 'ledger.db'));
    try {
      const ledger = createLedgerStore(db);
      // The source answered the day before: on this day gpt-4o only "answered" from the cache.
      ledger.recordQuery(cacheHitQuery(escalatedQuery('yesterday', T0 - HOUR), 'hit', T0 + HOUR));
      ledger.recordQuery(makeQuery({ id: 'draft', createdAt: T0 + 2 * HOUR }));
      expect(ledger.costByModel(DAY).map((m) => [m.model, m.calls])).toEqual([['llama3.2:3b', 1]]);
      expect(ledger.costByModel(EDGE).map((m) => [m.model, m.calls])).toEqual([['llama3.2:3b', 1]]);
    } finally {
      db.close();
    }
  });

  it('leaves out the hits already on file when a ledger written before migration 0013 is upgraded', () => {
    const path = join(dir.dir, 'ledger-0012.db');
    const old = new BetterSqlite3(path);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0013_cache_hit_models_quality')));
    const writer = createLedgerWriter(old);
    for (const q of queries()) writer.writeQuery(q);
    // Before 0013 the hits were two more calls of llama3.2:3b and one more of gpt-4o.
    expect(old.prepare("SELECT SUM(calls) AS n FROM ledger_daily_model WHERE model = 'llama3.2:3b'").get()).toEqual({ n: 6 });
    old.close();

    const db = openDatabase(path);
    try {
      expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
      expectHandFigures(db, createLedgerStore(db));
    } finally {
      db.close();
    }
  });
});
