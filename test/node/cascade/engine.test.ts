// The cascade end to end: real backend, real SQLite, real SDKs, fake model servers.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { backendPerTest, fakesForFile, TEST_KEY_ENV, twoTierConfig, type TestBackend } from '../helpers/harness.ts';
import { closedPort } from '../helpers/ports.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const GOOD_MATH = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const WRONG_MATH = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 9. She makes 9 * 2 = 20 dollars.\n#### 20';
const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";

async function run(tb: TestBackend, input: Parameters<TestBackend['backend']['call']>[1] & object): Promise<CascadeOutcome> {
  const r = await tb.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CascadeOutcome;
}

function ledgerRows(tb: TestBackend) {
  const db = new Database(tb.dbPath, { readonly: true });
  try {
    return {
      queries: db.prepare('SELECT * FROM queries ORDER BY created_at').all() as Record<string, unknown>[],
      calls: db.prepare('SELECT * FROM calls ORDER BY query_id, seq').all() as Record<string, unknown>[],
    };
  } finally {
    db.close();
  }
}

describe('cascade engine', () => {
  it('accepts a good draft and records one call', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: GOOD_MATH, usage: { input: 60, output: 40 } });
    const o = await run(t, { prompt: QUESTION });
    expect(o.status).toBe('ok');
    expect(o.tier).toBe(0);
    expect(o.model).toBe('llama3.2:3b');
    expect(o.escalated).toBe(false);
    expect(o.attempts).toHaveLength(1);
    expect(o.attempts[0]?.accepted).toBe(true);
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.baselineEstimated).toBe(true);
    // Baseline = gpt-4o at list price for the draft's 60 input + 40 output tokens: 60*2500 + 40*10000 nano.
    expect(o.baselineCostNanoUsd).toBe(60 * 2500 + 40 * 10000);
    expect(o.attempts[0]?.pricing).toBe('energy');
    const rows = ledgerRows(t);
    expect(rows.queries).toHaveLength(1);
    expect(rows.calls).toHaveLength(1);
    expect(rows.queries[0]?.final_tier).toBe(0);
    // The whole cascade is on the ledger even though only the drafter ran.
    expect(JSON.parse(String(rows.queries[0]?.tier_models))).toEqual(['llama3.2:3b', 'gpt-4o']);
    expect(f.openai.chatRequests()).toHaveLength(0);
  });

  it('escalates when the drafts arithmetic is wrong and says why', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH, usage: { input: 60, output: 40 } });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH, usage: { input: 70, output: 45 } });
    const o = await run(t, { prompt: QUESTION });
    expect(o.status).toBe('ok');
    expect(o.escalated).toBe(true);
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts.map((a) => [a.model, a.accepted])).toEqual([['llama3.2:3b', false], ['gpt-4o', true]]);
    const draft = o.attempts[0];
    expect(draft?.quality?.hardFailure).toBe(true);
    expect(o.decision).toMatch(/9 [*x×] 2 = 20/);
    const escalated = t.cascadeEvents(o.runId).find((e) => e.type === 'escalated');
    expect(escalated && escalated.type === 'escalated' && escalated.reason).toMatch(/20/);
    // The verifier ran, so the baseline is its real cost: 70*2500 + 45*10000 nano, not an estimate.
    expect(o.baselineEstimated).toBe(false);
    expect(o.baselineCostNanoUsd).toBe(70 * 2500 + 45 * 10000);
    expect(o.costNanoUsd).toBe((draft?.costNanoUsd ?? NaN) + 70 * 2500 + 45 * 10000);
  });

  it('escalates on truncation and on invalid json', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: 'The capital of France is', finishReason: 'length' });
    f.openai.enqueue('gpt-4o', { text: 'The capital of France is Paris.' });
    const truncated = await run(t, { prompt: 'What is the capital of France?' });
    expect(truncated.tier).toBe(1);
    expect(truncated.attempts[0]?.quality?.hardFailure).toBe(true);

    f.ollama.enqueue('llama3.2:3b', { text: '{"city": "Paris"' });
    f.openai.enqueue('gpt-4o', { text: '{"city": "Paris"}' });
    const json = await run(t, { prompt: 'Return the capital of France as JSON with key city.', format: 'json' });
    expect(json.tier).toBe(1);
    expect(json.answer).toBe('{"city": "Paris"}');
    expect(json.attempts[0]?.quality?.signals.find((s) => s.name === 'json_format')?.hardFail).toBe(true);
  });

  it('stops at the middle tier of three when it is accepted', async () => {
    const base = twoTierConfig(f);
    const config = appConfigSchema.parse({
      ...base,
      tiers: [base.tiers[0], { model: 'gpt-4o-mini', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV }, base.tiers[1]],
    });
    const t = await backends.open(config);
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH });
    f.openai.enqueue('gpt-4o-mini', { text: GOOD_MATH, usage: { input: 100, output: 50 } });
    const before = f.openai.chatRequests().length;
    const o = await run(t, { prompt: QUESTION });
    expect(o.model).toBe('gpt-4o-mini');
    expect(o.tier).toBe(1);
    expect(o.attempts).toHaveLength(2);
    const sent = f.openai.chatRequests().slice(before).map((r) => (r.body as { model?: string }).model);
    expect(sent).toEqual(['gpt-4o-mini']);
    // gpt-4o-mini list price $0.15 / $0.60 per 1M: 100*150 + 50*600 nano.
    expect(o.attempts[1]?.costNanoUsd).toBe(100 * 150 + 50 * 600);
  });

  it('routes a code question to the code domain tiers', async () => {
    const base = twoTierConfig(f);
    const config = appConfigSchema.parse({
      ...base,
      domains: { code: { tiers: [{ model: 'qwen2.5:7b', provider: 'ollama', baseUrl: f.ollama.url, local: true }, base.tiers[1]] } },
    });
    const t = await backends.open(config);
    f.ollama.enqueue('qwen2.5:7b', { text: 'Use `arr.reverse()` to reverse a JavaScript array in place:\n\n```js\nconst a = [1, 2, 3];\na.reverse();\n```' });
    const o = await run(t, { prompt: 'How do I reverse an array in JavaScript? ```js\nconst a = [1,2,3]\n```' });
    expect(o.domain).toBe('code');
    expect(o.model).toBe('qwen2.5:7b');
    expect(o.routing.tierModels).toEqual(['qwen2.5:7b', 'gpt-4o']);
    expect(o.routing.domainReasons.length).toBeGreaterThan(0);
    expect(ledgerRows(t).queries[0]?.domain).toBe('code');
  });

  it('answers with the next tier when the drafter is unreachable', async () => {
    const base = twoTierConfig(f);
    const config = appConfigSchema.parse({ ...base, tiers: [{ ...base.tiers[0], baseUrl: `http://127.0.0.1:${await closedPort()}` }, base.tiers[1]] });
    const t = await backends.open(config);
    f.openai.enqueue('gpt-4o', { text: 'Paris is the capital of France.' });
    const o = await run(t, { prompt: 'What is the capital of France?' });
    expect(o.status).toBe('ok');
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts[0]?.status).toBe('error');
    expect(o.attempts[0]?.error?.code).toBe('unreachable');
    expect(o.attempts[0]?.usage.inputTokens).toBe(0);
    // Priced by energy, but no model ran: the wait for a refused connection costs nothing.
    expect(o.attempts[0]).toMatchObject({ pricing: 'energy', costNanoUsd: 0 });
    expect(o.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(o.decision).toMatch(/llama3\.2:3b failed/);
    const calls = ledgerRows(t).calls;
    expect(calls.map((c) => c.status)).toEqual(['error', 'ok']);
    expect(calls[0]?.error_code).toBe('unreachable');
    expect(calls[0]?.cost_nano).toBe(0);
  });

  it('returns the draft unverified when the verifier fails unless verification is required', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH });
    f.openai.enqueue('gpt-4o', { httpError: { status: 401, code: 'invalid_api_key' } });
    const o = await run(t, { prompt: QUESTION });
    expect(o.status).toBe('unverified');
    expect(o.answer).toBe(WRONG_MATH);
    expect(o.error?.code).toBe('auth_failed');
    // The verifier failed, so the draft spared no verifier answer: no saving is claimed.
    expect(o.baselineCostNanoUsd).toBe(0);
    expect(o.baselineEstimated).toBe(false);
    expect(o.savingsUsd).toBeCloseTo(-(o.costUsd ?? 0), 12);
    // The ledger counts it escalated (the verifier was asked) and as a draft kept unverified, so
    // Savings can say "1 escalated, 1 of them kept unverified" where the chat shows "unverified".
    expect(o.escalated).toBe(true);
    const summary = await t.backend.call('ledger.summary', { range: { from: 0, to: Date.now() + 1 } });
    expect(summary.ok && [summary.value.escalated, summary.value.draftsUnverified]).toEqual([1, 1]);

    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH });
    f.openai.enqueue('gpt-4o', { httpError: { status: 401, code: 'invalid_api_key' } });
    const strict = await run(t, { prompt: QUESTION, requireVerified: true });
    expect(strict.status).toBe('failed');
    expect(strict.answer).toBe('');
    // No answer, no saving: the verifier alone would have met the same 401, for nothing.
    expect(strict.baselineCostNanoUsd).toBe(0);
    expect(strict.savingsUsd).toBeLessThan(0);
    expect(strict.savingsUsd).toBeCloseTo(-(strict.costUsd ?? 0), 12);
    expect(ledgerRows(t).queries.map((q) => q.status)).toEqual(['unverified', 'failed']);
  });

  it('charges nothing for server errors that came before any text', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { httpError: { status: 500, message: 'model crashed' } });
    f.openai.enqueue('gpt-4o', { httpError: { status: 500 } }, { httpError: { status: 500 } }, { httpError: { status: 500 } });
    const o = await run(t, { prompt: QUESTION });
    expect(o.status).toBe('failed');
    expect(o.attempts.map((a) => a.error?.code)).toEqual(['provider_error', 'provider_error']);
    expect(o.attempts.map((a) => [a.usage.inputTokens, a.usage.outputTokens, a.costNanoUsd])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(o.costNanoUsd).toBe(0);
    expect(ledgerRows(t).queries[0]?.cost_nano).toBe(0);
  });

  it('cancels mid stream and records the partial call', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: 'one two three four five six seven eight nine ten eleven twelve', delayMs: 150 });
    const runId = 'run-cancel-1';
    const pending = run(t, { prompt: 'Count to twelve slowly.', runId });
    await waitFor(() => t.cascadeEvents(runId).some((e) => e.type === 'token'));
    const cancel = await t.backend.call('cascade.cancel', { runId });
    expect(cancel.ok && cancel.value.cancelled).toBe(true);
    const o = await pending;
    expect(o.status).toBe('cancelled');
    expect(o.attempts[0]?.status).toBe('cancelled');
    expect(o.attempts[0]?.usage.estimated).toBe(true);
    expect(o.attempts[0]?.usage.outputTokens).toBeGreaterThan(0);
    expect(o.answer.length).toBeGreaterThan(0);
    expect(o.answer.split(' ').length).toBeLessThan(12);
    const rows = ledgerRows(t);
    expect(rows.queries[0]?.status).toBe('cancelled');
    expect(rows.calls).toHaveLength(1);
  });

  it('parallel mode cancels the verifier when the draft is accepted', async () => {
    const t = await backends.open(twoTierConfig(f, { streaming: { mode: 'parallel' } }));
    const hard = 'Prove that the square root of 2 is irrational, then derive a general proof for every prime p, step by step, with a rigorous argument about the fundamental theorem of arithmetic and a discussion of the edge cases.';
    f.ollama.enqueue('llama3.2:3b', { text: 'Assume sqrt(2) = a/b in lowest terms. Then a^2 = 2b^2, so a is even; write a = 2k, then 2k^2 = b^2, so b is even too, contradicting lowest terms. The same argument works for every prime p because p divides a^2 implies p divides a.' });
    f.openai.enqueue('gpt-4o', { text: 'A long rigorous proof. '.repeat(40), delayMs: 40 });
    const before = f.openai.chatRequests().length;
    const o = await run(t, { prompt: hard });
    expect(['hard', 'expert']).toContain(o.complexity);
    expect(o.model).toBe('llama3.2:3b');
    const parallel = o.attempts.find((a) => a.role === 'parallel');
    expect(parallel?.status).toBe('cancelled');
    expect(f.openai.chatRequests().length - before).toBe(1);
    expect(o.decision).toMatch(/cancelled the parallel call/);
    expect(ledgerRows(t).calls.map((c) => c.role)).toEqual(['draft', 'parallel']);
  });

  it("sends the user's standing instructions as the first message of every question, counted in the estimate", async () => {
    const instructions = 'Answer briefly. Use metric units.';
    const t = await backends.open({ ...twoTierConfig(f), instructions });
    f.ollama.enqueue('llama3.2:3b', { text: GOOD_MATH });
    const before = f.ollama.chatRequests().length;
    const conversation = await t.backend.call('conversations.create', {});
    if (!conversation.ok) throw new Error(conversation.error.message);
    const conversationId = (conversation.value as { id: string }).id;
    await run(t, { prompt: QUESTION, conversationId });
    const sent = (f.ollama.chatRequests()[before]?.body as { messages: { role: string; content: string }[] }).messages;
    expect(sent[0]).toEqual({ role: 'system', content: instructions });
    expect(sent.slice(1).map((m) => m.role)).toEqual(['user']);
    // Not stored with the conversation: new instructions apply to the next question of an old chat.
    const stored = await t.backend.call('conversations.get', { id: conversationId });
    expect(stored.ok && (stored.value as { messages: { role: string }[] }).messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const withThem = await t.backend.call('cascade.estimate', { prompt: QUESTION });
    const plain = await (await backends.open(twoTierConfig(f))).backend.call('cascade.estimate', { prompt: QUESTION });
    expect(withThem.ok && plain.ok && withThem.value.inputTokens - plain.value.inputTokens).toBeGreaterThan(5);
  });

  it('buffer mode streams only the accepted answer', async () => {
    const t = await backends.open(twoTierConfig(f, { streaming: { mode: 'buffer' } }));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH });
    const o = await run(t, { prompt: QUESTION, runId: 'buf-1' });
    const streamed = t.cascadeEvents('buf-1').filter((e) => e.type === 'token').map((e) => (e.type === 'token' ? e.text : '')).join('');
    expect(streamed).toBe(GOOD_MATH);
    expect(o.answer).toBe(GOOD_MATH);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
