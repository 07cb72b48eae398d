// A question asked twice with the response cache on, as a user does it: `cascadeflow ask` in its
// own process against the fake model servers and a real database file, then `cascadeflow report`.
// The second answer comes from the cache at $0; the drafter's acceptance is what the models made
// it, and the report names the hit as its own figure, with its saving.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { CostReport } from '../../../shared/core/monitoring/report.ts';
import { formatUsd } from '../../../shared/core/pricing/money.ts';
import { defaultResponse, roleOf, startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { runCli } from '../helpers/run-cli.ts';

let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;
let cfg: string;
let db: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'] })]);
  ollama.setDefault((call) => defaultResponse(call, roleOf(call.model, true), 0));
  openai.setDefault((call) => defaultResponse(call, roleOf(call.model, false), 0));
  dir = mkdtempSync(join(tmpdir(), 'cf-cache-acceptance-'));
  cfg = join(dir, 'config.json');
  db = join(dir, 'ledger.db');
  writeFileSync(
    cfg,
    JSON.stringify({
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY', price: { inputPerMTok: 2.5, outputPerMTok: 10 } },
      ],
      cache: { backend: 'sqlite', ttlSeconds: 3600 },
    }),
  );
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<string> {
  const r = await runCli([...args, '--config', cfg, '--db', db], { HOME: dir, CF_KEY: 'sk-test' });
  if (r.code !== 0) throw new Error(`cascadeflow ${args[0] ?? ''} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const ask = async (prompt: string): Promise<CascadeOutcome> => JSON.parse(await cli(['ask', '--json', prompt])) as CascadeOutcome;
const report = async (): Promise<CostReport> => JSON.parse(await cli(['report', '--period', 'day', '--json'])) as CostReport;

const QUESTION = 'Tell me about the river Thames';
const REFUSED = "Write a Python function that reverses a list. [[draft:I'm sorry, but I can't help with that.]]";

describe('a question asked twice with the response cache on', { timeout: 120_000 }, () => {
  it('is answered from the cache the second time, leaves the acceptance as it was, and is counted as its own figure', async () => {
    const first = await ask(QUESTION);
    expect([first.tier, first.cache]).toEqual([0, undefined]);
    const escalated = await ask(REFUSED);
    expect(escalated.tier).toBe(1);
    const before = await report();
    expect(before.usage.drafterAcceptanceRate).toBe(0.5);
    expect(before.totals.cacheHits).toBe(0);
    const drafterCalls = ollama.chatRequests().length;

    const again = await ask(QUESTION);
    expect(again.cache?.backend).toBe('sqlite');
    expect(again.cache?.sourceQueryId).toBe(first.queryId);
    expect([again.costNanoUsd, again.answer]).toEqual([0, first.answer]);
    expect(ollama.chatRequests().length).toBe(drafterCalls);

    const after = await report();
    // Counted as a draft, the hit made it 2 of 3 (66.7%).
    expect(after.usage.drafterAcceptanceRate).toBe(0.5);
    expect(after.usage.drafterEligible).toBe(2);
    expect(after.usage).toMatchObject({ multiTierQueries: 2, verifierQueries: 1 });
    expect(after.totals).toMatchObject({ queries: 3, escalated: 1, cacheHits: 1, cacheSavingsNano: again.baselineCostNanoUsd });
    // Its $0 and its saving are in the totals, as any answer's.
    expect(after.totals.costNano).toBe(before.totals.costNano);
    expect(after.totals.savingsNano).toBe(before.totals.savingsNano + (again.baselineCostNanoUsd ?? Number.NaN));
    expect(after.byDomain.find((d) => d.domain === 'general')).toMatchObject({ queries: 2, drafterEligible: 1, draftsAccepted: 1, cacheHits: 1 });

    const md = await cli(['report', '--period', 'day']);
    expect(md).toContain('| Drafter acceptance | 50.0% of 2 answered queries |');
    expect(md).toContain(`| Answered from cache | 1 answered from cache, saving ${formatUsd(again.baselineCostNanoUsd)} |`);
    expect(md).toContain('| Verifier usage | the verifier was called on 1 of 2 queries (50.0%); 1 query answered from cache |');
  });
});
