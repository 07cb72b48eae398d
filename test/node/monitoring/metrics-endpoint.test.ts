// /metrics end to end: queries through the real backend and the fake model servers, scraped over
// HTTP on 127.0.0.1 and parsed as Prometheus text, compared with the ledger's own sums.
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakesForFile, twoTierConfig } from '../helpers/harness.ts';
import { openMonitoredBackend, type MonitoredBackend } from './monitoring-harness.ts';
import { familyOf, parsePromText, sampleValue, type PromText } from './prom-text.ts';

const f = fakesForFile();
let t: MonitoredBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const GOOD_MATH = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const WRONG_MATH = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 9. She makes 9 * 2 = 20 dollars.\n#### 20';
const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";

function get(url: string, host?: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function ledgerSums(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      byModel: db.prepare('SELECT provider, model, SUM(cost_nano) AS cost FROM calls GROUP BY provider, model').all() as { provider: string; model: string; cost: number }[],
      latency: db.prepare('SELECT final_tier, SUM(latency_ms) AS ms FROM queries GROUP BY final_tier ORDER BY final_tier').all() as { final_tier: number; ms: number }[],
      baseline: (db.prepare('SELECT SUM(baseline_cost_nano) AS b FROM queries').get() as { b: number }).b,
      scored: (db.prepare('SELECT COUNT(*) AS n FROM calls WHERE accepted = 1 AND quality_score IS NOT NULL').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('prometheus metrics endpoint', () => {
  it('serves parsable metrics that count what was run', async () => {
    t = await openMonitoredBackend(twoTierConfig(f, { metrics: { enabled: true, port: 0 } }), { serveMetrics: true });
    const url = await t.metricsUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    f.ollama.enqueue('llama3.2:3b', { text: GOOD_MATH, usage: { input: 60, output: 40 } });
    const accepted = await t.run({ prompt: QUESTION, userId: 'alice', feature: 'chat' });
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH, usage: { input: 60, output: 40 } });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH, usage: { input: 70, output: 45 } });
    const escalated = await t.run({ prompt: QUESTION, userId: 'bob', feature: 'chat' });
    expect([accepted.tier, escalated.tier]).toEqual([0, 1]);

    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const p: PromText = parsePromText(res.body);

    expect(p.types.get('cascadeflow_queries_total')).toBe('counter');
    expect(p.types.get('cascadeflow_cost_usd_total')).toBe('counter');
    expect(p.types.get('cascadeflow_drafter_acceptance_ratio')).toBe('gauge');
    expect(p.types.get('cascadeflow_request_duration_seconds')).toBe('histogram');
    expect(p.types.get('cascadeflow_quality_score')).toBe('histogram');

    expect(sampleValue(p, 'cascadeflow_queries_total', { tier: 'drafter', outcome: 'ok' })).toBe(1);
    expect(sampleValue(p, 'cascadeflow_queries_total', { tier: 'verifier', outcome: 'ok' })).toBe(1);
    expect(p.samples.filter((s) => s.name === 'cascadeflow_queries_total').reduce((a, s) => a + s.value, 0)).toBe(2);

    const sums = ledgerSums(t.dbPath);
    expect(sums.byModel).toHaveLength(2);
    for (const m of sums.byModel) {
      expect(sampleValue(p, 'cascadeflow_cost_usd_total', { provider: m.provider, model: m.model })).toBeCloseTo(m.cost / 1e9, 15);
    }
    expect(sampleValue(p, 'cascadeflow_cost_usd_total', { provider: 'openai', model: 'gpt-4o' })).toBeCloseTo((70 * 2500 + 45 * 10_000) / 1e9, 15);
    expect(sampleValue(p, 'cascadeflow_baseline_cost_usd_total')).toBeCloseTo(sums.baseline / 1e9, 15);

    expect(sampleValue(p, 'cascadeflow_request_duration_seconds_count', { tier: 'drafter' })).toBe(1);
    expect(sampleValue(p, 'cascadeflow_request_duration_seconds_count', { tier: 'verifier' })).toBe(1);
    expect(sampleValue(p, 'cascadeflow_request_duration_seconds_sum', { tier: 'drafter' })).toBeCloseTo((sums.latency[0]?.ms ?? -1) / 1000, 9);
    expect(sampleValue(p, 'cascadeflow_request_duration_seconds_bucket', { tier: 'verifier', le: '+Inf' })).toBe(1);
    const scored = p.samples.filter((s) => s.name === 'cascadeflow_quality_score_count').reduce((a, s) => a + s.value, 0);
    expect(scored).toBe(sums.scored);
    expect(scored).toBeGreaterThan(0);
    expect(sampleValue(p, 'cascadeflow_drafter_acceptance_ratio')).toBe(0.5);

    // Low cardinality: no per-user, per-feature, per-query or prompt labels anywhere.
    const labelNames = new Set(p.samples.flatMap((s) => Object.keys(s.labels)));
    expect([...labelNames].sort()).toEqual(['le', 'model', 'outcome', 'provider', 'tier']);
    expect(res.body).not.toContain('alice');
    expect(res.body).not.toContain(accepted.queryId);
    for (const s of p.samples) expect(familyOf(s.name, p.types).startsWith('cascadeflow_')).toBe(true);
  });

  it('counts answers from the response cache under their own tier, with their saving, and leaves them out of the acceptance and its rule', async () => {
    const config = twoTierConfig(f, {
      metrics: { enabled: true, port: 0 },
      cache: { ttlSeconds: 3600 },
      alerts: { rules: [{ metric: 'drafter_acceptance_rate', condition: 'less_than', threshold: 0.6, window: 20, minQueries: 2 }] },
    });
    t = await openMonitoredBackend(config, { serveMetrics: true });
    const url = await t.metricsUrl();
    const OTHER = "Tom's hens lay 16 eggs per day. He eats 3 and bakes with 4. He sells the rest at $2 each. How much does he make?";
    f.ollama.enqueue('llama3.2:3b', { text: GOOD_MATH, usage: { input: 60, output: 40 } });
    expect((await t.run({ prompt: QUESTION })).tier).toBe(0);
    // The accepted draft again, from the cache: counted as a draft it would lift the acceptance
    // over the rule's 60% (2 of 3); it is left out, so the rule sees 1 of 2.
    expect((await t.run({ prompt: QUESTION })).cache).toBeDefined();
    f.ollama.enqueue('llama3.2:3b', { text: WRONG_MATH, usage: { input: 60, output: 40 } });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH, usage: { input: 70, output: 45 } });
    expect((await t.run({ prompt: OTHER })).tier).toBe(1);
    const cachedVerifier = await t.run({ prompt: OTHER });
    expect([cachedVerifier.cache !== undefined, cachedVerifier.tier]).toEqual([true, 1]);

    const p = parsePromText((await get(url)).body);
    expect(sampleValue(p, 'cascadeflow_drafter_acceptance_ratio')).toBe(0.5);
    expect(sampleValue(p, 'cascadeflow_queries_total', { tier: 'drafter', outcome: 'ok' })).toBe(1);
    expect(sampleValue(p, 'cascadeflow_queries_total', { tier: 'verifier', outcome: 'ok' })).toBe(1);
    expect(sampleValue(p, 'cascadeflow_queries_total', { tier: 'cache', outcome: 'ok' })).toBe(2);
    expect(sampleValue(p, 'cascadeflow_request_duration_seconds_count', { tier: 'cache' })).toBe(2);
    const db = new Database(t.dbPath, { readonly: true });
    const hits = db.prepare('SELECT SUM(baseline_cost_nano) AS b, COUNT(*) AS n FROM queries WHERE cache_hit = 1').get() as { b: number; n: number };
    db.close();
    expect(hits.n).toBe(2);
    expect(hits.b).toBeGreaterThan(0);
    expect(sampleValue(p, 'cascadeflow_cache_saved_usd_total')).toBeCloseTo(hits.b / 1e9, 15);

    const fired = (await t.alerts()).filter((a) => a.metric === 'drafter_acceptance_rate');
    expect(fired.map((a) => a.value)).toEqual([0.5]);
    expect(fired[0]?.message).toContain('(last 2 answered queries with a drafter; 1 answer from the cache left out)');
  });

  it('leaves a query with a call of unknown price out of the baseline, so 1 - cost / baseline claims no saving for it', async () => {
    // A cloud drafter the app has no price for: its accepted draft costs "$0 + unknown".
    const config = twoTierConfig(f, { metrics: { enabled: true, port: 0 } });
    const unpriced = { model: 'acme-legal-13b', provider: 'openai-compatible' as const, baseUrl: f.openai.url, apiKeyEnv: config.tiers[1]?.apiKeyEnv, local: false };
    t = await openMonitoredBackend({ ...config, domains: { legal: { tiers: [unpriced, config.tiers[1] ?? unpriced], keywords: ['contract'] } } }, { serveMetrics: true });
    const url = await t.metricsUrl();
    f.ollama.enqueue('llama3.2:3b', { text: GOOD_MATH, usage: { input: 60, output: 40 } });
    expect((await t.run({ prompt: QUESTION })).tier).toBe(0);
    f.openai.enqueue('acme-legal-13b', { text: 'The clause limits liability to direct damages.', usage: { input: 50, output: 12 } });
    const legal = await t.run({ prompt: 'Does this contract limit liability?' });
    expect([legal.model, legal.tier, legal.costUsd, legal.baselineCostUsd !== null]).toEqual(['acme-legal-13b', 0, null, true]);

    const p = parsePromText((await get(url)).body);
    const db = new Database(t.dbPath, { readonly: true });
    const priced = db.prepare('SELECT SUM(baseline_cost_nano) AS b FROM queries WHERE cost_complete = 1').get() as { b: number };
    db.close();
    expect(sampleValue(p, 'cascadeflow_baseline_cost_usd_total')).toBeCloseTo(priced.b / 1e9, 15);
    expect(sampleValue(p, 'cascadeflow_unknown_price_calls_total', { provider: 'openai-compatible', model: 'acme-legal-13b' })).toBe(1);
  });

  it('answers only get metrics for a loopback host', async () => {
    t = await openMonitoredBackend(twoTierConfig(f, { metrics: { enabled: true, port: 0 } }), { serveMetrics: true });
    const url = await t.metricsUrl();
    expect((await get(url, 'evil.example:80')).status).toBe(403);
    expect((await get(url.replace('/metrics', '/api/config'))).status).toBe(404);
    expect((await get(url, `localhost:${new URL(url).port}`)).status).toBe(200);
  });

  it('stays off unless enabled and stops when disabled', async () => {
    t = await openMonitoredBackend(twoTierConfig(f, { metrics: { enabled: true, port: 0 } }), { serveMetrics: true });
    const url = await t.metricsUrl();
    expect((await get(url)).status).toBe(200);
    const off = twoTierConfig(f, { metrics: { enabled: false, port: 0 } });
    expect((await t.backend.call('config.set', { config: off })).ok).toBe(true);
    await vi.waitFor(async () => expect(await get(url).then(() => 'up', () => 'down')).toBe('down'), { timeout: 10_000, interval: 50 });
  });

  it('starts no server without the metrics section', async () => {
    let listened = false;
    t = await openMonitoredBackend(twoTierConfig(f), { serveMetrics: true, onMetricsListening: () => (listened = true) });
    await t.run({ prompt: 'hello there' });
    expect(listened).toBe(false);
  });
});
