// `cascadeflow forecast | report | alerts` as a user runs them: a real process on a real
// database file written through the ledger and alert stores.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertStore } from '../../../electron/node/monitoring/alert-store.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import type { CostForecast } from '../../../shared/core/monitoring/forecast.ts';
import type { CostReport } from '../../../shared/core/monitoring/report.ts';
import type { Alert } from '../../../shared/core/monitoring/alert-types.ts';
import { DAY_MS, escalatedQuery, makeQuery } from '../sqlite/ledger-fixtures.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from './monitoring-harness.ts';

let dir: string;
let db: string;
let expectedCost = 0;

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'cli.db');
  const conn = openDatabase(db);
  const ledger = createLedgerStore(conn);
  const now = Date.now();
  // 20 days of history, two queries a day; the last 30 days hold all of them.
  for (let d = 1; d <= 20; d++) {
    const at = now - d * DAY_MS;
    const a = makeQuery({ id: `a-${d}`, runId: `ra-${d}`, createdAt: at, userId: 'alice', feature: 'chat', costNano: 1_000 * d, baselineCostNano: 9_000 * d });
    const b = escalatedQuery(`b-${d}`, at + 1000, { runId: `rb-${d}`, userId: 'bob', feature: 'search' });
    ledger.recordQuery(a);
    ledger.recordQuery(b);
    expectedCost += a.costNano + b.costNano;
  }
  createAlertStore(conn).insert('alert-1', now - 60_000, {
    source: 'rule',
    key: 'rule:daily spend',
    name: 'daily spend',
    metric: 'daily_cost',
    condition: 'greater_than',
    unit: 'nano_usd',
    threshold: 1_000_000,
    value: 2_500_000,
    zScore: null,
    samples: 2,
    queryId: null,
    message: 'daily spend: spend in the last 24 hours is $0.0025, above $0.001 (2 queries).',
    actions: ['banner'],
  }, null);
  conn.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<CliResult> {
  return runCli([...args, '--db', db], { HOME: dir });
}

// Each command is a fresh Node process compiling TypeScript through tsx: allow several per test.
describe('cascadeflow monitoring commands', { timeout: 90_000 }, () => {
  it('forecast json prints the documented shape', async () => {
    const r = await cli(['forecast', '--days', '14', '--growth', '1.2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as CostForecast;
    expect(Object.keys(f).sort()).toEqual(
      ['days', 'generatedAt', 'growth', 'history', 'horizonDays', 'lowerNano', 'method', 'relativeNoise', 'residualStdNano', 'totalNano', 'trend', 'upperNano', 'weekdayFactors'].sort(),
    );
    expect(f.horizonDays).toBe(14);
    expect(f.growth).toBe(1.2);
    expect(f.days).toHaveLength(14);
    expect(f.history).toHaveLength(20);
    expect(f.history.reduce((s, h) => s + h.costNano, 0)).toBe(expectedCost);
  });

  it('forecast prints a readable summary', async () => {
    const r = await cli(['forecast']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Forecast for the next 30 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\): \$[\d.]+ \(5-95%: \$[\d.]+ to \$[\d.]+\)/);
    expect(r.stdout).toContain('Method: linear trend');
  });

  it('refuses a --db that does not exist instead of reporting zeros from a new empty file', async () => {
    const typo = join(dir, 'typo.db');
    for (const command of ['report', 'forecast', 'alerts']) {
      const r = await runCli([command, '--db', typo], { HOME: dir });
      expect(r.code, command).toBe(1);
      expect(r.stderr, command).toContain(`no ledger database at ${typo}`);
    }
    expect(existsSync(typo)).toBe(false);
  });

  it('forecast on an empty ledger says it is not known yet, not $0.00', async () => {
    openDatabase(join(dir, 'empty.db')).close();
    const r = await runCli(['forecast', '--db', join(dir, 'empty.db')], { HOME: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Forecast for the next 30 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\): not known yet\n/);
    expect(r.stdout).toContain('Method: no history yet');
  });

  it('report json csv and md agree on the totals', async () => {
    const json = await cli(['report', '--period', 'month', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as CostReport;
    expect(Object.keys(report).sort()).toEqual(['budgets', 'byDomain', 'byFeature', 'byUser', 'daily', 'generatedAt', 'models', 'period', 'range', 'recommendations', 'topQueries', 'totals', 'usage']);
    expect(report.totals.queries).toBe(40);
    expect(report.totals.costNano).toBe(expectedCost);
    expect(report.byUser.map((u) => u.tag).sort()).toEqual(['alice', 'bob']);
    expect(report.byFeature.map((u) => u.tag).sort()).toEqual(['chat', 'search']);
    expect(report.recommendations.map((x) => x.id)).toEqual(['low_acceptance', 'high_verifier_usage']);

    const csv = await cli(['report', '--csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,key,metric,value');
    expect(rows).toContain(`totals,,cost_usd,${expectedCost / 1e9}`);
    expect(rows).toContain('totals,,queries,40');

    const md = await cli(['report', '--md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# CascadeFlow cost report: last 30 days');
    expect(md.stdout).toContain('| Queries | 40 |');
    expect(md.stdout).toContain('## Cost by user');
  });

  it('report refuses two formats and a bad period', async () => {
    expect((await cli(['report', '--json', '--csv'])).code).toBe(2);
    const bad = await cli(['report', '--period', 'year']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period must be one of day, week, month');
  });

  it('alerts lists and dismisses', async () => {
    const list = await cli(['alerts', '--json']);
    expect(list.code).toBe(0);
    const { alerts } = JSON.parse(list.stdout) as { alerts: Alert[] };
    expect(alerts).toEqual([
      expect.objectContaining({ id: 'alert-1', source: 'rule', metric: 'daily_cost', name: 'daily spend', unit: 'usd', value: 0.0025, threshold: 0.001, dismissedAt: null }),
    ]);
    expect((await cli(['alerts'])).stdout).toContain('daily spend: spend in the last 24 hours is $0.0025');
    const dismissed = await cli(['alerts', 'dismiss', '--all', '--json']);
    expect(JSON.parse(dismissed.stdout)).toEqual({ dismissed: 1 });
    expect((await cli(['alerts', '--active'])).stdout).toBe('No alerts.\n');
  });
});
