// Provider faults through the whole backend (real SDKs, real SQLite, fake servers that really
// misbehave): every fault ends the run in a recorded state, tells the user which provider failed
// and what to do, and keeps the ledger exact (one call row per attempt, query cost = sum of calls).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appConfigSchema, type AppConfig, type AppConfigInput } from '../../../shared/core/config/schema.ts';
import { startFakes, TEST_KEY_ENV, type Fakes } from '../helpers/harness.ts';
import { closedPort, expectRecorded, manualClock, openHardBackend, readLedger, waitFor, type HardBackend } from './helpers.ts';

let f: Fakes;
let t: HardBackend | null = null;
// Fresh fakes per test: a script left unconsumed by one test must not answer the next.
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await t?.close();
  t = null;
  await f.close();
});

const GOOD = 'We get 6 * 7 = 42, so the answer is 42.';
const WRONG = 'We get 6 * 7 = 48, so the answer is 48.';
const QUESTION = 'What is 6 * 7? Show the multiplication.';
const OLLAMA = /Ollama at http:\/\/127\.0\.0\.1:\d+/;
const OPENAI = /OpenAI at http:\/\/127\.0\.0\.1:\d+\/v1/;

type TierInput = NonNullable<AppConfigInput['tiers']>[number];

function config(drafter: Partial<TierInput> = {}, verifier: Partial<TierInput> = {}, extra: Partial<AppConfigInput> = {}): AppConfig {
  return appConfigSchema.parse({
    tiers: [
      { model: 'llama3.2:3b', provider: 'ollama', baseUrl: f.ollama.url, local: true, ...drafter },
      { model: 'gpt-4o', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV, ...verifier },
    ],
    ...extra,
  });
}

const requestsFor = (model: string) => [...f.ollama.chatRequests(), ...f.openai.chatRequests()].filter((r) => (r.body as { model?: string } | undefined)?.model === model);

describe('drafter faults', () => {
  it('answers with the verifier when the drafter is down and says how to start it', async () => {
    t = await openHardBackend(config({ baseUrl: `http://127.0.0.1:${await closedPort()}` }));
    f.openai.enqueue('gpt-4o', { text: GOOD, usage: { input: 30, output: 12 } });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('ok');
    expect(o.model).toBe('gpt-4o');
    const draft = o.attempts[0];
    expect(draft?.error?.code).toBe('unreachable');
    expect(draft?.error?.message).toMatch(/^Ollama is not running at http:\/\/127\.0\.0\.1:\d+: start it with `ollama serve` or fix the base URL$/);
    expect(draft?.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false });
    expect(o.decision).toMatch(/llama3\.2:3b failed: Ollama is not running/);
    const { calls } = expectRecorded(t.dbPath, o);
    expect(calls[1]?.cost_nano).toBe(30 * 2500 + 12 * 10000);
  });

  it('gives up on a hanging drafter at the tiers timeout and closes its connection', async () => {
    t = await openHardBackend(config({ timeoutMs: 400 }));
    f.ollama.enqueue('llama3.2:3b', { hang: true });
    f.openai.enqueue('gpt-4o', { text: GOOD, usage: { input: 30, output: 12 } });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('ok');
    expect(o.attempts[0]?.error?.code).toBe('timeout');
    expect(o.attempts[0]?.error?.message).toMatch(/llama3\.2:3b on Ollama at http:\/\/127\.0\.0\.1:\d+ (did not finish within 0\.4 s: raise the tier's timeout|sent nothing for 0\.4 s)/);
    // Nothing was reported; the prompt may have been read, so it is counted as an estimate.
    expect(o.attempts[0]?.usage).toMatchObject({ outputTokens: 0, estimated: true });
    expectRecorded(t.dbPath, o);
    await waitFor(() => requestsFor('llama3.2:3b').at(-1)?.closedEarly === true);
  });

  it('prices the partial answer of a drafter that stalls mid stream', async () => {
    t = await openHardBackend(config({ timeoutMs: 600 }));
    f.ollama.enqueue('llama3.2:3b', { chunks: ['We ', 'get ', '6 ', '* ', '7 ', '= '], delayMs: 30_000 });
    f.openai.enqueue('gpt-4o', { text: GOOD });
    const o = await t.run({ prompt: QUESTION });
    const draft = o.attempts[0];
    expect(draft?.error?.code).toBe('timeout');
    expect(draft?.text).toBe('We ');
    // Nothing was reported, so what streamed is counted locally and flagged as an estimate.
    expect(draft?.usage.estimated).toBe(true);
    expect(draft?.usage.outputTokens).toBeGreaterThan(0);
    expect(draft?.usage.inputTokens).toBeGreaterThan(0);
    expectRecorded(t.dbPath, o);
  });

  it('estimates and flags an answer whose final line carries no output count', async () => {
    t = await openHardBackend(config());
    // Ollama leaves out every count it has not got (omitempty): an answer came, but no count.
    f.ollama.enqueue('llama3.2:3b', { text: GOOD, usage: null });
    const o = await t.run({ prompt: QUESTION });
    const draft = o.attempts[0];
    expect(draft?.text).toBe(GOOD);
    expect(draft?.usage).toMatchObject({ estimated: true });
    expect(draft?.usage.outputTokens).toBeGreaterThan(0);
    expect(draft?.usage.inputTokens).toBeGreaterThan(0);
    expect(readLedger(t.dbPath).calls[0]).toMatchObject({ usage_estimated: 1 });
    expectRecorded(t.dbPath, o);
  });

  it('names the missing model and the pull command', async () => {
    t = await openHardBackend(config({ model: 'llama9.9:1b' }));
    f.openai.enqueue('gpt-4o', { text: GOOD });
    const o = await t.run({ prompt: QUESTION });
    expect(o.attempts[0]?.error).toEqual({ code: 'model_not_found', message: "Ollama has no model 'llama9.9:1b': run `ollama pull llama9.9:1b`" });
    expect(o.attempts[0]?.usage.inputTokens).toBe(0);
    expect(o.status).toBe('ok');
    expectRecorded(t.dbPath, o);
  });

  it('escalates past a drafter answering 500 and names the server', async () => {
    t = await openHardBackend(config());
    f.ollama.setDefault({ httpError: { status: 500 } });
    f.openai.enqueue('gpt-4o', { text: GOOD });
    const before = requestsFor('llama3.2:3b').length;
    const o = await t.run({ prompt: QUESTION });
    expect(o.attempts[0]?.error?.code).toBe('provider_error');
    expect(o.attempts[0]?.error?.message).toMatch(new RegExp(`${OLLAMA.source} failed with HTTP 500`));
    // Ollama's 500 is not retried (only 429/502/503 are): one request, one ledger row.
    expect(requestsFor('llama3.2:3b').length - before).toBe(1);
    expect(o.status).toBe('ok');
    expectRecorded(t.dbPath, o);
  });

  it('reports a connection reset mid stream and prices what arrived', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: 'We get six times seven which is forty two overall here', resetAfterChunks: 4 });
    f.openai.enqueue('gpt-4o', { text: GOOD });
    const o = await t.run({ prompt: QUESTION });
    const draft = o.attempts[0];
    expect(draft?.error?.code).toBe('bad_response');
    expect(draft?.error?.message).toMatch(new RegExp(`${OLLAMA.source} closed the connection mid-answer \\(\\w+\\): try again`));
    expect(draft?.text).toBe('We get six times ');
    expect(draft?.usage.estimated).toBe(true);
    expect(o.status).toBe('ok');
    expectRecorded(t.dbPath, o);
  });

  it('reports malformed ndjson as a bad response naming the address', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: 'We get six times seven which is forty two', malformedAfterChunks: 2 });
    f.openai.enqueue('gpt-4o', { text: GOOD });
    const o = await t.run({ prompt: QUESTION });
    expect(o.attempts[0]?.error?.code).toBe('bad_response');
    expect(o.attempts[0]?.error?.message).toMatch(new RegExp(`${OLLAMA.source} sent a malformed stream .*: check that the address points at Ollama`));
    expect(o.attempts[0]?.text).toBe('We get ');
    expectRecorded(t.dbPath, o);
  });

  it('records a cancelled run while the drafter hangs', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { hang: true });
    const pending = t.run({ prompt: QUESTION, runId: 'hang-cancel' });
    await waitFor(() => t?.cascadeEvents('hang-cancel').some((e) => e.type === 'attempt.started') === true);
    await waitFor(() => requestsFor('llama3.2:3b').length > 0);
    expect(await t.backend.call('cascade.cancel', { runId: 'hang-cancel' })).toEqual({ ok: true, value: { cancelled: true } });
    const o = await pending;
    expect(o.status).toBe('cancelled');
    expect(o.attempts).toHaveLength(1);
    expect(o.attempts[0]?.usage.outputTokens).toBe(0);
    expectRecorded(t.dbPath, o);
  });
});

describe('verifier faults', () => {
  it('returns the draft unverified when the verifier is down or fails when verification is required', { timeout: 60_000 }, async () => {
    t = await openHardBackend(config({}, { baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG }, { text: WRONG });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('unverified');
    expect(o.answer).toBe(WRONG);
    expect(o.error?.code).toBe('unreachable');
    expect(o.error?.message).toMatch(/Cannot connect to OpenAI at http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED\): check that the server is running and the base URL is right/);
    expect(o.decision).toMatch(/Returned llama3\.2:3b's draft unverified because the verifier failed/);
    expectRecorded(t.dbPath, o);

    const strict = await t.run({ prompt: QUESTION, requireVerified: true });
    expect(strict.status).toBe('failed');
    expect(strict.answer).toBe('');
    expect(strict.decision).toMatch(/No answer: Cannot connect to OpenAI/);
    expectRecorded(t.dbPath, strict);
  });

  it('tells the user which key to set on 401', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    f.openai.enqueue('gpt-4o', { httpError: { status: 401, code: 'invalid_api_key' } });
    const before = requestsFor('gpt-4o').length;
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('unverified');
    expect(o.error).toEqual({ code: 'auth_failed', message: `OpenAI rejected the API key (401): set a valid ${TEST_KEY_ENV} under Providers in Settings` });
    expect(requestsFor('gpt-4o').length - before).toBe(1);
    expect(o.attempts[1]?.usage.inputTokens).toBe(0);
    expectRecorded(t.dbPath, o);
  });

  it('names an unknown cloud model', async () => {
    t = await openHardBackend(config({}, { model: 'gpt-9-turbo' }));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    const o = await t.run({ prompt: QUESTION });
    expect(o.error).toEqual({ code: 'model_not_found', message: "OpenAI has no model 'gpt-9-turbo' (404): check the model name in Settings" });
    expectRecorded(t.dbPath, o);
  });

  it('honours a short retry after inside one attempt and bills only the answer', async () => {
    t = await openHardBackend(config());
    const seen: number[] = [];
    f.ollama.enqueue('llama3.2:3b', { text: WRONG, usage: { input: 20, output: 10 } });
    f.openai.enqueue(
      'gpt-4o',
      () => (seen.push(Date.now()), { httpError: { status: 429, headers: { 'retry-after': '1' } } }),
      () => (seen.push(Date.now()), { text: GOOD, usage: { input: 40, output: 15 } }),
    );
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('ok');
    expect(seen).toHaveLength(2);
    // Retry-After: 1 was waited for (a lower bound, not a speed check).
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(900);
    expect(o.attempts).toHaveLength(2);
    expect(o.attempts[1]?.costNanoUsd).toBe(40 * 2500 + 15 * 10000);
    expectRecorded(t.dbPath, o);
  });

  it('fails fast on a long retry after and says when to retry', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    f.openai.enqueue('gpt-4o', { httpError: { status: 429, headers: { 'retry-after': '30' } } });
    const before = requestsFor('gpt-4o').length;
    const o = await t.run({ prompt: QUESTION });
    // Bounded: a 30 s wait is above the 10 s cap, so no retry and no sleeping (the test would time out).
    expect(requestsFor('gpt-4o').length - before).toBe(1);
    expect(o.status).toBe('unverified');
    expect(o.error).toEqual({ code: 'rate_limited', message: 'OpenAI rate-limited the request; retry after 30.0 s' });
    expectRecorded(t.dbPath, o);
  });

  it('estimates and flags the usage of a stream that never reports it', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: WRONG, usage: { input: 20, output: 10 } });
    f.openai.enqueue('gpt-4o', { text: GOOD, usage: null });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('ok');
    const verify = o.attempts[1];
    expect(verify?.usage.estimated).toBe(true);
    expect(verify?.usage.outputTokens).toBeGreaterThan(5);
    expect(verify?.costNanoUsd).toBe((verify?.usage.inputTokens ?? 0) * 2500 + (verify?.usage.outputTokens ?? 0) * 10000);
    expect(verify?.costNanoUsd).toBeGreaterThan(0);
    const { calls } = expectRecorded(t.dbPath, o);
    expect(calls[1]?.usage_estimated).toBe(1);
  });

  it('reports a verifier reset mid stream and bills the estimate', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    f.openai.enqueue('gpt-4o', { text: 'We get six times seven which is forty two overall here', resetAfterChunks: 5 });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('unverified');
    expect(o.error?.code).toBe('bad_response');
    expect(o.error?.message).toMatch(new RegExp(`${OPENAI.source} closed the connection mid-answer|${OPENAI.source} ended the answer before it was complete`));
    expect(o.attempts[1]?.usage.estimated).toBe(true);
    expect(o.attempts[1]?.costNanoUsd).toBeGreaterThan(0);
    expectRecorded(t.dbPath, o);
  });

  it('reports malformed sse as a bad response', async () => {
    t = await openHardBackend(config());
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    f.openai.enqueue('gpt-4o', { text: 'We get six times seven which is forty two', malformedAfterChunks: 3 });
    const o = await t.run({ prompt: QUESTION });
    expect(o.status).toBe('unverified');
    expect(o.error?.code).toBe('bad_response');
    expect(o.error?.message).toMatch(/OpenAI/);
    expectRecorded(t.dbPath, o);
  });
});

describe('context window', () => {
  // ~150k tokens: over llama3.2 (131,072) and gpt-4o (128,000).
  const HUGE = 'hello '.repeat(150_000);

  it('refuses a conversation over every window before sending anything', async () => {
    t = await openHardBackend(config());
    const before = f.ollama.chatRequests().length + f.openai.chatRequests().length;
    const o = await t.run({ prompt: HUGE });
    expect(f.ollama.chatRequests().length + f.openai.chatRequests().length).toBe(before);
    expect(o.status).toBe('failed');
    expect(o.attempts.map((a) => a.error?.code)).toEqual(['context_too_long', 'context_too_long']);
    expect(o.attempts[0]?.error?.message).toMatch(/^The conversation is about 150,0\d\d tokens; llama3\.2:3b takes at most 131,072: start a new chat or pick a model with a larger context$/);
    expect(o.error?.message).toMatch(/^The conversation is about 150,0\d\d tokens; gpt-4o takes at most 128,000: start a new chat or pick a model with a larger context$/);
    for (const a of o.attempts) expect(a.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false });
    expect(o.costNanoUsd).toBe(0);
    expect(o.decision).toMatch(/skipped llama3\.2:3b: The conversation is about/);
    expectRecorded(t.dbPath, o);
  });

  it('skips only the tier whose window is too small', async () => {
    t = await openHardBackend(config({ model: 'llama3:8b' }));
    f.openai.enqueue('gpt-4o', { text: 'A summary of the text.', usage: { input: 12_010, output: 6 } });
    const o = await t.run({ prompt: `Summarize: ${'hello '.repeat(12_000)}` });
    expect(o.status).toBe('ok');
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts[0]?.error?.message).toMatch(/takes at most 8,192: start a new chat or pick a model with a larger context$/);
    expect(requestsFor('llama3:8b')).toHaveLength(0);
    expect(t.cascadeEvents(o.runId).find((e) => e.type === 'escalated')).toMatchObject({ fromModel: 'llama3:8b', toModel: 'gpt-4o', reason: expect.stringMatching(/^skipped llama3:8b: The conversation is about/) });
    expectRecorded(t.dbPath, o);
  });

  it('maps a servers context length refusal when the window is unknown', async () => {
    t = await openHardBackend(config({}, { model: 'house-model-x', provider: 'openai-compatible', apiKeyEnv: undefined }));
    f.ollama.enqueue('llama3.2:3b', { text: WRONG });
    f.openai.enqueue('house-model-x', { httpError: { status: 400, code: 'context_length_exceeded', message: "This model's maximum context length is 4096 tokens. However, your messages resulted in 5000 tokens." } });
    const o = await t.run({ prompt: QUESTION });
    expect(o.error?.code).toBe('context_too_long');
    expect(o.error?.message).toMatch(/too long for house-model-x on OpenAI-compatible server.*: start a new chat or pick a model with a larger context$/);
    expectRecorded(t.dbPath, o);
  });
});

describe('circuit breaker', () => {
  it('skips a drafter after three timeouts in a row without calling it then tries again after the cool down', async () => {
    const clock = manualClock();
    t = await openHardBackend(config({ timeoutMs: 300 }), { clock });
    f.ollama.setDefault({ hang: true });
    f.openai.setDefault({ text: GOOD, usage: { input: 30, output: 12 } });
    const before = requestsFor('llama3.2:3b').length;
    for (let i = 0; i < 3; i++) {
      const o = await t.run({ prompt: QUESTION });
      expect(o.attempts[0]?.error?.code).toBe('timeout');
      clock.advance(1000);
    }
    expect(requestsFor('llama3.2:3b').length - before).toBe(3);

    const skipped = await t.run({ prompt: QUESTION });
    expect(requestsFor('llama3.2:3b').length - before).toBe(3);
    const message = skipped.attempts[0]?.error?.message ?? '';
    expect(skipped.attempts[0]?.error?.code).toBe('unreachable');
    expect(message).toMatch(new RegExp(`^skipped llama3\\.2:3b: ${OLLAMA.source} failed 3 times in a row; retrying after 29 s$`));
    expect(skipped.attempts[0]?.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false });
    expect(skipped.decision).toContain(message);
    expect(skipped.decision).not.toContain('llama3.2:3b failed: skipped');
    expect(skipped.status).toBe('ok');
    expectRecorded(t.dbPath, skipped);

    // After the cool-down one trial call goes out; it hangs again, so the circuit reopens.
    clock.advance(30_000);
    const trial = await t.run({ prompt: QUESTION });
    expect(trial.attempts[0]?.error?.code).toBe('timeout');
    expect(requestsFor('llama3.2:3b').length - before).toBe(4);
    const again = await t.run({ prompt: QUESTION });
    expect(again.attempts[0]?.error?.message).toMatch(/^skipped llama3\.2:3b: .* retrying after 30 s$/);
    expect(requestsFor('llama3.2:3b').length - before).toBe(4);

    // Once it answers again the circuit closes.
    clock.advance(30_000);
    f.ollama.setDefault({ text: GOOD });
    const healed = await t.run({ prompt: QUESTION });
    expect(healed.model).toBe('llama3.2:3b');
    const next = await t.run({ prompt: QUESTION });
    expect(next.attempts[0]?.status).toBe('ok');
    expect(readLedger(t.dbPath).queries).toHaveLength(8);
  });

  it('does not count a server that answers with an error as down', async () => {
    const clock = manualClock();
    t = await openHardBackend(config(), { clock });
    f.ollama.setDefault({ text: WRONG });
    f.openai.setDefault({ httpError: { status: 401 } });
    for (let i = 0; i < 4; i++) {
      const o = await t.run({ prompt: QUESTION });
      expect(o.error?.code).toBe('auth_failed');
    }
    expect(f.openai.chatRequests().length).toBeGreaterThanOrEqual(4);
  });

  it('can be turned off in the config', async () => {
    t = await openHardBackend(config({ baseUrl: `http://127.0.0.1:${await closedPort()}` }, {}, { circuitBreaker: { failures: 0 } }));
    f.openai.setDefault({ text: GOOD });
    for (let i = 0; i < 4; i++) {
      const o = await t.run({ prompt: QUESTION });
      expect(o.attempts[0]?.error?.message).toMatch(/^Ollama is not running/);
    }
  });
});
