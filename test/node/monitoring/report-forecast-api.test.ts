// report.get and forecast.get over a ledger written through the real store, checked against
// sums computed straight from the SQLite rows.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/node/backend.ts';
import type { Backend } from '../../../electron/node/backend-types.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { memorySecrets } from '../helpers/harness.ts';
import { DAY_MS, escalatedQuery, makeQuery, T0 } from '../sqlite/ledger-fixtures.ts';
import { tempDir } from './monitoring-harness.ts';

const NOW = T0 + 40 * DAY_MS + 12 * 3_600_000;
const USERS = ['alice', 'bob', null] as const;
const FEATURES = ['chat', 'search'] as const;

let dir: string;
let dbPath: string;
let backend: Backend;

/** 45 days of queries: 3 a day, every other one escalated, with users and features. */
function ledgerRows(): QueryRecord[] {
  const rows: QueryRecord[] = [];
  for (let d = 0; d < 45; d++) {
    for (let k = 0; k < 3; k++) {
      const i = d * 3 + k;
      const createdAt = NOW - 45 * DAY_MS + d * DAY_MS + k * 3_600_000 + 1_800_000;
      const tags = { userId: USERS[i % 3] ?? null, feature: FEATURES[i % 2] ?? null };
      rows.push(
        i % 2 === 0
          ? escalatedQuery(`q-${i}`, createdAt, { runId: `r-${i}`, ...tags, costNano: 302_000 + i, baselineCostNano: 300_000 + i })
          : makeQuery({ id: `q-${i}`, runId: `r-${i}`, createdAt, ...tags, costNano: 1_000 + i, baselineCostNano: 5_000 + i }),
      );
    }
  }
  return rows;
}

beforeAll(async () => {
  dir = tempDir();
  dbPath = join(dir, 'ledger.db');
  const db = openDatabase(dbPath);
  const store = createLedgerStore(db);
  for (const r of ledgerRows()) store.recordQuery(r);
  db.close();
  backend = await createBackend({
    dbPath,
    dataDir: dir,
    mode: 'test',
    config: appConfigSchema.parse({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }], quality: { threshold: 0.75 } }),
    secrets: memorySecrets(),
    env: {},
    clock: { now: () => NOW, monotonic: () => 0 },
    log: () => {},
  });
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

function sql<T>(query: string, params: Record<string, number> = {}): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(query).all(params) as T[];
  } finally {
    db.close();
  }
}

async function call<K extends 'report.get' | 'forecast.get'>(method: K, input: Parameters<Backend['call']>[1]) {
  const r = await backend.call(method, input as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('report.get', () => {
  it('matches the ledger sums for the last 30 days', async () => {
    const report = await backend.call('report.get', { period: 'month' });
    if (!report.ok) throw new Error(report.error.message);
    const r = report.value;
    const range = { from: NOW + 1 - 30 * DAY_MS, to: NOW + 1 };
    expect(r.range).toEqual(range);
    // A query with a call of unknown price has no known saving: the savings leave it out.
    const [totals] = sql<{ n: number; cost: number; baseline: number; savings: number; escalated: number }>(
      `SELECT COUNT(*) AS n, SUM(cost_nano) AS cost, SUM(baseline_cost_nano) AS baseline,
        SUM(CASE WHEN cost_complete = 1 THEN baseline_cost_nano - cost_nano END) AS savings, SUM(escalated) AS escalated
       FROM queries WHERE created_at >= @from AND created_at < @to`,
      range,
    );
    expect(totals?.n).toBe(90);
    expect(r.totals).toMatchObject({ queries: totals?.n, costNano: totals?.cost, baselineCostNano: totals?.baseline, savingsNano: totals?.savings, escalated: totals?.escalated });
    expect(r.models.reduce((s, m) => s + m.costNano, 0)).toBe(
      sql<{ c: number }>('SELECT SUM(c.cost_nano) AS c FROM calls c JOIN queries q ON q.id = c.query_id WHERE q.created_at >= @from AND q.created_at < @to', range)[0]?.c,
    );

    const byUser = sql<{ tag: string; n: number; cost: number; baseline: number; savings: number; unknown: number }>(
      `SELECT COALESCE(user_id, '(none)') AS tag, COUNT(*) AS n, SUM(cost_nano) AS cost, SUM(baseline_cost_nano) AS baseline,
        COALESCE(SUM(CASE WHEN cost_complete = 1 THEN COALESCE(baseline_cost_nano, 0) - cost_nano END), 0) AS savings, SUM(cost_complete = 0) AS unknown
       FROM queries WHERE created_at >= @from AND created_at < @to GROUP BY tag ORDER BY cost DESC`,
      range,
    );
    expect(r.byUser).toEqual(byUser.map((u) => ({ tag: u.tag, queries: u.n, costNano: u.cost, baselineCostNano: u.baseline, savingsNano: u.savings, unknownPriceQueries: u.unknown })));
    expect(r.byUser.map((u) => u.tag).sort()).toEqual(['(none)', 'alice', 'bob']);
    const byFeature = sql<{ tag: string; cost: number }>(
      'SELECT feature AS tag, SUM(cost_nano) AS cost FROM queries WHERE created_at >= @from AND created_at < @to GROUP BY feature ORDER BY cost DESC',
      range,
    );
    expect(r.byFeature.map((x) => [x.tag, x.costNano])).toEqual(byFeature.map((x) => [x.tag, x.cost]));

    const top = sql<{ id: string }>('SELECT id FROM queries WHERE created_at >= @from AND created_at < @to ORDER BY cost_nano DESC LIMIT 10', range);
    expect(r.topQueries.map((q) => q.id)).toEqual(top.map((q) => q.id));

    // Every other query escalated: acceptance 50%, verifier usage 50%, both past their targets.
    expect(r.usage).toMatchObject({ multiTierQueries: 90, verifierQueries: 45, drafterEligible: 90, failedQueries: 0, drafterAcceptanceRate: 0.5, verifierUsageRate: 0.5 });
    expect(r.recommendations.map((x) => [x.id, x.value])).toEqual([
      ['low_acceptance', 0.5],
      ['high_verifier_usage', 0.5],
    ]);
  });

  it('covers a week or a custom range', async () => {
    const week = await call('report.get', { period: 'week' });
    expect(week.totals.queries).toBe(21);
    const custom = await call('report.get', { range: { from: NOW - 45 * DAY_MS, to: NOW - 44 * DAY_MS } });
    expect(custom.period).toBe('custom');
    expect(custom.totals.queries).toBe(3);
    expect(custom.recommendations.map((x) => x.id)).toEqual(['healthy']);
  });

  it('warns about a budget nearly spent with its figure', async () => {
    const withBudget = await createBackend({
      dbPath,
      dataDir: dir,
      mode: 'test',
      config: appConfigSchema.parse({
        tiers: [{ model: 'llama3.2:3b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }],
        budget: { monthly: { limitUsd: 0.001 }, daily: { limitUsd: 1000 } },
      }),
      secrets: memorySecrets(),
      env: {},
      clock: { now: () => NOW, monotonic: () => 0 },
      log: () => {},
    });
    try {
      const r = await withBudget.call('report.get', {});
      if (!r.ok) throw new Error(r.error.message);
      const month = new Date(NOW);
      const [spent] = sql<{ cost: number }>('SELECT SUM(cost_nano) AS cost FROM queries WHERE created_at >= @from AND created_at < @to', {
        from: Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1),
        to: NOW + 1,
      });
      expect(r.value.budgets).toEqual([
        { name: 'daily', spentNano: expect.any(Number), limitNano: 1000 * 1e9 },
        { name: 'monthly', spentNano: spent?.cost, limitNano: 1_000_000 },
      ]);
      const rec = r.value.recommendations.find((x) => x.id === 'budget_nearly_spent');
      expect(rec).toMatchObject({ metric: 'budget:monthly', value: (spent?.cost ?? 0) / 1_000_000, threshold: 0.9 });
      expect(r.value.recommendations.filter((x) => x.id === 'budget_nearly_spent')).toHaveLength(1);
    } finally {
      await withBudget.close();
    }
  });

  it('rejects an unknown period', async () => {
    const r = await backend.call('report.get', { period: 'year' } as never);
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
  });
});

describe('forecast.get', () => {
  it('forecasts from the ledgers whole days before today', async () => {
    const f = await call('forecast.get', { days: 30, growth: 1.2 });
    const daily = sql<{ day: string; cost: number }>(
      "SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, SUM(cost_nano) AS cost FROM queries WHERE created_at < @today GROUP BY day ORDER BY day",
      { today: Math.floor(NOW / DAY_MS) * DAY_MS },
    );
    expect(f.history.map((h) => [h.day, h.costNano])).toEqual(daily.map((d) => [d.day, d.cost]));
    expect(f.days).toHaveLength(30);
    expect(f.growth).toBe(1.2);
    expect(f.method).toMatch(/^linear/);
    // Three queries a day at a steady mix: about $0.0006 a day, times the growth.
    const perDay = daily.reduce((s, d) => s + d.cost, 0) / daily.length;
    expect(f.totalNano).toBeGreaterThan(perDay * 30 * 0.95);
    expect(f.totalNano).toBeLessThan(perDay * 30 * 1.2 * 1.05);
    expect(f.lowerNano).toBeLessThanOrEqual(f.totalNano);
    expect(f.upperNano).toBeGreaterThanOrEqual(f.totalNano);
  });

  it('rejects a growth out of range', async () => {
    const r = await backend.call('forecast.get', { growth: 0 });
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
  });
});
