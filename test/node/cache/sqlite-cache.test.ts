// The response cache on SQLite, through the real backend: a repeated question is answered from
// the cache at $0 (recorded as a query with one call marked as the hit, and streamed like a run),
// only successful answers are stored, entries expire after the TTL by the injected clock, and
// cache.clear empties it.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { createSqliteCacheStore } from '../../../electron/node/cache/sqlite-cache.ts';
import { estimateCostNano, pricingContextFromConfig } from '../../../shared/core/pricing/index.ts';
import { fakesForFile } from '../helpers/harness.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOON, openSpendBackend, pricedConfig, runOk, testClock, type SpendBackend } from '../budget/spend-harness.ts';
import { cachedAnswer } from './cache-fixtures.ts';

const QUESTION = 'What is the capital of France?';
const ANSWER = 'The capital of France is Paris.';

const f = fakesForFile();
let t: SpendBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('sqlite response cache store', () => {
  it('serves an entry until its ttl passes on the injected clock', async () => {
    const db = openDatabase(':memory:');
    const clock = testClock();
    const store = createSqliteCacheStore(db, clock);
    await store.set('k1', cachedAnswer('one', clock.now()), 60_000);
    expect((await store.get('k1'))?.answer).toBe('one');
    clock.advance(59_999);
    expect((await store.get('k1'))?.answer).toBe('one');
    clock.advance(1);
    expect(await store.get('k1')).toBeNull();
    // The expired row was removed when it was found expired.
    expect(db.prepare('SELECT COUNT(*) AS n FROM response_cache').get()).toEqual({ n: 0 });

    // Writing purges other expired rows; overwriting resets the TTL.
    await store.set('old', cachedAnswer('old', clock.now()), 1000);
    await store.set('k2', cachedAnswer('two', clock.now()), 5000);
    clock.advance(2000);
    await store.set('k2', cachedAnswer('two again', clock.now()), 5000);
    expect(db.prepare('SELECT key FROM response_cache ORDER BY key').all()).toEqual([{ key: 'k2' }]);
    clock.advance(4000);
    expect((await store.get('k2'))?.answer).toBe('two again');
    expect(await store.clear()).toBe(1);
    expect(await store.get('k2')).toBeNull();
    db.close();
  });

  it('ignores a row that is not a valid entry', async () => {
    const db = openDatabase(':memory:');
    const clock = testClock();
    db.prepare('INSERT INTO response_cache (key, entry_json, created_at, expires_at) VALUES (?, ?, ?, ?)').run('bad', '{"version":2}', clock.now(), clock.now() + 1000);
    expect(await createSqliteCacheStore(db, clock).get('bad')).toBeNull();
    db.close();
  });
});

describe('response cache through the backend (sqlite)', () => {
  it('a repeated question is answered from the cache at zero cost and recorded', async () => {
    const config = pricedConfig(f, { cache: { ttlSeconds: 3600 } });
    t = await openSpendBackend(config);
    f.ollama.script('drafter', { text: ANSWER, usage: { input: 14, output: 8 } });
    const first = await runOk(t, { prompt: QUESTION, runId: 'miss-1' });
    expect(first.cache).toBeUndefined();
    const drafterCalls = f.ollama.chatRequests().length;

    t.clock.advance(5 * 60_000);
    // Same conversation up to line endings and surrounding blanks: the same key.
    const hit = await runOk(t, { prompt: `  ${QUESTION}\r\n`, runId: 'hit-1' });
    expect(f.ollama.chatRequests().length).toBe(drafterCalls);
    expect(hit.answer).toBe(ANSWER);
    expect(hit.status).toBe('ok');
    expect(hit.cache).toMatchObject({ backend: 'sqlite', sourceQueryId: first.queryId, storedAt: NOON });
    expect(hit.costNanoUsd).toBe(0);
    expect(hit.attempts).toHaveLength(1);
    expect(hit.attempts[0]).toMatchObject({ model: 'drafter', costNanoUsd: 0, status: 'ok', accepted: true, usage: { inputTokens: 0, outputTokens: 0 } });
    // Baseline: the top tier for the original answer's tokens, at its price: 14 × 2500 + 8 × 10,000 nano.
    const baseline = estimateCostNano(pricingContextFromConfig(config), config.tiers[1]!, 14, 8).costNano;
    expect(baseline).toBe(14 * 2500 + 8 * 10_000);
    expect(hit.baselineCostNanoUsd).toBe(baseline);
    expect(hit.baselineEstimated).toBe(true);
    expect(hit.savingsUsd).toBeCloseTo(baseline! / 1e9, 15);
    expect(hit.decision).toMatch(/^Served from the response cache: drafter's answer to the same conversation 5 min ago/);

    // Streamed like a run.
    const types = t.cascadeEvents('hit-1').map((e) => e.type);
    expect(types).toEqual(['run.started', 'attempt.started', 'token', 'attempt.finished', 'run.finished']);
    const token = t.cascadeEvents('hit-1').find((e) => e.type === 'token');
    expect(token && token.type === 'token' && token.text).toBe(ANSWER);

    // On the ledger: a query at $0 with its baseline, and one call marked as the hit.
    const [q] = t.rows<Record<string, unknown>>('SELECT status, cost_nano, cost_complete, baseline_cost_nano, baseline_estimated, final_model FROM queries WHERE id = ?', hit.queryId);
    expect(q).toEqual({ status: 'ok', cost_nano: 0, cost_complete: 1, baseline_cost_nano: baseline, baseline_estimated: 1, final_model: 'drafter' });
    const calls = t.rows<Record<string, unknown>>('SELECT model, cost_nano, input_tokens, output_tokens, finish_reason, accepted, status FROM calls WHERE query_id = ?', hit.queryId);
    expect(calls).toEqual([{ model: 'drafter', cost_nano: 0, input_tokens: 0, output_tokens: 0, finish_reason: 'cache_hit', accepted: 1, status: 'ok' }]);
    // The saving is counted like any other.
    const summary = await t.backend.call('ledger.summary', { range: { from: 0, to: t.clock.now() + 1 } });
    expect(summary.ok && summary.value.queries).toBe(2);
    expect(summary.ok && summary.value.savingsNano).toBeGreaterThanOrEqual(baseline!);
  });

  it("serves a reasoning model's answer with its reasoning, streamed as it was", async () => {
    t = await openSpendBackend(pricedConfig(f, { cache: { ttlSeconds: 3600 } }));
    f.ollama.script('drafter', { thinking: ['France: its capital ', 'is Paris.'], text: ANSWER });
    await runOk(t, { prompt: QUESTION });
    const hit = await runOk(t, { prompt: QUESTION, runId: 'hit-think' });
    expect(hit.cache).toBeDefined();
    expect(hit.attempts[0]?.thinking).toBe('France: its capital is Paris.');
    expect(t.cascadeEvents('hit-think').map((e) => e.type)).toEqual(['run.started', 'attempt.started', 'thinking', 'token', 'attempt.finished', 'run.finished']);
  });

  it('the entry expires after the ttl', async () => {
    t = await openSpendBackend(pricedConfig(f, { cache: { ttlSeconds: 60 } }));
    f.ollama.script('drafter', { text: ANSWER });
    await runOk(t, { prompt: QUESTION });
    t.clock.advance(59_000);
    expect((await runOk(t, { prompt: QUESTION })).cache).toBeDefined();
    t.clock.advance(1_000);
    const before = f.ollama.chatRequests().length;
    const expired = await runOk(t, { prompt: QUESTION });
    expect(expired.cache).toBeUndefined();
    expect(f.ollama.chatRequests().length).toBe(before + 1);
  });

  it('different sampling parameters tiers or conversations miss', async () => {
    t = await openSpendBackend(pricedConfig(f, { cache: {} }));
    f.ollama.script('drafter', { text: ANSWER });
    await runOk(t, { prompt: QUESTION });
    for (const variant of [
      { prompt: QUESTION, temperature: 0.2 },
      { prompt: QUESTION, maxTokens: 100 },
      { prompt: QUESTION, format: 'json' },
      { prompt: QUESTION, tools: [{ name: 'lookup', parameters: { type: 'object' } }] },
      { prompt: QUESTION, threshold: 0.9 },
      { prompt: 'What is the capital of Spain?' },
      { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: QUESTION }] },
    ]) {
      f.ollama.script('drafter', { text: variant.format === 'json' ? '{"capital": "Paris"}' : ANSWER });
      const o = await runOk(t, variant);
      expect(o.cache, JSON.stringify(variant)).toBeUndefined();
    }
    // A retry asks for a new answer even when one is cached.
    const conversation = await t.backend.call('conversations.create', {});
    if (!conversation.ok) throw new Error(conversation.error.message);
    const asked = await runOk(t, { prompt: QUESTION, conversationId: conversation.value.id });
    expect(asked.cache).toBeDefined();
    const retried = await runOk(t, { conversationId: conversation.value.id, regenerate: true });
    expect(retried.cache).toBeUndefined();
  });

  it('only successful answers are cached', async () => {
    t = await openSpendBackend(pricedConfig(f, { cache: {} }));
    // Unverified: the draft is wrong and the verifier fails.
    f.ollama.script('drafter', { text: 'She makes 9 * 2 = 20 dollars.\n#### 20' });
    f.openai.script('gpt-4o', { httpError: { status: 500 } });
    const q = 'She has 9 eggs and sells them at $2 each. How much does she make?';
    expect((await runOk(t, { prompt: q })).status).toBe('unverified');
    f.ollama.script('drafter', { text: 'She makes 9 * 2 = 18 dollars.\n#### 18' });
    const next = await runOk(t, { prompt: q });
    expect(next.cache).toBeUndefined();
    expect(next.status).toBe('ok');
    // That one succeeded, so it is served now.
    expect((await runOk(t, { prompt: q })).cache).toBeDefined();

    // Cancelled runs are not stored either.
    f.ollama.script('drafter', { text: 'one two three four five six seven eight nine ten', delayMs: 100 });
    const pending = t.backend.call('cascade.run', { prompt: 'Count to ten.', runId: 'cancel-me' });
    while (!t.cascadeEvents('cancel-me').some((e) => e.type === 'token')) await new Promise((r) => setTimeout(r, 10));
    await t.backend.call('cascade.cancel', { runId: 'cancel-me' });
    const cancelled = await pending;
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    expect(t.rows<{ n: number }>('SELECT COUNT(*) AS n FROM response_cache')[0]?.n).toBe(1);
  });

  it('a hit is served even when the budget refuses and cache clear empties the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-cache-budget-'));
    try {
      const before = await openSpendBackend(pricedConfig(f, { cache: {} }), { dir });
      f.ollama.script('drafter', { text: ANSWER });
      await runOk(before, { prompt: QUESTION });
      await before.close();

      // Same file, now with a budget that allows no spending at all.
      t = await openSpendBackend(pricedConfig(f, { cache: {}, budget: { daily: { limitUsd: 0 } } }), { dir });
      const hit = await runOk(t, { prompt: QUESTION });
      expect(hit.cache).toBeDefined();
      const miss = await t.backend.call('cascade.run', { prompt: 'What is the capital of Italy?' });
      expect(miss.ok ? null : miss.error.code).toBe('budget_exceeded');

      const cleared = await t.backend.call('cache.clear', {});
      expect(cleared.ok && cleared.value).toEqual({ cleared: 1, backend: 'sqlite' });
      const after = await t.backend.call('cascade.run', { prompt: QUESTION });
      expect(after.ok ? null : after.error.code).toBe('budget_exceeded');
    } finally {
      await t?.close();
      t = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cache off by default stores nothing', async () => {
    t = await openSpendBackend(pricedConfig(f));
    f.ollama.script('drafter', { text: ANSWER });
    await runOk(t, { prompt: QUESTION });
    expect((await runOk(t, { prompt: QUESTION })).cache).toBeUndefined();
    expect(t.rows<{ n: number }>('SELECT COUNT(*) AS n FROM response_cache')[0]?.n).toBe(0);
  });
});
