// A report over queries that no model answered says so first, instead of "All measured figures
// are within their targets" (what a new user without Ollama or a key used to read).
import { describe, expect, it } from 'vitest';
import type { CostReport } from '../../../shared/core/monitoring/report.ts';
import { backendPerTest, fakesForFile, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const GOOD = 'Paris is the capital of France.';

async function ask(tb: TestBackend, prompt: string): Promise<string> {
  const r = await tb.backend.call('cascade.run', { prompt } as never);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { status: string }).status;
}

describe('report on queries without an answer', () => {
  it('warns first when one query in twenty or more got no answer, with the count', async () => {
    const t = await backends.open(twoTierConfig(f));
    // Every tier fails: the drafter's server errors, the verifier rejects the key.
    f.ollama.setDefault(() => ({ httpError: { status: 500 } }));
    f.openai.setDefault(() => ({ httpError: { status: 401, code: 'invalid_api_key' } }));
    expect(await ask(t, 'What is the capital of France?')).toBe('failed');
    f.ollama.setDefault(() => ({ text: GOOD }));
    expect(await ask(t, 'What is the capital of France, in one sentence?')).toBe('ok');

    const r = await t.backend.call('report.get', { period: 'day' });
    if (!r.ok) throw new Error(r.error.message);
    const report = r.value as CostReport;
    expect(report.totals.queries).toBe(2);
    expect(report.usage.failedQueries).toBe(1);
    expect(report.recommendations[0]).toMatchObject({ id: 'failed_queries', severity: 'warning', metric: 'failed_query_share', value: 0.5, threshold: 0.05 });
    expect(report.recommendations[0]?.message).toMatch(/^1 of 2 queries got no answer: every model they tried failed/);
    expect(report.recommendations.map((x) => x.id)).not.toContain('healthy');
  });
});
