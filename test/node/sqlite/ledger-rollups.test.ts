// The rollup-based analytics must give what the plain raw-SQL definition gives, on random
// ledgers and random ranges, including ranges that cut through days, ranges inside one day,
// ranges reaching before 1970, and after deletes.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyPoint, LedgerStore, QueryRecord, TimeRange } from '../../../shared/core/ledger/types.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { ANALYTICS_SQL, type LedgerAnalytics, type TopRow } from '../../../electron/node/sqlite/ledger-analytics.ts';
import { DAY_MS, splitRange } from '../../../electron/node/sqlite/ledger-range.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { createPrng, type Prng } from '../../../bench/ledger/prng.ts';
import { syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { cacheHitQuery, escalatedQuery, makeCall, makeQuery } from './ledger-fixtures.ts';

const END = Date.UTC(2025, 5, 1);
const MONTHS = 2;
const START = Date.UTC(2025, 3, 1);

let db: Database;
let ledger: LedgerStore;
let raw: LedgerAnalytics;

const HOUR_MS = 3_600_000;

/** A synthetic history plus the oddities it never produces, and answers served again from the cache. */
function fill(target: Database, queries = 2_500, seed = 7): void {
  const writer = createLedgerWriter(target);
  target.transaction(() => {
    let answered = 0;
    for (const { query, audit, conversation } of syntheticHistory({ queries, months: MONTHS, seed, end: END })) {
      if (conversation !== null) {
        target.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
      }
      writer.writeQuery(query);
      if (audit !== null) writer.writeAudit(audit);
      // One answer in seven is asked again and served from the cache, up to two days later:
      // drafts and verifier answers, single-tier cascades, tops without a price (no baseline).
      if (query.status === 'ok' && answered++ % 7 === 0) writer.writeQuery(cacheHitQuery(query, `hit-${query.id}`, query.createdAt + ((answered * 37) % 48) * HOUR_MS + 1));
    }
    for (const q of oddities()) writer.writeQuery(q);
  })();
}

function oddities(): QueryRecord[] {
  const midnight = START + 10 * DAY_MS;
  return [
    // Calls stored out of order, two accepted: the answer is the highest seq (quality 0.4).
    makeQuery({
      id: 'odd-order',
      createdAt: midnight + 5,
      userId: '(none)',
      calls: [
        makeCall({ seq: 2, accepted: true, qualityScore: 0.4 }),
        makeCall({ seq: 0, accepted: true, qualityScore: 0.95 }),
        makeCall({ seq: 1, accepted: false, qualityScore: 0.1 }),
      ],
    }),
    // An accepted answer without a quality score hides the earlier accepted one.
    makeQuery({
      id: 'odd-null-quality',
      createdAt: midnight - 1,
      calls: [makeCall({ seq: 0, accepted: true, qualityScore: 0.8 }), makeCall({ seq: 1, accepted: true, qualityScore: null })],
    }),
    makeQuery({ id: 'odd-midnight', createdAt: midnight, feature: '(none)' }),
    makeQuery({ id: 'odd-1969', createdAt: -DAY_MS - 7, userId: 'alice' }),
    makeQuery({ id: 'odd-epoch', createdAt: 0, userId: 'alice' }),
    makeQuery({ id: 'odd-negative-ms', createdAt: -1, userId: 'alice', calls: [makeCall({ qualityScore: 0.3 })] }),
    // Cache hits before 1970 and at midnight: read raw, and rolled up on their own day.
    cacheHitQuery(escalatedQuery('odd-source', midnight - 2), 'odd-hit-1969', -DAY_MS - 3),
    cacheHitQuery(makeQuery({ id: 'odd-source-2' }), 'odd-hit-midnight', midnight, { domain: 'code' }),
    // A cascade of one tier (nothing above to be eligible for), and a top tier without a price.
    cacheHitQuery(makeQuery({ id: 'odd-source-3', topTier: 0 }), 'odd-hit-single', midnight + 3 * DAY_MS + 11),
    cacheHitQuery(escalatedQuery('odd-source-4', midnight), 'odd-hit-unpriced', midnight + 4 * DAY_MS + 13, { baselineCostNano: null }),
    // A hit whose call carries no price (a backup may carry anything): a cache hit (0012, 0013) of
    // unknown cost (0014) at once, with a quality score to leave out of the average.
    unpricedHit(cacheHitQuery(escalatedQuery('odd-source-5', midnight), 'odd-hit-no-price', midnight + 5 * DAY_MS + 17)),
  ];
}

function unpricedHit(hit: QueryRecord): QueryRecord {
  return { ...hit, costComplete: false, calls: hit.calls.map((c) => ({ ...c, costNano: null, pricing: 'unknown' as const })) };
}

function randomRange(prng: Prng): TimeRange {
  const span = END - START;
  const kind = prng.int(0, 5);
  const at = (): number => START - DAY_MS + Math.floor(prng.next() * (span + 2 * DAY_MS));
  if (kind === 0) {
    // Whole days only.
    const from = Math.floor(at() / DAY_MS) * DAY_MS;
    return { from, to: from + prng.int(1, 40) * DAY_MS };
  }
  if (kind === 1) {
    // Inside one day.
    const from = at();
    return { from, to: from + prng.int(1, DAY_MS / 2) };
  }
  if (kind === 2) return { from: -2 * DAY_MS + prng.int(0, DAY_MS), to: at() };
  const a = at();
  const b = at();
  return { from: Math.min(a, b), to: Math.max(a, b) + 1 };
}

function withoutQuality(points: DailyPoint[]): Omit<DailyPoint, 'avgQuality'>[] {
  return points.map(({ avgQuality: _q, ...rest }) => rest);
}

/** Queries whose cache_hit flag differs from their calls' mark. */
function staleCacheHits(target: BetterSqlite3.Database): unknown[] {
  return target
    .prepare("SELECT id FROM queries WHERE cache_hit IS NOT (EXISTS (SELECT 1 FROM calls WHERE query_id = queries.id AND finish_reason = 'cache_hit'))")
    .all();
}

const cacheHitCount = (target: BetterSqlite3.Database): number => target.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM queries WHERE cache_hit = 1').get()?.n ?? 0;

/** Queries whose stored totals differ from their calls and audits. */
function staleCallTotals(target: BetterSqlite3.Database): unknown[] {
  return target
    .prepare(
      `SELECT q.id FROM queries q
       LEFT JOIN (
         SELECT query_id, COUNT(*) AS n, SUM(input_tokens) AS i, SUM(output_tokens) AS o,
           SUM(CASE WHEN local = 1 THEN input_tokens + output_tokens ELSE 0 END) AS lt,
           SUM(CASE WHEN local = 0 THEN input_tokens + output_tokens ELSE 0 END) AS ct,
           SUM(CASE WHEN local = 1 THEN COALESCE(cost_nano, 0) ELSE 0 END) AS lc,
           SUM(CASE WHEN local = 0 THEN COALESCE(cost_nano, 0) ELSE 0 END) AS cc
         FROM calls GROUP BY query_id
       ) c ON c.query_id = q.id
       LEFT JOIN (SELECT query_id, COUNT(*) AS n, SUM(agrees = 0) AS d FROM audits GROUP BY query_id) a ON a.query_id = q.id
       WHERE q.calls_count != COALESCE(c.n, 0) OR q.calls_input_tokens != COALESCE(c.i, 0) OR q.calls_output_tokens != COALESCE(c.o, 0)
         OR q.local_tokens != COALESCE(c.lt, 0) OR q.cloud_tokens != COALESCE(c.ct, 0)
         OR q.local_cost_nano != COALESCE(c.lc, 0) OR q.cloud_cost_nano != COALESCE(c.cc, 0)
         OR q.audits_count != COALESCE(a.n, 0) OR q.audits_disagreed != COALESCE(a.d, 0)
         OR q.answer_seq IS NOT (SELECT seq FROM calls WHERE query_id = q.id AND accepted = 1 ORDER BY seq DESC LIMIT 1)
         OR q.answer_quality IS NOT (SELECT quality_score FROM calls WHERE query_id = q.id AND accepted = 1 ORDER BY seq DESC LIMIT 1)`,
    )
    .all();
}

function expectSame(range: TimeRange): void {
  const label = JSON.stringify(range);
  expect(ledger.summary(range), label).toEqual(raw.summary(range));
  const daily = ledger.daily(range);
  const rawDaily = raw.daily(range);
  expect(withoutQuality(daily), label).toEqual(withoutQuality(rawDaily));
  daily.forEach((d, i) => {
    const q = rawDaily[i]?.avgQuality ?? null;
    if (q === null) expect(d.avgQuality, `${label} ${d.day}`).toBeNull();
    else expect(d.avgQuality, `${label} ${d.day}`).toBeCloseTo(q, 9);
  });
  expect(ledger.costByModel(range), label).toEqual(raw.costByModel(range));
  expect(ledger.costByTag(range, 'user'), label).toEqual(raw.costByTag(range, 'user'));
  expect(ledger.costByTag(range, 'feature'), label).toEqual(raw.costByTag(range, 'feature'));
  expect(ledger.costByDomain(range), label).toEqual(raw.costByDomain(range));
  expect(ledger.topQueries(range, 20), label).toEqual(raw.topQueries(range, 20));
}

beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
  raw = createRawLedgerAnalytics(db);
});
afterEach(() => db.close());

describe('splitRange', () => {
  it('answers whole days from rollups and reads the partial days at both edges raw', () => {
    const day = 20_000;
    expect(splitRange({ from: day * DAY_MS + 5, to: (day + 3) * DAY_MS + 7 })).toEqual({
      fromDay: day + 1,
      toDay: day + 3,
      lf: day * DAY_MS + 5,
      lt: (day + 1) * DAY_MS,
      rf: (day + 3) * DAY_MS,
      rt: (day + 3) * DAY_MS + 7,
    });
    expect(splitRange({ from: day * DAY_MS, to: (day + 1) * DAY_MS })).toMatchObject({ fromDay: day, toDay: day + 1 });
  });

  it('reads a range inside one day, an empty range and the part before 1970 raw', () => {
    expect(splitRange({ from: 10, to: 20 })).toEqual({ fromDay: 0, toDay: 0, lf: 10, lt: 20, rf: 0, rt: 0 });
    expect(splitRange({ from: 20, to: 20 })).toEqual({ fromDay: 0, toDay: 0, lf: 0, lt: 0, rf: 0, rt: 0 });
    expect(splitRange({ from: -DAY_MS - 1, to: 2 * DAY_MS })).toEqual({ fromDay: 0, toDay: 2, lf: -DAY_MS - 1, lt: 0, rf: 2 * DAY_MS, rt: 2 * DAY_MS });
  });
});

describe('rollup-based analytics', () => {
  it('match the raw-SQL definition on a random ledger for random ranges', () => {
    fill(db);
    const prng = createPrng(99);
    expect(staleCallTotals(db)).toEqual([]);
    expect(staleCacheHits(db)).toEqual([]);
    expect(cacheHitCount(db)).toBeGreaterThan(200);
    // Hits of every kind the equivalence must cover.
    const kinds = db.prepare<[], { drafts: number; above: number; single: number; unpriced: number }>(
      'SELECT SUM(final_tier = 0 AND top_tier > 0) AS drafts, SUM(final_tier > 0) AS above, SUM(top_tier = 0) AS single, SUM(baseline_cost_nano IS NULL) AS unpriced FROM queries WHERE cache_hit = 1',
    ).get();
    expect(kinds).toEqual({ drafts: expect.any(Number), above: expect.any(Number), single: expect.any(Number), unpriced: expect.any(Number) });
    for (const n of Object.values(kinds ?? {})) expect(n).toBeGreaterThan(0);
    expect(db.prepare<[], { n: number }>('SELECT SUM(calls_count) AS n FROM queries').get()?.n).toBeGreaterThan(2_500);
    expectSame({ from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER });
    expectSame({ from: START, to: END });
    for (let i = 0; i < 150; i++) expectSame(randomRange(prng));
  });

  it('give the raw figures for every day and for ranges cut through every hour of a day', () => {
    fill(db, 1_500, 11);
    const day = START + 20 * DAY_MS;
    for (let h = 0; h <= 24; h += 3) {
      expectSame({ from: day + h * 3_600_000, to: day + 2 * DAY_MS - h * 3_600_000 });
      expectSame({ from: day - h * 3_600_000, to: day + h * 3_600_000 + 1 });
    }
    for (let d = -1; d < 62; d++) expectSame({ from: START + d * DAY_MS, to: START + (d + 1) * DAY_MS });
  });

  it('stay equal after queries, single calls and audits are deleted', () => {
    fill(db, 1_500, 13);
    const prng = createPrng(5);
    // The answer disappears: the previous accepted call takes over (0.95 instead of 0.4).
    db.exec("DELETE FROM calls WHERE query_id = 'odd-order' AND seq = 2");
    const ids = db.prepare<[], { id: string }>("SELECT id FROM queries WHERE id NOT LIKE 'odd-%' ORDER BY id").all().map((r) => r.id);
    const deleteQuery = db.prepare<[string]>('DELETE FROM queries WHERE id = ?');
    for (let i = 0; i < 200; i++) deleteQuery.run(prng.pick(ids));
    db.exec('DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE accepted = 1 AND seq > 0 ORDER BY query_id LIMIT 40)');
    db.exec('DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE accepted = 0 ORDER BY query_id LIMIT 40)');
    db.exec('DELETE FROM audits WHERE id IN (SELECT id FROM audits ORDER BY query_id LIMIT 10)');
    // A hit's call alone: the query is no longer a hit, and its day says so.
    const hits = cacheHitCount(db);
    db.exec("DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE finish_reason = 'cache_hit' ORDER BY query_id LIMIT 15)");
    expect(cacheHitCount(db)).toBe(hits - 15);
    // A hit of unknown price goes whole: 0012's, 0013's and 0014's delete triggers all take their part.
    expect(db.prepare("DELETE FROM queries WHERE id = 'odd-hit-no-price' AND cache_hit = 1 AND cost_complete = 0").run().changes).toBe(1);
    expect(staleCallTotals(db)).toEqual([]);
    expect(staleCacheHits(db)).toEqual([]);
    expectSame({ from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < 60; i++) expectSame(randomRange(prng));
  });

  it('serve both top-query plans with the same answer as the raw ordering', () => {
    fill(db);
    const byCost = db.prepare<TimeRange & { limit: number }, TopRow>(ANALYTICS_SQL.topByCost);
    const byTime = db.prepare<TimeRange & { limit: number }, TopRow>(ANALYTICS_SQL.topByTime);
    const rawTop = db.prepare<TimeRange & { limit: number }, TopRow>(
      'SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated FROM queries WHERE created_at >= @from AND created_at < @to ORDER BY cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit',
    );
    const prng = createPrng(3);
    for (let i = 0; i < 60; i++) {
      const args = { ...randomRange(prng), limit: prng.int(1, 80) };
      const expected = rawTop.all(args);
      expect(byCost.all(args)).toEqual(expected);
      expect(byTime.all(args)).toEqual(expected);
    }
  });

  it('refuse to change a rolled-up figure in place but allow feedback and conversation unlinking', () => {
    fill(db, 200, 17);
    expect(() => db.exec("UPDATE queries SET cost_nano = cost_nano + 1 WHERE id = 'odd-midnight'")).toThrow(/append-only/);
    expect(() => db.exec("UPDATE calls SET accepted = 0 WHERE query_id = 'odd-order'")).toThrow(/append-only/);
    expect(() => db.exec('UPDATE audits SET agrees = 1 - agrees')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE queries SET domain = 'moved' WHERE id = 'odd-midnight'")).toThrow(/append-only/);
    // Rewriting a figure with its own value is not a change.
    db.exec("UPDATE queries SET cost_nano = cost_nano, feedback = 'up' WHERE id = 'odd-midnight'");
    db.exec('DELETE FROM conversations');
    expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM queries WHERE conversation_id IS NOT NULL').get()?.n).toBe(0);
    expectSame({ from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER });
  });
});

describe('migration 0004_ledger_rollups', () => {
  const dump = (target: BetterSqlite3.Database, table: string): unknown[] => target.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();

  it('backfills rollups of an existing ledger exactly as the triggers build them', () => {
    const old = new BetterSqlite3(':memory:');
    old.pragma('foreign_keys = ON');
    try {
      const before = MIGRATIONS.findIndex((m) => m.id === '0004_ledger_rollups');
      migrate(old, MIGRATIONS.slice(0, before));
      // Today's writer also fills a column added by a later migration: lend it for the fill only.
      old.exec('ALTER TABLE queries ADD COLUMN tier_models TEXT');
      fill(old, 1_500, 21);
      old.exec('ALTER TABLE queries DROP COLUMN tier_models');
      old.prepare("INSERT INTO audits (query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at) VALUES ('odd-midnight', 'm', 'x', 0, 0.1, 5, 0)").run();
      migrate(old);

      fill(db, 1_500, 21);
      db.prepare("INSERT INTO audits (query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at) VALUES ('odd-midnight', 'm', 'x', 0, 0.1, 5, 0)").run();
      for (const table of ['ledger_daily_model', 'ledger_daily_tag']) expect(dump(old, table)).toEqual(dump(db, table));
      expect(staleCallTotals(old)).toEqual([]);
      // Sums of scores backfilled in one SUM and added up by triggers differ in the last bits.
      const daily = (target: BetterSqlite3.Database) =>
        target
          .prepare<[], { quality_sum: number; cache_quality_sum: number }>('SELECT * FROM ledger_daily ORDER BY day')
          .all()
          .map(({ quality_sum, cache_quality_sum, ...rest }) => ({ ...rest, quality: Math.round(quality_sum * 1e6), cacheQuality: Math.round(cache_quality_sum * 1e6) }));
      expect(daily(old)).toEqual(daily(db));
      expect(daily(db).length).toBeGreaterThan(50);
    } finally {
      old.close();
    }
  });
});

describe('migration 0011_ledger_daily_domain', () => {
  it('backfills the domain rollup of an existing ledger exactly as its triggers build it', () => {
    const old = new BetterSqlite3(':memory:');
    old.pragma('foreign_keys = ON');
    try {
      migrate(old, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0011_ledger_daily_domain')));
      fill(old, 1_500, 23);
      migrate(old);
      fill(db, 1_500, 23);
      const dump = (target: BetterSqlite3.Database) => target.prepare('SELECT * FROM ledger_daily_domain ORDER BY day, domain').all();
      expect(dump(old)).toEqual(dump(db));
      expect(new Set(dump(db).map((r) => (r as { domain: string }).domain)).size).toBeGreaterThan(3);
    } finally {
      old.close();
    }
  });
});
