// Migration 0008 rebuilds `calls` so its role may be 'sample'. The rebuild must move every row
// without the rollup triggers seeing the copy (each total would double), and leave the same
// indexes and triggers behind, still working.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrng } from '../../../bench/ledger/prng.ts';
import { syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore, createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { MIGRATIONS, appliedMigrations, migrate } from '../../../electron/node/sqlite/migrations.ts';
import { DAY_MS, T0, escalatedQuery, makeCall, makeQuery } from './ledger-fixtures.ts';
import { sampledEscalatedQuery } from './sample-call-fixtures.ts';

const REBUILD = MIGRATIONS.findIndex((m) => m.id === '0008_calls_sample_role');
const END = Date.UTC(2025, 5, 1);
const TABLES = ['conversations', 'queries', 'calls', 'messages', 'audits', 'ledger_daily', 'ledger_daily_model', 'ledger_daily_tag'];

let db: BetterSqlite3.Database;

/** A ledger as 0007 left it: a synthetic history, audits, feedback, and some deletions. */
function ledgerAt0007(): BetterSqlite3.Database {
  const target = new BetterSqlite3(':memory:');
  target.pragma('foreign_keys = ON');
  migrate(target, MIGRATIONS.slice(0, REBUILD));
  const writer = createLedgerWriter(target);
  target.transaction(() => {
    for (const { query, audit, conversation } of syntheticHistory({ queries: 1_200, months: 2, seed: 31, end: END })) {
      if (conversation !== null) {
        target.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
      }
      writer.writeQuery(query);
      if (audit !== null) writer.writeAudit(audit);
    }
    writer.writeQuery(escalatedQuery('escalated-1969', -DAY_MS - 5));
  })();
  const prng = createPrng(4);
  const ids = target.prepare<[], { id: string }>('SELECT id FROM queries ORDER BY id').all().map((r) => r.id);
  for (let i = 0; i < 40; i++) target.prepare('DELETE FROM queries WHERE id = ?').run(prng.pick(ids));
  target.exec('DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE accepted = 0 ORDER BY id LIMIT 25)');
  target.exec("UPDATE queries SET feedback = 'down', feedback_note = 'wrong' WHERE id IN (SELECT id FROM queries ORDER BY id LIMIT 5)");
  return target;
}

function dump(target: BetterSqlite3.Database, table: string): unknown[] {
  // The model and tag rollups are WITHOUT ROWID: ordered by their primary keys' columns.
  const order = table.startsWith('ledger_daily_') ? '1, 2, 3, 4' : 'rowid';
  return target.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
}

/** Indexes and triggers: every one that exists, with the SQL it was created with. */
function schemaObjects(target: BetterSqlite3.Database): unknown[] {
  return target.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
}

function columns(target: BetterSqlite3.Database): unknown[] {
  return target.prepare("SELECT * FROM pragma_table_xinfo('calls')").all();
}

interface Totals {
  calls_count: number;
  calls_input_tokens: number;
  calls_output_tokens: number;
  local_tokens: number;
  cloud_tokens: number;
  local_cost_nano: number;
  cloud_cost_nano: number;
  answer_seq: number | null;
}

function totalsOf(target: BetterSqlite3.Database, id: string): Totals | undefined {
  return target
    .prepare<[string], Totals>('SELECT calls_count, calls_input_tokens, calls_output_tokens, local_tokens, cloud_tokens, local_cost_nano, cloud_cost_nano, answer_seq FROM queries WHERE id = ?')
    .get(id);
}

beforeEach(() => {
  db = ledgerAt0007();
});
afterEach(() => db.close());

describe('migration 0008_calls_sample_role', () => {
  it('moves every row without touching a total or a rollup, and keeps the indexes and triggers', () => {
    const before = Object.fromEntries(TABLES.map((t) => [t, dump(db, t)]));
    const objects = schemaObjects(db);
    const cols = columns(db);
    expect((before.calls ?? []).length).toBeGreaterThan(1_400);
    expect((before.ledger_daily ?? []).length).toBeGreaterThan(50);

    // Only 0008: a later migration may add its own columns and triggers.
    expect(migrate(db, MIGRATIONS.slice(0, REBUILD + 1))).toEqual([MIGRATIONS[REBUILD]?.id]);

    for (const t of TABLES) expect(dump(db, t), t).toEqual(before[t]);
    expect(schemaObjects(db)).toEqual(objects);
    expect(columns(db)).toEqual(cols);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%calls_new%'").all()).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.slice(0, REBUILD + 1).map((m) => m.id));
  });

  it('accepts a sample call and counts it in its query, its day and its model like any other call', () => {
    migrate(db);
    const day = Math.floor(T0 / DAY_MS);
    const dailyModel = (model: string) =>
      db.prepare<[number, string], { calls: number; input_tokens: number; output_tokens: number; cost_nano: number }>('SELECT calls, input_tokens, output_tokens, cost_nano FROM ledger_daily_model WHERE day = ? AND model = ?').get(day, model) ?? {
        calls: 0,
        input_tokens: 0,
        output_tokens: 0,
        cost_nano: 0,
      };
    const dailyLocalCost = () => db.prepare<[number], { local_cost_nano: number }>('SELECT local_cost_nano FROM ledger_daily WHERE day = ?').get(day)?.local_cost_nano ?? 0;
    const llamaBefore = dailyModel('llama3.2:3b');
    const localBefore = dailyLocalCost();

    const ledger = createLedgerStore(db);
    ledger.recordQuery(sampledEscalatedQuery('sampled', T0 + 1_000));

    expect(totalsOf(db, 'sampled')).toEqual({
      calls_count: 4,
      calls_input_tokens: 100 + 100 + 100 + 120,
      calls_output_tokens: 50 + 41 + 42 + 80,
      local_tokens: 150 + 141 + 142,
      cloud_tokens: 200,
      local_cost_nano: 1_000 + 700 + 800,
      cloud_cost_nano: 300_000,
      // The answer is the verifier's, never a sample.
      answer_seq: 3,
    });
    expect(dailyModel('llama3.2:3b')).toEqual({
      calls: llamaBefore.calls + 3,
      input_tokens: llamaBefore.input_tokens + 300,
      output_tokens: llamaBefore.output_tokens + 133,
      cost_nano: llamaBefore.cost_nano + 2_500,
    });
    expect(dailyLocalCost()).toBe(localBefore + 2_500);
    expect(ledger.getQuery('sampled')?.calls.map((c) => c.role)).toEqual(['draft', 'sample', 'sample', 'verify']);

    // The rollups still agree with the raw rows, also after the sampled query is deleted again.
    const raw = createRawLedgerAnalytics(db);
    const all = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };
    expect(ledger.summary(all)).toEqual(raw.summary(all));
    expect(ledger.costByModel(all)).toEqual(raw.costByModel(all));
    db.exec("DELETE FROM calls WHERE query_id = 'sampled' AND seq = 2");
    expect(totalsOf(db, 'sampled')?.local_cost_nano).toBe(1_700);
    db.exec("DELETE FROM queries WHERE id = 'sampled'");
    expect(dailyModel('llama3.2:3b')).toEqual(llamaBefore);
    expect(dailyLocalCost()).toBe(localBefore);
    expect(ledger.summary(all)).toEqual(raw.summary(all));
  });

  it('still refuses an unknown role, an accepted sample and an in-place change of a figure', () => {
    migrate(db);
    const ledger = createLedgerStore(db);
    const bogus = makeQuery({ id: 'bogus', calls: [makeCall({ role: 'judge' as never })] });
    expect(() => ledger.recordQuery(bogus)).toThrow(/CHECK constraint failed/);
    const acceptedSample = makeQuery({ id: 'accepted-sample', calls: [makeCall({ seq: 0 }), makeCall({ seq: 1, role: 'sample', accepted: true })] });
    expect(() => ledger.recordQuery(acceptedSample)).toThrow(/CHECK constraint failed/);
    // Refused as a whole: neither query nor any of its calls was stored.
    expect(db.prepare("SELECT COUNT(*) AS n FROM queries WHERE id IN ('bogus', 'accepted-sample')").get()).toEqual({ n: 0 });
    ledger.recordQuery(sampledEscalatedQuery('sampled', T0));
    expect(() => db.exec("UPDATE calls SET cost_nano = 1 WHERE query_id = 'sampled' AND role = 'sample'")).toThrow(/append-only/);
  });
});
