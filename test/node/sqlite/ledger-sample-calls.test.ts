// A drafter's consistency samples are paid calls of its tier: they count in spend, tokens and
// calls per model, but never as the draft or the answer (quality, answer size, acceptance).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore, exportLedgerJson, usageProfile } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import type { LedgerStore, TimeRange } from '../../../shared/core/ledger/types.ts';
import { DAY_MS, T0, makeCall, makeQuery } from './ledger-fixtures.ts';
import { sampleCall, sampledAcceptedQuery, sampledEscalatedQuery } from './sample-call-fixtures.ts';

const HOUR = 3_600_000;
const RANGE: TimeRange = { from: T0, to: T0 + DAY_MS };

let db: Database;
let ledger: LedgerStore;

beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
  ledger.recordQuery(sampledEscalatedQuery('esc', T0 + HOUR));
  ledger.recordQuery(sampledAcceptedQuery('acc', T0 + 2 * HOUR));
  // The draft failed while both samples came back: the run has no answer at all.
  ledger.recordQuery(
    makeQuery({
      id: 'failed',
      createdAt: T0 + 3 * HOUR,
      status: 'failed',
      costNano: 100 + 700 + 800,
      baselineCostNano: null,
      answer: '',
      calls: [
        makeCall({ seq: 0, status: 'error', accepted: false, outputTokens: 0, costNano: 100, qualityScore: null, text: '', errorCode: 'timeout', errorMessage: 'slow' }),
        sampleCall(1),
        sampleCall(2),
      ],
    }),
  );
});
afterEach(() => db.close());

describe('ledger analytics with consistency samples', () => {
  it('count every sample as spend and tokens of its tier', () => {
    expect(ledger.summary(RANGE)).toMatchObject({
      queries: 3,
      costNano: 302_500 + 2_500 + 1_600,
      // Drafts 1,000 + 1,000 + 100 (failed), samples 3 x (700 + 800).
      localCostNano: 2_100 + 4_500,
      cloudCostNano: 300_000,
      // Drafts 150 + 150 + 100, samples 3 x (141 + 142).
      localTokens: 400 + 849,
      cloudTokens: 200,
      escalated: 1,
    });
    expect(ledger.costByModel(RANGE)).toEqual([
      { model: 'gpt-4o', provider: 'openai', local: false, calls: 1, inputTokens: 120, outputTokens: 80, costNano: 300_000, unknownPriceCalls: 0 },
      { model: 'llama3.2:3b', provider: 'ollama', local: true, calls: 9, inputTokens: 900, outputTokens: 100 + 3 * 83, costNano: 6_600, unknownPriceCalls: 0 },
    ]);
  });

  it('never take a sample for the draft or the answer', () => {
    // Eligible: esc and acc (failed has no answer); drafted: acc only.
    expect(ledger.summary(RANGE).drafterAcceptanceRate).toBe(0.5);
    // The answers' quality: esc's verifier (0.95) and acc's draft (0.9).
    expect(ledger.daily(RANGE)).toEqual([{ day: '2025-03-10', queries: 3, costNano: 306_600, baselineCostNano: 305_000, escalated: 1, cacheHits: 0, avgQuality: expect.closeTo(0.925, 9) }]);
    const answers = db.prepare<[], { id: string; answer_seq: number | null }>('SELECT id, answer_seq FROM queries ORDER BY id').all();
    expect(answers).toEqual([
      { id: 'acc', answer_seq: 0 },
      { id: 'esc', answer_seq: 3 },
      { id: 'failed', answer_seq: null },
    ]);
    // The answered size is the verifier's (120 / 80) and acc's draft (100 / 50); the samples' 41 and 42 output tokens are not answers.
    expect(usageProfile(db, 1, T0 + DAY_MS)).toMatchObject({ queries: 3, avgInputTokens: 110, avgOutputTokens: 65, drafterAcceptanceRate: 0.5 });
  });

  it('give the figures the raw rows give', () => {
    const raw = createRawLedgerAnalytics(db);
    expect(ledger.summary(RANGE)).toEqual(raw.summary(RANGE));
    expect(ledger.costByModel(RANGE)).toEqual(raw.costByModel(RANGE));
    expect(ledger.daily(RANGE)).toEqual(raw.daily(RANGE));
  });

  it('read back and export the samples as calls of role sample', () => {
    expect(ledger.getQuery('esc')?.calls.map((c) => [c.seq, c.role, c.accepted])).toEqual([
      [0, 'draft', false],
      [1, 'sample', false],
      [2, 'sample', false],
      [3, 'verify', true],
    ]);
    let json = '';
    exportLedgerJson(db, RANGE, (chunk) => {
      json += chunk;
    });
    const exported = JSON.parse(json) as unknown;
    const roles = expect.arrayContaining([expect.objectContaining({ id: 'failed', calls: ['draft', 'sample', 'sample'].map((role) => expect.objectContaining({ role })) })]);
    expect(exported).toEqual(roles);
  });
});
