// Migration 0012: an answer served from the response cache was counted by the ledger as a draft
// (or, for a cached verifier answer, as answered above the drafter). The query now says it is a
// hit, the day rollups count hits apart, and the analytics leave them out of the drafter's
// acceptance while their cost ($0) and saving stay in the totals. The file is a real one, upgraded
// the way the app upgrades it (openDatabase).
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, cacheHitQuery, escalatedQuery, makeQuery, tempDir } from './ledger-fixtures.ts';

const BEFORE = MIGRATIONS.findIndex((m) => m.id === '0012_query_cache_hit');
const END = Date.UTC(2025, 5, 1);
const ALL = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** A synthetic history in which one answer in five is asked again and served from the cache. */
function write(target: BetterSqlite3.Database): void {
  const writer = createLedgerWriter(target);
  target.transaction(() => {
    let answered = 0;
    for (const { query, conversation } of syntheticHistory({ queries: 1_000, months: 2, seed: 12, end: END })) {
      if (conversation !== null) {
        target.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
      }
      writer.writeQuery(query);
      if (query.status === 'ok' && answered++ % 5 === 0) writer.writeQuery(cacheHitQuery(query, `hit-${query.id}`, query.createdAt + (answered % 30) * 3_600_000));
    }
    writer.writeQuery(cacheHitQuery(escalatedQuery('src-1969', -DAY_MS - 50), 'hit-1969', -DAY_MS - 5));
  })();
}

const dump = (target: BetterSqlite3.Database, sql: string): unknown[] => target.prepare(sql).all();

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('migration 0012_query_cache_hit', () => {
  it('marks the hits already on file and counts them per day and domain exactly as its triggers do', () => {
    const path = join(dir.dir, 'ledger-0011.db');
    const old = new BetterSqlite3(path);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, BEFORE));
    write(old);
    const before = dump(old, 'SELECT day, queries, eligible, drafted, drafts_unverified, escalated, savings_nano FROM ledger_daily ORDER BY day');
    old.close();

    const upgraded = openDatabase(path);
    const fresh = openDatabase(':memory:');
    try {
      expect(appliedMigrations(upgraded)).toEqual(MIGRATIONS.map((m) => m.id));
      write(fresh);
      for (const sql of ['SELECT * FROM ledger_daily_domain ORDER BY day, domain', 'SELECT id, cache_hit FROM queries ORDER BY id']) {
        expect(dump(upgraded, sql), sql).toEqual(dump(fresh, sql));
      }
      // 0013's sum of the hits' scores, backfilled in one SUM, differs from the triggers' in the last bits.
      const daily = (target: BetterSqlite3.Database) =>
        target
          .prepare<[], { cache_quality_sum: number }>('SELECT * FROM ledger_daily ORDER BY day')
          .all()
          .map(({ cache_quality_sum, ...rest }) => ({ ...rest, cacheQuality: Math.round(cache_quality_sum * 1e6) }));
      expect(daily(upgraded)).toEqual(daily(fresh));
      // 0004's figures are left as they were: the new columns say what to take out of them.
      expect(dump(upgraded, 'SELECT day, queries, eligible, drafted, drafts_unverified, escalated, savings_nano FROM ledger_daily ORDER BY day')).toEqual(before);
      const hits = upgraded.prepare<[], { n: number; days: number }>('SELECT SUM(cache_hits) AS n, COUNT(*) FILTER (WHERE cache_hits > 0) AS days FROM ledger_daily').get();
      expect(hits?.n).toBeGreaterThan(100);
      expect(hits?.days).toBeGreaterThan(30);

      const s = createLedgerStore(upgraded).summary(ALL);
      expect(s).toEqual(createRawLedgerAnalytics(upgraded).summary(ALL));
      const count = (where: string) => upgraded.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM queries WHERE ${where}`).get()?.n ?? 0;
      // The hit before 1970 is read raw.
      expect(s.cacheHits).toBe(count("id LIKE 'hit-%'"));
      expect(s.draftsAccepted).toBe(count("status = 'ok' AND top_tier > 0 AND final_tier = 0 AND id NOT LIKE 'hit-%'"));
      expect(s.drafterAcceptanceRate).toBeCloseTo(s.draftsAccepted / count("status IN ('ok', 'unverified') AND top_tier > 0 AND id NOT LIKE 'hit-%'"), 12);
    } finally {
      upgraded.close();
      fresh.close();
    }
  });
});

describe('cache hits on the ledger', () => {
  let db: BetterSqlite3.Database;
  beforeEach(() => {
    db = openDatabase(join(dir.dir, 'ledger.db'));
  });
  afterEach(() => db.close());

  it("leave the drafter's acceptance, the escalations and who answered as the models left them, and count their saving", () => {
    const ledger = createLedgerStore(db);
    // The reviewer's ledger: 7 queries, 3 of them cache hits. Counted as drafts they made the
    // acceptance 6 of 7 (85.7%); the drafter's own record is 3 of 4.
    const drafts = ['a', 'b', 'c'].map((id, i) => makeQuery({ id, createdAt: T0 + i * 60_000 }));
    const escalated = escalatedQuery('d', T0 + 4 * 60_000);
    for (const q of [...drafts, escalated]) ledger.recordQuery(q);
    ledger.recordQuery(cacheHitQuery(drafts[0] as QueryRecord, 'hit-a', T0 + 10 * 60_000));
    ledger.recordQuery(cacheHitQuery(drafts[1] as QueryRecord, 'hit-b', T0 + 11 * 60_000));
    // A cached verifier answer: not "answered above the drafter", and not an escalation.
    ledger.recordQuery(cacheHitQuery(escalated, 'hit-d', T0 + 12 * 60_000));

    const day = { from: T0, to: T0 + DAY_MS };
    const s = ledger.summary(day);
    expect(s).toMatchObject({
      queries: 7,
      drafterAcceptanceRate: 0.75,
      draftsAccepted: 3,
      draftsUnverified: 0,
      answeredAbove: 1,
      escalated: 1,
      cacheHits: 3,
      // The hits' baselines: two drafts' 5,000 and the verifier's 300,000, each saved in full.
      cacheSavingsNano: 5_000 + 5_000 + 300_000,
      costNano: 3 * 1_000 + 302_000,
      baselineCostNano: 3 * 5_000 + 300_000 + 310_000,
    });
    expect(s.savingsNano).toBe(s.baselineCostNano - s.costNano);
    expect(ledger.daily(day)).toEqual([expect.objectContaining({ queries: 7, escalated: 1, cacheHits: 3 })]);
    expect(ledger.costByDomain(day)).toEqual([expect.objectContaining({ domain: 'general', queries: 7, drafterEligible: 4, draftsAccepted: 3, drafterAcceptanceRate: 0.75, cacheHits: 3 })]);
    // Whole days from the rollups, the same as the raw definition.
    const raw = createRawLedgerAnalytics(db);
    expect(s).toEqual(raw.summary(day));
    expect(ledger.costByDomain(day)).toEqual(raw.costByDomain(day));

    // A hit deleted takes its figures with it.
    db.prepare("DELETE FROM queries WHERE id = 'hit-d'").run();
    expect(ledger.summary(day)).toMatchObject({ queries: 6, answeredAbove: 1, cacheHits: 2, cacheSavingsNano: 10_000 });
    expect(ledger.summary(day)).toEqual(raw.summary(day));
  });

  it('says a saving is unknown, not $0, when no hit has a baseline', () => {
    const ledger = createLedgerStore(db);
    ledger.recordQuery(cacheHitQuery(makeQuery({ id: 'src' }), 'hit', T0 + 1, { baselineCostNano: null }));
    expect(ledger.summary({ from: T0, to: T0 + DAY_MS })).toMatchObject({ cacheHits: 1, cacheSavingsNano: null, savingsNano: 0 });
    expect(ledger.summary({ from: T0 + DAY_MS, to: T0 + 2 * DAY_MS })).toMatchObject({ cacheHits: 0, cacheSavingsNano: 0 });
  });

  it('refuse a hit that is not an accepted answer, and a flag or mark changed by hand', () => {
    const ledger = createLedgerStore(db);
    const source = makeQuery({ id: 'src' });
    expect(() => ledger.recordQuery(cacheHitQuery(source, 'hit-escalated', T0, { escalated: true }))).toThrow(/cache hit replays an accepted answer/);
    expect(() => ledger.recordQuery(cacheHitQuery(source, 'hit-unverified', T0, { status: 'unverified' }))).toThrow(/cache hit replays an accepted answer/);
    // The query and its call went together: nothing half-written is left.
    expect(db.prepare('SELECT COUNT(*) AS n FROM queries').get()).toEqual({ n: 0 });

    ledger.recordQuery(source);
    ledger.recordQuery(cacheHitQuery(source, 'hit', T0 + 1));
    expect(() => db.exec("UPDATE queries SET cache_hit = 1 WHERE id = 'src'")).toThrow(/follows the calls/);
    expect(() => db.exec("UPDATE queries SET cache_hit = 0 WHERE id = 'hit'")).toThrow(/follows the calls/);
    expect(() => db.exec("UPDATE calls SET finish_reason = 'cache_hit' WHERE query_id = 'src'")).toThrow(/append-only/);
    expect(() => db.exec("UPDATE calls SET finish_reason = 'stop' WHERE query_id = 'hit'")).toThrow(/append-only/);
    expect(db.prepare('SELECT id, cache_hit FROM queries ORDER BY id').all()).toEqual([
      { id: 'hit', cache_hit: 1 },
      { id: 'src', cache_hit: 0 },
    ]);
  });
});
