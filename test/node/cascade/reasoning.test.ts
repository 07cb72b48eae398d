// Reasoning drafters (qwen3, deepseek-r1, gpt-oss): their thinking streams to the chat apart
// from the answer, is kept with the answer, counts as output tokens, and is never what the
// validator judges.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CascadeEvent, CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { estimateTokens } from '../../../shared/core/tokens/estimate.ts';
import { splitIntoChunks } from '../../fakes/script.ts';
import { TEST_ANTHROPIC_KEY_ENV, backendPerTest, fakesForFile, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";
const GOOD_MATH = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const WRONG_MATH = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 9. She makes 9 * 2 = 20 dollars.\n#### 20';
/** Scratch work with a wrong step the model itself crossed out: in an answer it would escalate. */
const SCRATCH = ['16 - 3 = 12? ', 'No: 16 - 3 = 13. ', 'Then 13 - 4 = 9 eggs, 9 * 2 = 18.'];

async function run(tb: TestBackend, input: Record<string, unknown>): Promise<CascadeOutcome> {
  const r = await tb.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CascadeOutcome;
}

function streamed(events: CascadeEvent[], type: 'token' | 'thinking', attempt: number): string {
  return events.map((e) => (e.type === type && e.attempt === attempt ? e.text : '')).join('');
}

function callTexts(tb: TestBackend): string[] {
  const db = new Database(tb.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT text FROM calls ORDER BY seq').all() as { text: string }[]).map((r) => r.text);
  } finally {
    db.close();
  }
}

describe('a reasoning model', () => {
  it('is judged on its answer, not on the scratch work in its thinking', async () => {
    const t = await backends.open(twoTierConfig(f));
    f.ollama.enqueue('llama3.2:3b', { thinking: SCRATCH, text: GOOD_MATH, usage: { input: 60, output: 90 } });
    const o = await run(t, { prompt: QUESTION, runId: 'think-1' });
    expect(o.escalated).toBe(false);
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.attempts[0]?.thinking).toBe(SCRATCH.join(''));
    expect(o.attempts[0]?.quality?.accepted).toBe(true);
    expect(f.openai.chatRequests()).toHaveLength(0);
    // The chat saw the thinking first, then the answer; the ledger keeps the answer alone.
    const events = t.cascadeEvents('think-1');
    expect(streamed(events, 'thinking', 0)).toBe(SCRATCH.join(''));
    expect(streamed(events, 'token', 0)).toBe(GOOD_MATH);
    expect(events.findIndex((e) => e.type === 'thinking')).toBeLessThan(events.findIndex((e) => e.type === 'token'));
    expect(callTexts(t)).toEqual([GOOD_MATH]);
  });

  it('has <think> tags written into its answer taken out, however the chunks fall', async () => {
    const t = await backends.open(twoTierConfig(f));
    const chunks = ['<thi', 'nk>\n', ...SCRATCH, '</th', 'ink>\n\n', GOOD_MATH.slice(0, 20), GOOD_MATH.slice(20)];
    f.ollama.enqueue('llama3.2:3b', { chunks });
    const o = await run(t, { prompt: QUESTION, runId: 'tags-1' });
    expect(o.escalated).toBe(false);
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.attempts[0]?.thinking).toBe(`\n${SCRATCH.join('')}`);
    expect(streamed(t.cascadeEvents('tags-1'), 'token', 0)).toBe(GOOD_MATH);
  });

  it("is judged on its confidence in the answer, not on how unsure it was while thinking", async () => {
    const t = await backends.open(twoTierConfig(f));
    const thinking = '16 eggs, maybe 3 eaten? or 4? Let me think again about what she bakes and eats and sells. ';
    const thought = splitIntoChunks(`<think>${thinking}</think>`);
    const answer = splitIntoChunks(GOOD_MATH);
    // Guessing while thinking (p = 0.02 a token), sure of every token of the answer.
    const logprobs = [...thought.map(() => -4), ...answer.map(() => -0.01)];
    f.ollama.enqueue('llama3.2:3b', { chunks: [...thought, ...answer], logprobs });
    const o = await run(t, { prompt: QUESTION });
    expect(o.escalated).toBe(false);
    const confidence = o.attempts[0]?.quality?.signals.find((x) => x.name === 'confidence');
    expect(confidence).toMatchObject({ applicable: true });
    expect(confidence?.score).toBeGreaterThan(0.95);
  });

  it('has reasoning without its opening tag (DeepSeek-R1 on a server without a parser) taken out once the closing tag comes', async () => {
    const t = await backends.open(twoTierConfig(f, { streaming: { mode: 'buffer' } }));
    f.ollama.enqueue('llama3.2:3b', { chunks: [...SCRATCH, '\n</think>\n\n', GOOD_MATH] });
    const o = await run(t, { prompt: QUESTION, runId: 'late-1' });
    expect(o.escalated).toBe(false);
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.attempts[0]?.thinking).toBe(SCRATCH.join(''));
    // Its first token was reasoning: when the answer began is unknown, not that first token.
    expect(o.attempts[0]?.ttftMs).toBeNull();
    // Held back until accepted, then shown as it ended up.
    expect(streamed(t.cascadeEvents('late-1'), 'token', 0)).toBe(GOOD_MATH);
    expect(streamed(t.cascadeEvents('late-1'), 'thinking', 0)).toBe(SCRATCH.join(''));
  });

  it('is still escalated when its answer is wrong, and in buffer mode its thinking is never shown', async () => {
    const t = await backends.open(twoTierConfig(f, { streaming: { mode: 'buffer' } }));
    f.ollama.enqueue('llama3.2:3b', { thinking: ['9 * 2 is 20.'], text: WRONG_MATH });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH });
    const o = await run(t, { prompt: QUESTION, runId: 'buf-think' });
    expect(o.escalated).toBe(true);
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.attempts[0]?.thinking).toBe('9 * 2 is 20.');
    expect(t.cascadeEvents('buf-think').filter((e) => e.type === 'thinking')).toEqual([]);
  });

  it('in buffer mode shows an accepted draft with its thinking, thinking first', async () => {
    const t = await backends.open(twoTierConfig(f, { streaming: { mode: 'buffer' } }));
    f.ollama.enqueue('llama3.2:3b', { thinking: SCRATCH, text: GOOD_MATH });
    await run(t, { prompt: QUESTION, runId: 'buf-ok' });
    const shown = t.cascadeEvents('buf-ok').filter((e) => e.type === 'thinking' || e.type === 'token');
    expect(shown.map((e) => e.type)).toEqual(['thinking', 'token']);
    expect(streamed(shown, 'thinking', 0)).toBe(SCRATCH.join(''));
  });

  it('has its thinking counted as output when the server reports no usage', async () => {
    const t = await backends.open(twoTierConfig(f));
    // An OpenAI-compatible server that sends no usage chunk (Ollama always counts).
    f.openai.enqueue('gpt-4o', { thinking: SCRATCH, text: GOOD_MATH, usage: null });
    const o = await run(t, { prompt: QUESTION, forceTop: true });
    expect(o.attempts[0]?.usage).toMatchObject({ estimated: true, outputTokens: estimateTokens(SCRATCH.join('') + GOOD_MATH) });
    expect(o.attempts[0]?.usage.outputTokens).toBeGreaterThan(estimateTokens(GOOD_MATH));
  });

  it("sends each tier's thinking level to its server, drafts and samples alike", async () => {
    const config = twoTierConfig(f);
    const [drafter, verifier] = config.tiers;
    const t = await backends.open({ ...config, tiers: [{ ...drafter, thinking: 'off', samples: 2 }, { ...verifier, thinking: 'low' }] } as typeof config);
    f.ollama.enqueue('llama3.2:3b', { text: 'I am not sure.' }, { text: 'Maybe 18.' });
    f.openai.enqueue('gpt-4o', { text: GOOD_MATH });
    const [ollamaBefore, openaiBefore] = [f.ollama.chatRequests().length, f.openai.chatRequests().length];
    const o = await run(t, { prompt: QUESTION });
    expect(o.escalated).toBe(true);
    const sent = (fake: typeof f.ollama, from: number, field: string) => fake.chatRequests().slice(from).map((r) => (r.body as Record<string, unknown>)[field]);
    expect(sent(f.ollama, ollamaBefore, 'think')).toEqual([false, false]);
    expect(sent(f.openai, openaiBefore, 'reasoning_effort')).toEqual(['low']);
  });

  it("thinks on a Claude tier at its level: adaptive thinking at that effort, streamed to the chat", async () => {
    const config = twoTierConfig(f);
    const claude = { model: 'claude-sonnet-4-6', provider: 'anthropic' as const, baseUrl: f.anthropic.url, apiKeyEnv: TEST_ANTHROPIC_KEY_ENV, thinking: 'medium' as const };
    const t = await backends.open({ ...config, tiers: [config.tiers[0], claude] } as typeof config);
    f.anthropic.enqueue('claude-sonnet-4-6', { thinking: SCRATCH, text: GOOD_MATH });
    const before = f.anthropic.chatRequests().length;
    const o = await run(t, { prompt: QUESTION, forceTop: true, runId: 'claude-think' });
    expect(o.answer).toBe(GOOD_MATH);
    expect(o.attempts[0]?.thinking).toBe(SCRATCH.join(''));
    expect(streamed(t.cascadeEvents('claude-think'), 'thinking', 0)).toBe(SCRATCH.join(''));
    const body = f.anthropic.chatRequests().slice(before)[0]?.body as Record<string, unknown>;
    expect([body['thinking'], body['output_config']]).toEqual([{ type: 'adaptive', display: 'summarized' }, { effort: 'medium' }]);
  });

  it('refuses a thinking level no server takes, naming the field, and keeps the config it had', async () => {
    const config = twoTierConfig(f);
    const t = await backends.open(config);
    const bad = { ...config, tiers: [config.tiers[0], { model: 'claude-sonnet-4-6', provider: 'anthropic', thinking: 'max' }] };
    const r = await t.backend.call('config.set', { config: bad } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/tiers\.1\.thinking: Invalid option: expected one of "off"\|"low"\|"medium"\|"high"/);
    const now = await t.backend.call('config.get', {} as never);
    expect(now.ok && (now.value as { config: typeof config }).config.tiers.map((x) => x.model)).toEqual(config.tiers.map((x) => x.model));
  });
});
