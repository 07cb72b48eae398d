// The local drafter's tokens/second that "Use my numbers" fills in, measured from the calls a real
// SQLite ledger recorded: only the generation after the first token counts, and calls that would
// distort the rate (failed, cancelled, tiny, thinking before the answer) are left out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../../shared/core/ledger/types.ts';
import type { CallRecord } from '../../../shared/core/ledger/types.ts';
import { createLedgerStore, usageProfile } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, T0, makeCall, makeQuery } from './ledger-fixtures.ts';

const HOUR = 3_600_000;
const NOW = T0 + 2 * DAY_MS;
/** An answer long enough to hold every token of it (a token is at least one character). */
const LONG = 'x'.repeat(500);

let db: Database;
let ledger: LedgerStore;
let n = 0;

/** One query per call, in the window unless `at` says otherwise. */
function record(call: Partial<CallRecord>, at = T0 + HOUR): void {
  n += 1;
  ledger.recordQuery(makeQuery({ id: `q${n}`, runId: `run-${n}`, createdAt: at, calls: [makeCall({ text: LONG, ...call })] }));
}

beforeEach(() => {
  db = openDatabase(':memory:');
  ledger = createLedgerStore(db);
  n = 0;
});
afterEach(() => db.close());

const speed = () => usageProfile(db, 2, NOW).localDrafterSpeed;

describe('the local drafter\'s measured speed', () => {
  it('counts the tokens after the first over the time after it, summed over the calls', () => {
    // 101 tokens, first after 500 ms, done at 2,500 ms: 100 tokens in 2.0 s.
    record({ outputTokens: 101, ttftMs: 500, durationMs: 2_500 });
    // 61 tokens, first after 200 ms, done at 1,200 ms: 60 tokens in 1.0 s.
    record({ outputTokens: 61, ttftMs: 200, durationMs: 1_200 });
    // Together 160 tokens in 3.0 s = 53.33 tokens/s (the mean of the two rates, 55, would let the
    // shorter answer count as much as the longer). Over the whole durations it would read
    // 162 / 3.7 s = 43.8: the time to first token is not generation.
    expect(speed()).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 160 / 3, calls: 2, skipped: 0, timing: 'after-first-token' });
  });

  it('leaves out failed, cancelled, tiny and thinking drafts, cloud calls, verifiers and other days', () => {
    record({ outputTokens: 101, ttftMs: 500, durationMs: 2_500 });
    record({ outputTokens: 61, ttftMs: 200, durationMs: 1_200 });
    // Each of these would move the rate if counted:
    record({ status: 'cancelled', accepted: false, outputTokens: 80, ttftMs: 100, durationMs: 300 });
    record({ status: 'error', accepted: false, outputTokens: 40, ttftMs: 100, durationMs: 5_000, errorCode: 'timeout' });
    // 5 tokens in 50 ms after the first: 4 / 0.05 = 80 tokens/s from a rounding-sized sample.
    record({ outputTokens: 5, ttftMs: 100, durationMs: 150 });
    // 300 tokens but a 50-character answer: 250+ tokens were thinking, written before the first
    // answer token; 299 tokens over the last 1,000 ms would claim 299 tokens/s.
    record({ outputTokens: 300, ttftMs: 3_000, durationMs: 4_000, text: 'y'.repeat(50) });
    // Not the local drafter: a cloud draft, a local verifier, and a local draft two days earlier.
    record({ local: false, provider: 'openai', model: 'gpt-4o-mini', outputTokens: 100, ttftMs: 100, durationMs: 200 });
    record({ role: 'verify', tier: 1, outputTokens: 100, ttftMs: 100, durationMs: 200 });
    record({ outputTokens: 100, ttftMs: 100, durationMs: 200 }, T0 - 2 * HOUR);
    // Still 160 tokens in 3.0 s, from 2 of the model's 6 drafts in the window.
    expect(speed()).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 160 / 3, calls: 2, skipped: 4, timing: 'after-first-token' });
  });

  it('falls back to whole durations when no time to first token was recorded, and says so', () => {
    // 100 tokens in 2,000 ms and 50 in 500 ms: 150 tokens in 2.5 s = 60 tokens/s, prompt included.
    record({ outputTokens: 100, ttftMs: null, durationMs: 2_000 });
    record({ outputTokens: 50, ttftMs: null, durationMs: 500 });
    expect(speed()).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 60, calls: 2, skipped: 0, timing: 'whole-call' });
  });

  it('times the local model that drafted most', () => {
    record({ model: 'qwen2.5:7b', outputTokens: 41, ttftMs: 100, durationMs: 1_100 });
    record({ outputTokens: 101, ttftMs: 500, durationMs: 2_500 });
    record({ outputTokens: 61, ttftMs: 200, durationMs: 1_200 });
    expect(speed()).toMatchObject({ measured: true, model: 'llama3.2:3b', tokensPerSec: 160 / 3, calls: 2 });
  });

  it('says there were no local drafts to time', () => {
    record({ local: false, provider: 'openai', model: 'gpt-4o-mini', outputTokens: 100 });
    expect(speed()).toEqual({ measured: false, reason: 'no-local-drafts', localDrafts: 0 });
  });

  it('says when every local draft failed or was too short to time', () => {
    record({ outputTokens: 5, ttftMs: 100, durationMs: 150 });
    record({ status: 'error', accepted: false, outputTokens: 0, errorCode: 'timeout' });
    expect(speed()).toEqual({ measured: false, reason: 'too-few-usable', localDrafts: 2 });
  });
});
