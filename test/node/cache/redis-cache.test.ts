// The response cache on a real redis-server (started by the test on a free port): entries are
// shared between two app instances with their own databases (two machines), expire by Redis's
// own TTL (PX), cache.clear deletes only this app's keys, and an unreachable Redis is a miss,
// never a failed run.
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCacheStore } from '../../../electron/node/cache/redis-cache.ts';
import { startFakes, type Fakes } from '../helpers/harness.ts';
import { openSpendBackend, pricedConfig, runOk, type SpendBackend } from '../budget/spend-harness.ts';
import { cachedAnswer } from './cache-fixtures.ts';
import { redisServerOrSkip, startRedisServer, type RedisServer } from './redis-server.ts';

const bin = redisServerOrSkip();

const QUESTION = 'What is the capital of France?';
const ANSWER = 'The capital of France is Paris.';

async function until(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(bin === null)('redis response cache', () => {
  let server: RedisServer;
  let raw: ReturnType<typeof createClient>;
  let f: Fakes;
  const open: SpendBackend[] = [];

  beforeAll(async () => {
    server = await startRedisServer(bin as string);
    raw = createClient({ url: server.url });
    await raw.connect();
    f = await startFakes();
  });
  afterAll(async () => {
    await raw?.close();
    await server?.stop();
    await f?.close();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  it('store serves an entry until redis expires it', async () => {
    const store = createRedisCacheStore({ url: server.url, keyPrefix: 'cf-test-ttl:', timeoutMs: 2000 });
    try {
      await store.set('k1', cachedAnswer('one'), 1000);
      expect((await store.get('k1'))?.answer).toBe('one');
      const ttl = await raw.pTTL('cf-test-ttl:k1');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1000);
      await until(async () => (await store.get('k1')) === null);
      expect(await raw.exists('cf-test-ttl:k1')).toBe(0);
      await raw.set('cf-test-ttl:bad', 'not json');
      expect(await store.get('bad')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('clear deletes only keys under the prefix', async () => {
    const store = createRedisCacheStore({ url: server.url, keyPrefix: 'cf-test-clear:', timeoutMs: 2000 });
    try {
      await raw.set('someone-else:key', 'keep me');
      for (let i = 0; i < 1200; i++) await store.set(`k${i}`, cachedAnswer(`answer ${i}`), 60_000);
      expect(await store.clear()).toBe(1200);
      expect(await raw.get('someone-else:key')).toBe('keep me');
      expect(await store.get('k1')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('two machines share answers and a hit costs nothing then expires', async () => {
    const cache = { backend: 'redis' as const, redisUrl: server.url, keyPrefix: 'cf-test-share:', ttlSeconds: 3 };
    const a = await openSpendBackend(pricedConfig(f, { cache }));
    const b = await openSpendBackend(pricedConfig(f, { cache }));
    open.push(a, b);
    f.ollama.script('drafter', { text: ANSWER, usage: { input: 14, output: 8 } });
    const first = await runOk(a, { prompt: QUESTION });
    expect(first.cache).toBeUndefined();
    const keys = await raw.keys('cf-test-share:*');
    expect(keys).toHaveLength(1);

    const drafterCalls = f.ollama.chatRequests().length;
    const hit = await runOk(b, { prompt: QUESTION, runId: 'redis-hit' });
    expect(f.ollama.chatRequests().length).toBe(drafterCalls);
    expect(hit.cache).toMatchObject({ backend: 'redis', sourceQueryId: first.queryId, key: keys[0]?.slice('cf-test-share:'.length) });
    expect(hit.answer).toBe(ANSWER);
    expect(hit.costNanoUsd).toBe(0);
    expect(hit.baselineCostNanoUsd).toBe(14 * 2500 + 8 * 10_000);
    expect(b.cascadeEvents('redis-hit').map((e) => e.type)).toEqual(['run.started', 'attempt.started', 'token', 'attempt.finished', 'run.finished']);
    expect(b.rows('SELECT cost_nano, baseline_cost_nano FROM queries')).toEqual([{ cost_nano: 0, baseline_cost_nano: 14 * 2500 + 8 * 10_000 }]);
    expect(b.rows('SELECT finish_reason, cost_nano FROM calls')).toEqual([{ finish_reason: 'cache_hit', cost_nano: 0 }]);

    // Redis expires the entry by itself (PX): the next question is asked again.
    await until(async () => (await raw.exists(keys[0] as string)) === 0);
    const again = await runOk(b, { prompt: QUESTION });
    expect(again.cache).toBeUndefined();
    expect(f.ollama.chatRequests().length).toBe(drafterCalls + 1);

    const cleared = await b.backend.call('cache.clear', {});
    expect(cleared.ok && cleared.value).toEqual({ cleared: 1, backend: 'redis' });
  });

  it('an unreachable redis is a miss not a failure', async () => {
    const stopped = await startRedisServer(bin as string);
    const url = stopped.url;
    await stopped.stop();
    const logged: string[] = [];
    const t = await openSpendBackend(pricedConfig(f, { cache: { backend: 'redis', redisUrl: url, timeoutMs: 300 } }), { log: (m) => logged.push(m) });
    open.push(t);
    f.ollama.script('drafter', { text: ANSWER });
    const before = f.ollama.chatRequests().length;
    const one = await runOk(t, { prompt: QUESTION });
    const two = await runOk(t, { prompt: QUESTION });
    expect([one.status, two.status]).toEqual(['ok', 'ok']);
    expect([one.cache, two.cache]).toEqual([undefined, undefined]);
    expect(f.ollama.chatRequests().length).toBe(before + 2);
    const cleared = await t.backend.call('cache.clear', {});
    expect(cleared.ok ? null : cleared.error.code).toBe('unreachable');
    expect(logged.some((m) => m.includes(`Redis response cache at ${url}`) && m.includes('unavailable'))).toBe(true);
    expect(logged.some((m) => m.startsWith('response cache lookup failed'))).toBe(true);
  });

  it('the redis url from the environment wins over the config', async () => {
    const t = await openSpendBackend(pricedConfig(f, { cache: { backend: 'redis', redisUrl: 'redis://127.0.0.1:1', keyPrefix: 'cf-test-env:', timeoutMs: 300 } }), {
      env: { CASCADEFLOW_REDIS_URL: server.url },
    });
    open.push(t);
    f.ollama.script('drafter', { text: ANSWER });
    await runOk(t, { prompt: QUESTION });
    expect(await raw.keys('cf-test-env:*')).toHaveLength(1);
    expect((await runOk(t, { prompt: QUESTION })).cache?.backend).toBe('redis');
  });
});
