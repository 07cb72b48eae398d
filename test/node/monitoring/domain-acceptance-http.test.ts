// Cost and drafter acceptance by domain, end to end: real cascade runs over the HTTP server (the
// fake model servers draft badly for code only), recorded in a real SQLite file, read back with
// ledger.byDomain and report.get, and checked against sums taken straight from the rows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { DomainCost } from '../../../shared/core/ledger/types.ts';
import type { CostReport } from '../../../shared/core/monitoring/report.ts';
import { startServer, type RunningServer } from '../../../electron/node/server/index.ts';
import { defaultResponse } from '../../fakes/default-script.ts';
import { fakesForFile, openTestBackend, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const fakes = fakesForFile();
let t: TestBackend;
let server: RunningServer;

async function call<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cascadeflow-token': server.token }, body: JSON.stringify(input) });
  const r = (await res.json()) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

const REFUSAL = "[[draft:I'm sorry, but I can't help with that.]]";

beforeAll(async () => {
  fakes.ollama.setDefault((c) => defaultResponse(c, 'drafter', 0));
  fakes.openai.setDefault((c) => defaultResponse(c, 'verifier', 0));
  t = await openTestBackend(twoTierConfig(fakes));
  server = await startServer({ backend: t.backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-renderer-')) });
  // Code: the drafter refuses 20 of 25 (accepted 20%). Everything else: the drafter answers well.
  for (let i = 0; i < 25; i++) {
    const code = await call<CascadeOutcome>('cascade.run', { prompt: `Write a Python function that reverses list number ${i}. ${i < 20 ? REFUSAL : ''}` });
    expect(code.domain).toBe('code');
    const general = await call<CascadeOutcome>('cascade.run', { prompt: `Tell me about the river number ${i}` });
    expect(general.domain).toBe('general');
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const ALL_TIME = { from: 0, to: 8.64e15 };

describe('cost by domain', () => {
  it('ledger.byDomain gives each domain its cost, escalations and drafter acceptance, as the rows say', async () => {
    const { domains } = await call<{ domains: DomainCost[] }>('ledger.byDomain', { range: ALL_TIME });
    const db = new Database(t.dbPath, { readonly: true });
    const rows = db
      .prepare<[], { domain: string; n: number; cost: number; baseline: number; escalated: number }>(
        'SELECT domain, COUNT(*) AS n, SUM(cost_nano) AS cost, SUM(baseline_cost_nano) AS baseline, SUM(escalated) AS escalated FROM queries GROUP BY domain ORDER BY cost DESC',
      )
      .all();
    db.close();
    expect(domains.map((d) => [d.domain, d.queries, d.costNano, d.baselineCostNano, d.escalated])).toEqual(rows.map((r) => [r.domain, r.n, r.cost, r.baseline, r.escalated]));
    expect(domains.find((d) => d.domain === 'code')).toMatchObject({ queries: 25, escalated: 20, drafterEligible: 25, draftsAccepted: 5, drafterAcceptanceRate: 0.2 });
    expect(domains.find((d) => d.domain === 'general')).toMatchObject({ queries: 25, escalated: 0, drafterEligible: 25, draftsAccepted: 25, drafterAcceptanceRate: 1 });
    // The verifier's answers make code the costlier domain: it is listed first.
    expect(domains[0]?.domain).toBe('code');
  });

  it('report.get lists the domains and names the one the drafter misses, with the fix', async () => {
    const report = await call<CostReport>('report.get', { period: 'day' });
    const { domains } = await call<{ domains: DomainCost[] }>('ledger.byDomain', { range: report.range });
    expect(report.byDomain).toEqual(domains);
    // Overall the drafter is accepted 30 of 50 times (60%): only code is singled out.
    expect(report.usage.drafterAcceptanceRate).toBeCloseTo(0.6, 10);
    const recs = report.recommendations.filter((r) => r.id === 'domain_low_acceptance');
    expect(recs).toEqual([expect.objectContaining({ metric: 'drafter_acceptance_rate:code', value: 0.2, threshold: 0.6 })]);
    expect(recs[0]?.message).toContain("code queries: the drafter's answer was accepted for 20.0% of 25 answered queries (target 60.0%+; 100.0% for the other domains)");
    expect(recs[0]?.message).toContain('config `domains.code`');
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await fetch(`${server.url}api/ledger.byDomain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cascadeflow-token': server.token },
      body: JSON.stringify({ range: { from: 10, to: 5 } }),
    });
    const r = (await res.json()) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('range.to');
  });
});
