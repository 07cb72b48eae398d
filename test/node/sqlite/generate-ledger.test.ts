// The benchmark ledger generator: deterministic for a seed, rows identical to recordQuery's, and
// a history with the traits the benchmarks rely on (escalation, prices, tiers, rhythms, growth).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { generateLedger } from '../../../scripts/generate-ledger.ts';
import { historySpan, syntheticHistory } from '../../../bench/ledger/synthetic-history.ts';
import { tempDir } from './ledger-fixtures.ts';

const dirs: { cleanup(): void }[] = [];
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

function tempPath(name: string): string {
  const t = tempDir();
  dirs.push(t);
  return join(t.dir, name);
}

function reopen(path: string): Database {
  const db = openDatabase(path);
  open.push(db);
  return db;
}

const TABLES = ['conversations', 'queries', 'calls', 'audits', 'ledger_daily', 'ledger_daily_model', 'ledger_daily_tag'];

/** Every row of the ledger's tables, without surrogate keys that depend on insertion order. */
function dump(db: Database): Record<string, unknown[]> {
  const order: Record<string, string> = {
    conversations: 'id',
    queries: 'id',
    calls: 'query_id, seq',
    audits: 'query_id, created_at',
    ledger_daily: 'day',
    ledger_daily_model: 'day, model, provider, local',
    ledger_daily_tag: 'kind, day, tag',
  };
  return Object.fromEntries(
    TABLES.map((t) => [
      t,
      db
        .prepare<[], Record<string, unknown>>(`SELECT * FROM ${t} ORDER BY ${order[t] ?? 'rowid'}`)
        .all()
        .map(({ id, ...rest }) => (t === 'calls' || t === 'audits' ? rest : { id, ...rest })),
    ]),
  );
}

const OPTS = { queries: 3_000, months: 4, seed: 42 };

describe('generateLedger', () => {
  it('writes the same file content for the same seed and a different one for another seed', () => {
    const a = generateLedger({ ...OPTS, dbPath: tempPath('a.db') });
    const b = generateLedger({ ...OPTS, dbPath: tempPath('b.db') });
    const c = generateLedger({ ...OPTS, seed: 43, dbPath: tempPath('c.db') });
    expect(a.queries).toBe(3_000);
    expect(a.calls).toBeGreaterThan(3_000);
    const da = dump(reopen(a.dbPath));
    expect(dump(reopen(b.dbPath))).toEqual(da);
    expect(dump(reopen(c.dbPath)).queries).not.toEqual(da.queries);
  });

  it('produces exactly the rows LedgerStore.recordQuery and recordAudit write', () => {
    const generated = generateLedger({ ...OPTS, queries: 1_500, dbPath: tempPath('bulk.db') });
    const db = reopen(tempPath('store.db'));
    const store = createLedgerStore(db);
    const addConversation = db.prepare<[string, string, number, number]>('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
    for (const { query, audit, conversation } of syntheticHistory({ ...OPTS, queries: 1_500 })) {
      if (conversation !== null) addConversation.run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
      store.recordQuery(query);
      if (audit !== null) store.recordAudit(audit);
    }
    db.exec('UPDATE conversations SET updated_at = COALESCE((SELECT MAX(created_at) FROM queries WHERE conversation_id = conversations.id), updated_at)');
    expect(dump(db)).toEqual(dump(reopen(generated.dbPath)));
  });

  it('refuses to overwrite an existing file', () => {
    const path = tempPath('exists.db');
    generateLedger({ ...OPTS, queries: 10, dbPath: path });
    expect(() => generateLedger({ ...OPTS, queries: 10, dbPath: path })).toThrow(/already exists/);
  });
});

describe('synthetic history', () => {
  const history = [...syntheticHistory({ queries: 20_000, months: 12, seed: 7 })];
  const queries = history.map((h) => h.query);
  const share = (pred: (q: (typeof queries)[number]) => boolean): number => queries.filter(pred).length / queries.length;

  it('escalates about 30% of queries and mixes outcomes', () => {
    expect(share((q) => q.escalated)).toBeGreaterThan(0.25);
    expect(share((q) => q.escalated)).toBeLessThan(0.35);
    for (const status of ['ok', 'unverified', 'failed', 'cancelled'] as const) expect(share((q) => q.status === status)).toBeGreaterThan(0);
    expect(share((q) => q.status === 'ok')).toBeGreaterThan(0.95);
  });

  it('prices calls by list, energy and unknown prices across local and cloud models and 2-3 tiers', () => {
    const calls = queries.flatMap((q) => q.calls);
    const models = new Set(calls.map((c) => `${c.provider}/${c.model}`));
    expect([...models]).toEqual(expect.arrayContaining(['ollama/llama3.2:3b', 'openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5']));
    expect(calls.filter((c) => c.model === 'llama3.2:3b').every((c) => c.local && c.pricing === 'energy')).toBe(true);
    expect(new Set(calls.map((c) => c.pricing))).toEqual(new Set(['list', 'energy', 'unknown']));
    expect(new Set(queries.map((q) => q.topTier))).toEqual(new Set([1, 2]));
    const unknown = share((q) => !q.costComplete);
    expect(unknown).toBeGreaterThan(0.005);
    expect(unknown).toBeLessThan(0.08);
    // A query's cost is the sum of its known call costs.
    for (const q of queries.slice(0, 500)) expect(q.costNano).toBe(q.calls.reduce((s, c) => s + (c.costNano ?? 0), 0));
  });

  it('claims no saving on runs whose top tier failed: the baseline is the top tier\'s own calls, as the engine records it', () => {
    const topFailed = queries.filter((q) => q.status === 'failed' || q.status === 'unverified');
    expect(topFailed.length).toBeGreaterThan(10);
    for (const q of topFailed) {
      const top = q.calls.filter((c) => c.tier === q.topTier);
      const expected = top.some((c) => c.costNano === null) ? null : top.reduce((s, c) => s + (c.costNano ?? 0), 0);
      expect(q).toMatchObject({ baselineCostNano: expected, baselineEstimated: false });
    }
    // Answered runs keep the verifier-alone baseline: real when the top tier ran, else estimated.
    const answered = queries.filter((q) => q.status === 'ok');
    expect(answered.some((q) => q.baselineEstimated)).toBe(true);
    expect(answered.filter((q) => q.finalTier === q.topTier).every((q) => !q.baselineEstimated)).toBe(true);
  });

  it('tags users and features, and audits some accepted drafts', () => {
    expect(new Set(queries.map((q) => q.userId)).size).toBeGreaterThan(20);
    expect(new Set(queries.map((q) => q.feature)).size).toBeGreaterThan(5);
    expect(queries.some((q) => q.userId === null)).toBe(true);
    const audits = history.filter((h) => h.audit !== null).length;
    expect(audits / queries.length).toBeGreaterThan(0.005);
  });

  it('grows over time, is busier on weekdays and during working hours, and stays inside its span', () => {
    const { start, end } = historySpan({ months: 12 });
    expect(queries.every((q) => q.createdAt >= start && q.createdAt < end)).toBe(true);
    const times = queries.map((q) => q.createdAt);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const firstMonth = times.filter((t) => t < start + 30 * 86_400_000).length;
    const lastMonth = times.filter((t) => t >= end - 30 * 86_400_000).length;
    expect(lastMonth).toBeGreaterThan(3 * firstMonth);
    const day = (t: number) => new Date(t).getUTCDay();
    const weekday = times.filter((t) => day(t) >= 1 && day(t) <= 5).length / 5;
    const weekend = times.filter((t) => day(t) === 0 || day(t) === 6).length / 2;
    expect(weekday).toBeGreaterThan(1.8 * weekend);
    const hour = (t: number) => new Date(t).getUTCHours();
    expect(times.filter((t) => hour(t) === 15).length).toBeGreaterThan(5 * times.filter((t) => hour(t) === 3).length);
  });
});
