// A query with a call of unknown price has no known saving: its cost leaves that call out, so its
// baseline minus that cost would count the unpriced model as free. Migration 0014 keeps those
// queries' part of the rollups apart; the savings, their ratio and each tag's saving leave it out,
// while the baseline ("verifier alone") still holds every query's.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { exportLedgerCsv } from '../../../electron/node/sqlite/ledger-export.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, escalatedQuery, makeCall, makeQuery } from './ledger-fixtures.ts';

const HOUR = 3_600_000;
const DAY = { from: T0, to: T0 + DAY_MS };
const EDGES = { from: T0 + HOUR / 2, to: T0 + 5 * HOUR };

/** An unpriced cloud drafter's accepted answer: gpt-4o alone would have cost 340,000. */
function unpricedDraft(id: string, createdAt: number, overrides: Partial<QueryRecord> = {}): QueryRecord {
  return makeQuery({
    id,
    runId: `run-${id}`,
    createdAt,
    userId: 'alice',
    feature: 'legal',
    domain: 'legal',
    finalModel: 'acme-legal-13b',
    finalProvider: 'openai-compatible',
    costNano: 0,
    costComplete: false,
    baselineCostNano: 340_000,
    calls: [makeCall({ model: 'acme-legal-13b', provider: 'openai-compatible', local: false, costNano: null, pricing: 'unknown' })],
    ...overrides,
  });
}

/** The same drafter rejected, then gpt-4o at a known price: still a cost that misses a call. */
function unpricedEscalated(id: string, createdAt: number): QueryRecord {
  const q = escalatedQuery(id, createdAt, { userId: 'alice', feature: 'legal' });
  return { ...q, costNano: 300_000, costComplete: false, calls: q.calls.map((c) => (c.seq === 0 ? { ...c, model: 'acme-legal-13b', provider: 'openai-compatible', local: false, costNano: null, pricing: 'unknown' } : c)) };
}

/** The priced queries of the day: 5,000 - 1,000 saved by a local draft, 300,000 - 302,000 by an escalation. */
function pricedQueries(): QueryRecord[] {
  return [makeQuery({ id: 'p-1', createdAt: T0 + HOUR, userId: 'alice', feature: 'legal' }), escalatedQuery('p-2', T0 + 2 * HOUR, { userId: 'bob' })];
}

function unpricedQueries(): QueryRecord[] {
  return [unpricedDraft('u-1', T0 + 3 * HOUR), unpricedEscalated('u-2', T0 + 4 * HOUR), unpricedDraft('u-nobase', T0 + 4 * HOUR + 1, { baselineCostNano: null })];
}

let db: Database;

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('savings of queries with an unknown price', () => {
  it('leave them out of the saving and its ratio, and keep their baseline in the verifier-alone figure', () => {
    const ledger = createLedgerStore(db);
    for (const q of [...pricedQueries(), ...unpricedQueries()]) ledger.recordQuery(q);
    for (const range of [DAY, EDGES]) {
      const s = ledger.summary(range);
      expect(s.costNano).toBe(1_000 + 302_000 + 0 + 300_000 + 0);
      expect(s.baselineCostNano).toBe(5_000 + 300_000 + 340_000 + 300_000);
      expect(s.savingsNano).toBe(4_000 - 2_000);
      expect(s.savingsRatio).toBe(2_000 / 305_000);
      expect(s.unknownPriceQueries).toBe(3);
      expect(s).toEqual(createRawLedgerAnalytics(db).summary(range));
    }
  });

  it('say the saving is unknown when every query with a baseline has an unknown price', () => {
    const ledger = createLedgerStore(db);
    for (const q of unpricedQueries()) ledger.recordQuery(q);
    const s = ledger.summary(DAY);
    expect(s.baselineCostNano).toBe(640_000);
    expect(s.savingsNano).toBe(0);
    expect(s.savingsRatio).toBeNull();
  });

  it("leave them out of each user's and feature's saving, and count them", () => {
    const ledger = createLedgerStore(db);
    for (const q of [...pricedQueries(), ...unpricedQueries()]) ledger.recordQuery(q);
    for (const range of [DAY, EDGES]) {
      expect(ledger.costByTag(range, 'user')).toEqual([
        { tag: 'bob', queries: 1, costNano: 302_000, baselineCostNano: 300_000, savingsNano: -2_000, unknownPriceQueries: 0 },
        { tag: 'alice', queries: 4, costNano: 301_000, baselineCostNano: 645_000, savingsNano: 4_000, unknownPriceQueries: 3 },
      ]);
      expect(ledger.costByTag(range, 'feature')).toEqual(createRawLedgerAnalytics(db).costByTag(range, 'feature'));
    }
  });

  it('take their part out of the rollups when they are deleted', () => {
    const ledger = createLedgerStore(db);
    for (const q of [...pricedQueries(), ...unpricedQueries()]) ledger.recordQuery(q);
    db.prepare("DELETE FROM queries WHERE id LIKE 'u-%'").run();
    const s = ledger.summary(DAY);
    expect(s.savingsNano).toBe(2_000);
    expect(s.baselineCostNano).toBe(305_000);
    expect(ledger.costByTag(DAY, 'user').find((t) => t.tag === 'alice')).toEqual({ tag: 'alice', queries: 1, costNano: 1_000, baselineCostNano: 5_000, savingsNano: 4_000, unknownPriceQueries: 0 });
    const rollup = db.prepare('SELECT unpriced_savings_nano AS s, unpriced_baseline_nano AS b, unpriced_with_baseline AS n FROM ledger_daily').get();
    expect(rollup).toEqual({ s: 0, b: 0, n: 0 });
  });

  it('leave the CSV export\'s savings_usd empty, as the run itself said', () => {
    const ledger = createLedgerStore(db);
    for (const q of [...pricedQueries(), ...unpricedQueries()]) ledger.recordQuery(q);
    const parts: string[] = [];
    exportLedgerCsv(db, DAY, (c) => parts.push(c));
    const [header = '', ...rows] = parts.join('').trim().split('\r\n');
    const col = header.split(',').indexOf('savings_usd');
    const savings = Object.fromEntries(rows.map((r) => [r.split(',')[0], r.split(',')[col]]));
    expect(savings).toEqual({ 'p-1': '0.000004000', 'p-2': '-0.000002000', 'u-1': '', 'u-2': '', 'u-nobase': '' });
  });
});

describe('migration 0014_unpriced_savings', () => {
  it('backfills an existing ledger exactly as its triggers build it', () => {
    const before = new BetterSqlite3(':memory:');
    before.pragma('foreign_keys = ON');
    migrate(before, MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0014_unpriced_savings')));
    const writer = createLedgerWriter(before);
    before.transaction(() => {
      for (const q of [...pricedQueries(), ...unpricedQueries(), unpricedDraft('u-next-day', T0 + DAY_MS + HOUR, { userId: null })]) writer.writeQuery(q);
    })();
    migrate(before);

    const fresh = createLedgerStore(db);
    for (const q of [...pricedQueries(), ...unpricedQueries(), unpricedDraft('u-next-day', T0 + DAY_MS + HOUR, { userId: null })]) fresh.recordQuery(q);
    const rollups = (target: BetterSqlite3.Database) => ({
      days: target.prepare('SELECT day, unpriced_savings_nano, unpriced_baseline_nano, unpriced_with_baseline FROM ledger_daily ORDER BY day').all(),
      tags: target.prepare('SELECT kind, day, tag, unpriced, unpriced_savings_nano FROM ledger_daily_tag ORDER BY kind, day, tag').all(),
    });
    expect(rollups(before)).toEqual(rollups(db));
    const migrated = createLedgerStore(before);
    const twoDays = { from: T0, to: T0 + 2 * DAY_MS };
    expect(migrated.summary(twoDays)).toEqual(fresh.summary(twoDays));
    expect(migrated.summary(twoDays).savingsNano).toBe(2_000);
    before.close();
  });
});
