// Guards the indexes the ledger's read side depends on: if a schema change or a rewrite of a
// statement makes SQLite fall back to scanning queries or calls, these plans change and fail here
// (a timing test could not say which statement regressed, and would be flaky on a shared machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_SQL, preferCostOrder } from '../../../electron/node/sqlite/ledger-analytics.ts';
import { CSV_EXPORT_SQL, JSON_EXPORT_SQL } from '../../../electron/node/sqlite/ledger-export.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DRAFTER_TIMINGS_SQL } from '../../../electron/node/sqlite/usage-profile.ts';

let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
});
afterAll(() => db.close());

const SAMPLE: Record<string, number | string> = { fromDay: 20_000, toDay: 20_365, lf: 1, lt: 2, rf: 3, rt: 4, from: 1, to: 2, limit: 50, kind: 'user', minTokens: 20 };

function plan(sql: string): string[] {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1] ?? ''))];
  const args = Object.fromEntries(names.map((n) => [n, SAMPLE[n]]));
  return db
    .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(args)
    .map((r) => r.detail);
}

const RANGE_SEEK = 'USING INDEX queries_created_at (created_at>? AND created_at<?)';

/** Every access to a real table is an index search; only subquery results are scanned. */
function expectNoTableScan(lines: string[], allowed: string[] = []): void {
  const scans = lines.filter((l) => l.startsWith('SCAN ') && !/^SCAN \(subquery-\d+\)$/.test(l) && !allowed.includes(l));
  expect(scans).toEqual([]);
}

/** All rows of `alias` come through the created_at range seek. */
function expectRangeSeeks(lines: string[], alias: string): void {
  const accesses = lines.filter((l) => l.startsWith(`SEARCH ${alias} `) || l.startsWith(`SCAN ${alias} `) || l === `SCAN ${alias}`);
  expect(accesses.length).toBeGreaterThan(0);
  for (const a of accesses) expect(a).toBe(`SEARCH ${alias} ${RANGE_SEEK}`);
}

describe('ledger query plans', () => {
  it('summary reads whole days from the rollups and the edges from query rows through the created_at index', () => {
    const q = plan(ANALYTICS_SQL.summary);
    expect(q).toContain('SEARCH ledger_daily USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
    expectRangeSeeks(q, 'q');
    expectNoTableScan(q);
    // Calls and audits are totalled on each query row: no join at the edges.
    expect(q.filter((l) => /\b(calls|audits|c|a)\b/.test(l))).toEqual([]);
  });

  it('daily series and cost by model use the rollups plus indexed edges', () => {
    const d = plan(ANALYTICS_SQL.daily);
    expect(d).toContain('SEARCH ledger_daily USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
    expectRangeSeeks(d, 'q');
    expectNoTableScan(d);
    expect(d.filter((l) => /\b(calls|c)\b/.test(l))).toEqual([]);

    const m = plan(ANALYTICS_SQL.byModel);
    expect(m).toContain('SEARCH ledger_daily_model USING PRIMARY KEY (day>? AND day<?)');
    expect(m).toContain('SEARCH c USING INDEX sqlite_autoindex_calls_1 (query_id=?)');
    expectRangeSeeks(m, 'q');
    expectNoTableScan(m);
  });

  it('cost by tag seeks its kind and days in the tag rollup', () => {
    for (const sql of [ANALYTICS_SQL.byTag.user, ANALYTICS_SQL.byTag.feature]) {
      const t = plan(sql);
      expect(t).toContain('SEARCH ledger_daily_tag USING PRIMARY KEY (kind=? AND day>? AND day<?)');
      expectRangeSeeks(t, 'q');
      expectNoTableScan(t);
    }
  });

  it('cost by domain seeks its days in the domain rollup', () => {
    const t = plan(ANALYTICS_SQL.byDomain);
    expect(t).toContain('SEARCH ledger_daily_domain USING PRIMARY KEY (day>? AND day<?)');
    expectRangeSeeks(t, 'q');
    expectNoTableScan(t);
  });

  it('top queries walk the cost index in order for wide ranges and seek the range for narrow ones', () => {
    const wide = plan(ANALYTICS_SQL.topByCost);
    // An ordered walk that stops after `limit` hits, not a scan of the table followed by a sort.
    expect(wide).toEqual(['SCAN queries USING INDEX queries_cost_created_at']);

    const narrow = plan(ANALYTICS_SQL.topByTime);
    expect(narrow).toContain(`SEARCH queries ${RANGE_SEEK}`);
    expectNoTableScan(narrow);

    expect(preferCostOrder(50, 1_000_000, 1_000_000)).toBe(true);
    expect(preferCostOrder(50, 1_000_000, 20_000)).toBe(true);
    expect(preferCostOrder(50, 1_000_000, 500)).toBe(false);
    expect(preferCostOrder(50, 0, 0)).toBe(false);
  });

  it('exports stream in created_at order straight from the index, without a sorter', () => {
    for (const sql of [CSV_EXPORT_SQL, JSON_EXPORT_SQL]) {
      const e = plan(sql);
      expect(e).toContain(`SEARCH queries ${RANGE_SEEK}`);
      // Rows come in the index's own order: no sorter, which would copy (or buffer) every row.
      expect(e.filter((l) => l.startsWith('USE TEMP B-TREE'))).toEqual([]);
      expectNoTableScan(e);
    }
    // The CSV's call totals come from the query row itself, not from seeking its calls.
    expect(plan(CSV_EXPORT_SQL).filter((l) => / c\b|calls/.test(l))).toEqual([]);
  });

  it('the local drafter\'s timings seek the window, then each query\'s calls (not every call of the model)', () => {
    const t = plan(DRAFTER_TIMINGS_SQL);
    expectRangeSeeks(t, 'q');
    expect(t).toContain('SEARCH c USING INDEX sqlite_autoindex_calls_1 (query_id=?)');
    expectNoTableScan(t);
  });
});
