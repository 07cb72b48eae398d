// Pre-routing, tool-call checks, audits and feedback, end to end through the real backend.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { fakesForFile, openTestBackend, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
let t: TestBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function run(tb: TestBackend, input: object): Promise<CascadeOutcome> {
  const r = await tb.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const EXPERT = 'Derive, step by step and with a rigorous proof, the asymptotic complexity of a distributed consensus protocol under Byzantine faults, compare it with Raft and Paxos, and prove a lower bound on message complexity for n nodes with f faulty ones. Explain each lemma.';

describe('pre-routing, tools, audits and feedback', () => {
  it('skips the drafter for queries above the configured complexity', async () => {
    t = await openTestBackend(twoTierConfig(f, { routing: { skipDrafterAbove: 'moderate' } }));
    const before = f.ollama.chatRequests().length;
    f.openai.enqueue('gpt-4o', { text: 'A rigorous derivation follows. '.repeat(5) });
    const o = await run(t, { prompt: EXPERT });
    expect(['hard', 'expert']).toContain(o.complexity);
    expect(o.routing.skippedDrafter).toBe(true);
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts).toHaveLength(1);
    expect(f.ollama.chatRequests().length - before).toBe(0);
    expect(o.decision).toMatch(/skipped the drafter/);
    expect(o.routing.complexityReasons.length).toBeGreaterThan(0);
  });

  it('pre routing is off by default', async () => {
    t = await openTestBackend(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: 'A rigorous derivation: each lemma follows from the quorum intersection property of the consensus protocol under Byzantine faults, giving a lower bound on message complexity.' });
    const o = await run(t, { prompt: EXPERT });
    expect(o.routing.skippedDrafter).toBe(false);
    expect(o.attempts[0]?.model).toBe('llama3.2:3b');
  });

  it('escalates a tool call with arguments that break the schema', async () => {
    t = await openTestBackend(twoTierConfig(f));
    const tools = [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }];
    f.ollama.enqueue('llama3.2:3b', { toolCalls: [{ name: 'get_weather', arguments: '{"town": 12}' }] });
    f.openai.enqueue('gpt-4o', { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city": "Paris"}' }] });
    const o = await run(t, { prompt: 'What is the weather in Paris?', tools });
    expect(o.escalated).toBe(true);
    const signal = o.attempts[0]?.quality?.signals.find((s) => s.name === 'tool_calls');
    expect(signal?.hardFail).toBe(true);
    expect(o.toolCalls?.[0]).toMatchObject({ name: 'get_weather', arguments: '{"city": "Paris"}' });
  });

  it('escalates an empty draft', async () => {
    t = await openTestBackend(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: '' });
    f.openai.enqueue('gpt-4o', { text: 'Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.' });
    const o = await run(t, { prompt: 'What does photosynthesis produce?' });
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts[0]?.quality?.hardFailure).toBe(true);
  });

  it('audits accepted drafts and measures the false accept rate', async () => {
    t = await openTestBackend(twoTierConfig(f, { audit: { rate: 1 } }), { random: { next: () => 0 } });
    f.ollama.enqueue('llama3.2:3b', { text: 'Eggs: 16 - 3 - 4 = 9, and 9 * 2 = 18.\n#### 18' });
    f.openai.enqueue('gpt-4o', { text: 'She sells 9 eggs for $2 each: 18 dollars.\n#### 18' });
    const agreeing = await run(t, { prompt: 'How many dollars does Janet make from 16 eggs minus 3 eaten and 4 baked, at $2 each?' });
    f.ollama.enqueue('llama3.2:3b', { text: 'Eggs: 16 - 3 - 4 = 9, and 9 * 2 = 18.\n#### 18' });
    f.openai.enqueue('gpt-4o', { text: 'She keeps 16 - 3 - 3 = 10 eggs and sells them for 10 * 2 = 20 dollars.\n#### 20' });
    const disagreeing = await run(t, { prompt: 'How many dollars does Janet make from 16 eggs minus 3 eaten and 4 baked, at $2 each? (again)' });
    expect(agreeing.tier).toBe(0);
    expect(disagreeing.tier).toBe(0);
    const db = new Database(t.dbPath, { readonly: true });
    try {
      const count = db.prepare('SELECT COUNT(*) AS n FROM audits');
      await waitFor(() => (count.get() as { n: number }).n === 2);
      const audits = db.prepare('SELECT query_id, agrees, cost_nano FROM audits ORDER BY query_id').all() as { query_id: string; agrees: number; cost_nano: number }[];
      const expected = [[agreeing.queryId, 1], [disagreeing.queryId, 0]].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(audits.map((a) => [a.query_id, a.agrees])).toEqual(expected);
      expect(audits.every((a) => a.cost_nano > 0)).toBe(true);
    } finally {
      db.close();
    }
    const summary = await t.backend.call('ledger.summary', { range: { from: 0, to: Date.now() + 60_000 } });
    expect(summary.ok && summary.value.audited).toBe(2);
    expect(summary.ok && summary.value.falseAcceptRate).toBe(0.5);
  });

  it('stores thumbs feedback on the query', async () => {
    t = await openTestBackend(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { text: 'Paris is the capital of France.' });
    const o = await run(t, { prompt: 'What is the capital of France?' });
    const r = await t.backend.call('feedback.set', { queryId: o.queryId, rating: 'down', note: 'too short' });
    expect(r).toEqual({ ok: true, value: { queryId: o.queryId, rating: 'down' } });
    const missing = await t.backend.call('feedback.set', { queryId: 'nope', rating: 'up' });
    expect(missing.ok === false && missing.error.code).toBe('not_found');
    const db = new Database(t.dbPath, { readonly: true });
    expect(db.prepare('SELECT feedback, feedback_note FROM queries WHERE id = ?').get(o.queryId)).toEqual({ feedback: 'down', feedback_note: 'too short' });
    db.close();
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
