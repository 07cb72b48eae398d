// A drafter with `samples`: extra answers drawn beside the draft through the real Ollama
// client against the fake server, compared by the consistency check, paid for and recorded.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { ChatCall } from '../../fakes/script.ts';
import { backendPerTest, fakesForFile, TEST_ANTHROPIC_KEY_ENV, twoTierConfig, type Fakes, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";
const DRAFT = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const SAME_ANSWER = 'She keeps 3 + 4 = 7 eggs, so 16 - 7 = 9 are sold: 9 * 2 = 18.\n#### 18';
/** Sound arithmetic, another setup: only another sample can show the draft is in doubt. */
const OTHER_ANSWER = 'She sells 16 - 3 = 13 eggs at $2 each: 13 * 2 = 26.\n#### 26';
const VERIFIED = 'She sells 16 - 3 - 4 = 9 eggs for 9 * 2 = $18.\n#### 18';

function sampledConfig(fakes: Fakes, samples: number) {
  const config = twoTierConfig(fakes);
  return { ...config, tiers: config.tiers.map((tier, i) => (i === 0 ? { ...tier, samples } : tier)) };
}

/** `options.temperature` of an Ollama chat body: the fake tells a sample from the draft by it. */
function temperatureIn(body: unknown): unknown {
  const options = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['options'] : undefined;
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>)['temperature'] : undefined;
}

const temperatureOf = (call: ChatCall): unknown => temperatureIn(call.body);

function drafter(sampleText: string) {
  f.ollama.script('llama3.2:3b', (call) => ({ text: temperatureOf(call) === undefined ? DRAFT : sampleText, usage: { input: 60, output: 40 } }));
}

async function run(tb: TestBackend): Promise<CascadeOutcome> {
  const r = await tb.backend.call('cascade.run', { prompt: QUESTION });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function callRoles(tb: TestBackend): { role: string; cost_nano: number | null }[] {
  const db = new Database(tb.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT role, cost_nano FROM calls ORDER BY seq').all() as { role: string; cost_nano: number | null }[];
  } finally {
    db.close();
  }
}

describe('consistency samples', () => {
  it('draws the extra answers at the sampling temperature and accepts a draft they agree with', async () => {
    const t = await backends.open(sampledConfig(f, 3));
    drafter(SAME_ANSWER);
    const o = await run(t);
    expect(o.status).toBe('ok');
    expect(o.tier).toBe(0);
    expect(o.answer).toBe(DRAFT);
    expect(o.attempts.map((a) => a.role)).toEqual(['draft', 'sample', 'sample']);
    const consistency = o.attempts[0]?.quality?.signals.find((s) => s.name === 'consistency');
    expect(consistency).toMatchObject({ applicable: true, score: 1 });
    expect(consistency?.reason).toContain('all 2 other samples reach the same answer (18)');
    const temperatures = f.ollama.chatRequests().slice(-3).map((r) => temperatureIn(r.body));
    expect(temperatures.sort()).toEqual([0.7, 0.7, undefined]);
    // Every sample is paid for: the run costs three drafter calls, and the ledger has them all.
    const perCall = o.attempts.map((a) => a.costNanoUsd as number);
    expect(perCall.every((c) => c > 0)).toBe(true);
    expect(o.costNanoUsd).toBe(perCall.reduce((s, c) => s + c, 0));
    const rows = callRoles(t);
    expect(rows.map((r) => r.role)).toEqual(['draft', 'sample', 'sample']);
    expect(rows.reduce((s, r) => s + (r.cost_nano ?? 0), 0)).toBe(o.costNanoUsd);
    expect(f.openai.chatRequests()).toHaveLength(0);
  });

  it('escalates a well-computed draft its own samples contradict, and says so', async () => {
    const t = await backends.open(sampledConfig(f, 3));
    drafter(OTHER_ANSWER);
    f.openai.enqueue('gpt-4o', { text: VERIFIED, usage: { input: 70, output: 30 } });
    const o = await run(t);
    expect(o.escalated).toBe(true);
    expect(o.model).toBe('gpt-4o');
    const draft = o.attempts.find((a) => a.role === 'draft');
    expect(draft?.quality?.hardFailure).toBe(false);
    expect(draft?.quality?.signals.find((s) => s.name === 'arithmetic')?.score).toBe(1);
    expect(o.decision).toContain("none of the 2 other samples reaches the draft's answer 18; they say 26");
    expect(o.attempts.map((a) => a.role)).toEqual(['draft', 'sample', 'sample', 'verify']);
  });

  it('a Claude drafter draws its samples too, without the temperature its API refuses', async () => {
    const config = twoTierConfig(f);
    const claude = { model: 'claude-haiku-4-5', provider: 'anthropic' as const, baseUrl: f.anthropic.url, apiKeyEnv: TEST_ANTHROPIC_KEY_ENV, samples: 3 };
    const t = await backends.open({ ...config, tiers: [claude, config.tiers[1] as (typeof config.tiers)[number]] });
    f.anthropic.enqueue('claude-haiku-4-5', { text: DRAFT }, { text: OTHER_ANSWER }, { text: OTHER_ANSWER });
    f.openai.enqueue('gpt-4o', { text: VERIFIED });
    const o = await run(t);
    expect(o.attempts.map((a) => [a.role, a.status])).toEqual([['draft', 'ok'], ['sample', 'ok'], ['sample', 'ok'], ['verify', 'ok']]);
    expect(o.decision).toContain("none of the 2 other samples reaches the draft's answer 18; they say 26");
    expect(f.anthropic.chatRequests().slice(-3).map((r) => (r.body as Record<string, unknown>)['temperature'])).toEqual([undefined, undefined, undefined]);
  });

  it('the same draft without samples is accepted: the samples made the difference', async () => {
    const t = await backends.open(twoTierConfig(f));
    drafter(OTHER_ANSWER);
    const before = f.ollama.chatRequests().length;
    const o = await run(t);
    expect(o.tier).toBe(0);
    expect(o.attempts.map((a) => a.role)).toEqual(['draft']);
    expect(f.ollama.chatRequests().length - before).toBe(1);
  });

  it('a split vote is weighed, not decisive: one dissenter in four does not sink a draft', async () => {
    const t = await backends.open(sampledConfig(f, 5));
    let n = 0;
    f.ollama.script('llama3.2:3b', (call) => {
      if (temperatureOf(call) === undefined) return { text: DRAFT };
      n++;
      return { text: n === 1 ? OTHER_ANSWER : SAME_ANSWER };
    });
    const o = await run(t);
    expect(o.tier).toBe(0);
    const consistency = o.attempts[0]?.quality?.signals.find((s) => s.name === 'consistency');
    expect(consistency?.score).toBe(0.75);
    expect(consistency?.reason).toContain('only 3 of 4 other samples reach');
  });

  it('when the draft fails its samples are stopped and still recorded, and the verifier answers', async () => {
    const t = await backends.open(sampledConfig(f, 3));
    f.ollama.script('llama3.2:3b', (call) =>
      temperatureOf(call) === undefined ? { httpError: { status: 500, message: 'model crashed' } } : { text: SAME_ANSWER, hang: true },
    );
    f.openai.enqueue('gpt-4o', { text: VERIFIED });
    const o = await run(t);
    expect(o.status).toBe('ok');
    expect(o.model).toBe('gpt-4o');
    expect(o.attempts.map((a) => [a.role, a.status])).toEqual([
      ['draft', 'error'],
      ['sample', 'cancelled'],
      ['sample', 'cancelled'],
      ['verify', 'ok'],
    ]);
    expect(callRoles(t).map((r) => r.role)).toEqual(['draft', 'sample', 'sample', 'verify']);
  });
});
