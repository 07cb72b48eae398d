import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore, TimeRange } from '../../../shared/core/ledger/types.ts';
import { createLedgerStore, ledgerExtent, usageProfile } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, cacheHitQuery, escalatedQuery, makeCall, makeQuery } from './ledger-fixtures.ts';

const HOUR = 3_600_000;
const RANGE: TimeRange = { from: T0, to: T0 + 2 * DAY_MS };

let db: Database;
let ledger: LedgerStore;

function audit(queryId: string, agrees: boolean): void {
  db.prepare<[string, number]>(
    "INSERT INTO audits (query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at) VALUES (?, 'gpt-4o', 'x', ?, 0.5, 10, 0)",
  ).run(queryId, agrees ? 1 : 0);
}

// Four queries in RANGE over two UTC days, plus an expensive one just before it that every
// aggregate must ignore.
beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
  ledger.recordQuery(makeQuery({ id: 'a', createdAt: T0 + HOUR, userId: 'alice', feature: 'chat' }));
  const b = escalatedQuery('b', T0 + 2 * HOUR, { userId: 'bob' });
  ledger.recordQuery({ ...b, calls: b.calls.map((c) => (c.seq === 1 ? { ...c, qualityScore: 0.8 } : c)) });
  ledger.recordQuery(
    makeQuery({
      id: 'c',
      createdAt: T0 + DAY_MS + HOUR,
      userId: 'alice',
      feature: 'chat',
      status: 'unverified',
      finalModel: 'mystery-model',
      finalProvider: 'openai-compatible',
      costNano: 0,
      costComplete: false,
      baselineCostNano: null,
      calls: [
        makeCall({ model: 'mystery-model', provider: 'openai-compatible', local: false, costNano: null, pricing: 'unknown', qualityScore: 0.7 }),
      ],
    }),
  );
  ledger.recordQuery(
    makeQuery({
      id: 'd',
      createdAt: T0 + DAY_MS + 2 * HOUR,
      feature: 'search',
      status: 'failed',
      costNano: 100,
      baselineCostNano: null,
      calls: [makeCall({ status: 'error', accepted: false, outputTokens: 0, costNano: 100, qualityScore: null, errorCode: 'timeout', errorMessage: 'slow' })],
    }),
  );
  ledger.recordQuery(escalatedQuery('outside', T0 - 1, { costNano: 9_000_000_000, userId: 'alice' }));
  audit('a', false);
  audit('c', true);
  audit('outside', false);
});
afterEach(() => db.close());

describe('ledger analytics', () => {
  it('summarises cost, savings, acceptance, local/cloud split and audits over the range only', () => {
    expect(ledger.summary(RANGE)).toEqual({
      queries: 4,
      costNano: 303_100,
      baselineCostNano: 305_000,
      // Only queries with a baseline: (5000 - 1000) + (300000 - 302000).
      savingsNano: 2_000,
      savingsRatio: 2_000 / 305_000,
      // a accepted at tier 0; c's draft returned unverified (answered, not accepted); b escalated;
      // d failed and does not count.
      drafterAcceptanceRate: 1 / 3,
      draftsAccepted: 1,
      draftsUnverified: 1,
      answeredAbove: 1,
      avgCostNano: 75_775,
      escalated: 1,
      cacheHits: 0,
      cacheSavingsNano: 0,
      unknownPriceQueries: 1,
      localTokens: 150 + 150 + 100,
      cloudTokens: 200 + 150,
      localCostNano: 1_000 + 2_000 + 100,
      // The unknown-price call adds nothing rather than pretending to be $0 of a known price.
      cloudCostNano: 300_000,
      falseAcceptRate: 0.5,
      audited: 2,
    });
  });

  it('returns nulls, not zeros, for rates over an empty range', () => {
    const s = ledger.summary({ from: T0 + 10 * DAY_MS, to: T0 + 11 * DAY_MS });
    expect(s.queries).toBe(0);
    expect(s.costNano).toBe(0);
    expect(s.savingsRatio).toBeNull();
    expect(s.drafterAcceptanceRate).toBeNull();
    expect(s.avgCostNano).toBeNull();
    expect(s.falseAcceptRate).toBeNull();
  });

  it('sums large nano amounts exactly', () => {
    const range = { from: T0 + 20 * DAY_MS, to: T0 + 21 * DAY_MS };
    ledger.recordQuery(makeQuery({ id: 'big-1', createdAt: range.from, costNano: 123_456_789_012, baselineCostNano: 999_999_999_999 }));
    ledger.recordQuery(makeQuery({ id: 'big-2', createdAt: range.from + 1, costNano: 987_654_321_098, baselineCostNano: 1_000_000_000_001 }));
    const s = ledger.summary(range);
    expect(s.costNano).toBe(1_111_111_110_110);
    expect(s.baselineCostNano).toBe(2_000_000_000_000);
    expect(s.savingsNano).toBe(888_888_889_890);
  });

  it('buckets by UTC day with the mean quality of each answer', () => {
    const days = ledger.daily(RANGE);
    expect(days.map(({ avgQuality: _q, ...rest }) => rest)).toEqual([
      { day: '2025-03-10', queries: 2, costNano: 303_000, baselineCostNano: 305_000, escalated: 1, cacheHits: 0 },
      { day: '2025-03-11', queries: 2, costNano: 100, baselineCostNano: 0, escalated: 0, cacheHits: 0 },
    ]);
    // Day 1: the accepted draft of a (0.9) and the accepted verifier answer of b (0.8), not b's rejected draft.
    expect(days[0]?.avgQuality).toBeCloseTo(0.85, 10);
    // Day 2: only c has an accepted call.
    expect(days[1]?.avgQuality).toBeCloseTo(0.7, 10);
  });

  it('puts a query just before midnight UTC on its own day', () => {
    const range = { from: T0 + 30 * DAY_MS, to: T0 + 32 * DAY_MS };
    ledger.recordQuery(makeQuery({ id: 'late', createdAt: T0 + 31 * DAY_MS - 1 }));
    ledger.recordQuery(makeQuery({ id: 'early', createdAt: T0 + 31 * DAY_MS }));
    expect(ledger.daily(range).map((d) => [d.day, d.queries])).toEqual([
      ['2025-04-09', 1],
      ['2025-04-10', 1],
    ]);
  });

  it('breaks cost down by model and counts unknown prices separately', () => {
    expect(ledger.costByModel(RANGE)).toEqual([
      { model: 'gpt-4o', provider: 'openai', local: false, calls: 1, inputTokens: 120, outputTokens: 80, costNano: 300_000, unknownPriceCalls: 0 },
      { model: 'llama3.2:3b', provider: 'ollama', local: true, calls: 3, inputTokens: 300, outputTokens: 100, costNano: 3_100, unknownPriceCalls: 0 },
      { model: 'mystery-model', provider: 'openai-compatible', local: false, calls: 1, inputTokens: 100, outputTokens: 50, costNano: 0, unknownPriceCalls: 1 },
    ]);
  });

  it('lists the most expensive queries first, up to the limit', () => {
    expect(ledger.topQueries(RANGE, 2)).toEqual([
      { id: 'b', createdAt: T0 + 2 * HOUR, conversationId: null, prompt: 'What is 2 + 2?', finalModel: 'gpt-4o', costNano: 302_000, escalated: true },
      { id: 'a', createdAt: T0 + HOUR, conversationId: null, prompt: 'What is 2 + 2?', finalModel: 'llama3.2:3b', costNano: 1_000, escalated: false },
    ]);
  });

  it('groups cost by user and by feature, untagged queries as (none)', () => {
    // c's price is unknown: counted, and left out of its tag's saving.
    expect(ledger.costByTag(RANGE, 'user')).toEqual([
      { tag: 'bob', queries: 1, costNano: 302_000, baselineCostNano: 300_000, savingsNano: -2_000, unknownPriceQueries: 0 },
      { tag: 'alice', queries: 2, costNano: 1_000, baselineCostNano: 5_000, savingsNano: 4_000, unknownPriceQueries: 1 },
      { tag: '(none)', queries: 1, costNano: 100, baselineCostNano: 0, savingsNano: -100, unknownPriceQueries: 0 },
    ]);
    expect(ledger.costByTag(RANGE, 'feature')).toEqual([
      { tag: '(none)', queries: 1, costNano: 302_000, baselineCostNano: 300_000, savingsNano: -2_000, unknownPriceQueries: 0 },
      { tag: 'chat', queries: 2, costNano: 1_000, baselineCostNano: 5_000, savingsNano: 4_000, unknownPriceQueries: 1 },
      { tag: 'search', queries: 1, costNano: 100, baselineCostNano: 0, savingsNano: -100, unknownPriceQueries: 0 },
    ]);
  });
});

describe('usageProfile', () => {
  it('measures monthly volume and the size of each answered query', () => {
    expect(usageProfile(db, 2, T0 + 2 * DAY_MS)).toEqual({
      days: 2,
      queries: 4,
      cacheHits: 0,
      coveredDays: 2,
      monthlyQueries: 60,
      // Answering calls: a's draft (100/50), b's verifier (120/80), c's draft (100/50); d had none.
      avgInputTokens: 107,
      avgOutputTokens: 60,
      // a accepted; c returned unverified; b escalated.
      drafterAcceptanceRate: 1 / 3,
      // The local drafts of a and b (50 tokens in 900 ms each; d's failed): their 12-character
      // answers cannot hold 50 tokens, so they are timed over their whole duration, 100 / 1.8 s.
      localDrafterSpeed: { measured: true, model: 'llama3.2:3b', tokensPerSec: 100 / 1.8, calls: 2, skipped: 1, timing: 'whole-call' },
    });
  });

  it('leaves answers from the cache out of the workload, its sizes and the acceptance, and counts them apart', () => {
    const without = usageProfile(db, 2, T0 + 2 * DAY_MS);
    // a's accepted draft and b's verifier answer asked again: no model ran, and the hit's call has no tokens.
    ledger.recordQuery(cacheHitQuery(makeQuery({ id: 'a' }), 'hit-a', T0 + 3 * HOUR));
    ledger.recordQuery(cacheHitQuery(escalatedQuery('b', T0), 'hit-b', T0 + 4 * HOUR));
    const profile = usageProfile(db, 2, T0 + 2 * DAY_MS);
    expect(profile).toEqual({ ...without, cacheHits: 2 });
    expect(profile.drafterAcceptanceRate).toBe(1 / 3);
  });

  it('extrapolates from the days the ledger actually covers', () => {
    // The five in-window queries span under 3 days of a 30-day window: 5 per 3 days is 50 a month.
    const profile = usageProfile(db, 30, T0 + 2 * DAY_MS);
    expect(profile.queries).toBe(5);
    expect(profile.coveredDays).toBe(3);
    expect(profile.monthlyQueries).toBe(50);
  });

  it('reports an empty ledger as zero queries and an unknown acceptance rate', () => {
    expect(usageProfile(db, 7, T0 - 30 * DAY_MS)).toEqual({
      days: 7,
      queries: 0,
      cacheHits: 0,
      coveredDays: 7,
      monthlyQueries: 0,
      avgInputTokens: 0,
      avgOutputTokens: 0,
      drafterAcceptanceRate: null,
      localDrafterSpeed: { measured: false, reason: 'no-local-drafts', localDrafts: 0 },
    });
  });
});

describe('ledgerExtent', () => {
  it('gives the first and last query of the whole ledger, whatever range a view shows', () => {
    // 'outside' lies just before every range above: it is still the ledger's first query.
    expect(ledgerExtent(db)).toEqual({ firstAt: T0 - 1, lastAt: T0 + DAY_MS + 2 * HOUR });
  });

  it('is null at both ends for an empty ledger', () => {
    const empty = openDatabase(':memory:');
    try {
      expect(ledgerExtent(empty)).toEqual({ firstAt: null, lastAt: null });
    } finally {
      empty.close();
    }
  });
});
