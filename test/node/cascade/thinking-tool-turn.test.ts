// A Claude tier that thinks and calls tools, through the API, the engine, the Anthropic adapter
// and the official SDK against the fake: the run returns the answer's signed thinking blocks with
// its tool calls, and the client's continuation carrying them keeps the tier's level; without
// them the level is dropped as before, and a model that cannot stop thinking fails saying what
// to send. Other providers are never sent the blocks.
import { describe, expect, it } from 'vitest';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { appConfigSchema, type AppConfig } from '../../../shared/core/config/schema.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/index.ts';
import { TEST_ANTHROPIC_KEY_ENV, TEST_KEY_ENV, backendPerTest, fakesForFile, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const CLAUDE = 'claude-sonnet-4-6';
const OPUS = 'claude-opus-4-7';
const tools = [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
const weather = { id: 'toolu_oslo', name: 'get_weather', arguments: '{"city":"Oslo"}' };
const adaptiveHigh = [{ type: 'adaptive', display: 'summarized' }, { effort: 'high' }];

/** A local drafter, then `model` on `fake` thinking at high. */
function config(fake: FakeAnthropic, model = CLAUDE): AppConfig {
  return appConfigSchema.parse({
    tiers: [
      { model: 'llama3.2:3b', provider: 'ollama', baseUrl: f.ollama.url, local: true },
      { model, provider: 'anthropic', baseUrl: fake.url, apiKeyEnv: TEST_ANTHROPIC_KEY_ENV, thinking: 'high' },
    ],
  });
}

async function run(t: TestBackend, input: Record<string, unknown>): Promise<CascadeOutcome> {
  const r = await t.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  // What a client holds: the result as JSON.
  return JSON.parse(JSON.stringify(r.value)) as CascadeOutcome;
}

/** Asks the top tier the question; its answer thinks and calls get_weather. */
async function toolCallingAnswer(t: TestBackend, fake: FakeAnthropic, model: string): Promise<CascadeOutcome> {
  fake.enqueue(model, { thinking: ['Need ', 'the forecast.'], text: 'Checking.', toolCalls: [weather] });
  return run(t, { prompt: 'Weather in Oslo?', tools, forceTop: true });
}

/** The conversation after the tool ran, its assistant message as the client builds it from the outcome. */
function continuation(o: CascadeOutcome, withReasoning: boolean): ChatMessage[] {
  return [
    { role: 'user', content: 'Weather in Oslo?' },
    { role: 'assistant', content: o.answer, ...(o.toolCalls ? { toolCalls: o.toolCalls } : {}), ...(withReasoning && o.reasoning ? { reasoning: o.reasoning } : {}) },
    { role: 'tool', content: '-5 C', toolCallId: weather.id },
  ];
}

const lastBody = (fake: { chatRequests(): { body: unknown }[] }): Record<string, unknown> => fake.chatRequests().at(-1)?.body as Record<string, unknown>;
const thinkingOf = (body: Record<string, unknown>) => [body['thinking'], body['output_config']];

describe('a thinking Claude tier that calls tools', () => {
  it('returns the signed thinking blocks with the tool calls, and a continuation carrying them keeps the level', async () => {
    const t = await backends.open(config(f.anthropic));
    const first = await toolCallingAnswer(t, f.anthropic, CLAUDE);
    expect(first.toolCalls).toEqual([weather]);
    expect(first.reasoning).toEqual({ provider: 'anthropic', model: CLAUDE, blocks: [{ type: 'thinking', thinking: 'Need the forecast.', signature: expect.any(String) }] });
    const signature = first.reasoning?.blocks[0]?.type === 'thinking' ? first.reasoning.blocks[0].signature : '';

    f.anthropic.enqueue(CLAUDE, { text: 'Cold in Oslo: -5 C.' });
    const next = await run(t, { messages: continuation(first, true), tools, forceTop: true });
    expect([next.status, next.answer, next.error]).toEqual(['ok', 'Cold in Oslo: -5 C.', undefined]);
    // An answer without tool calls has nothing to send back.
    expect(next.reasoning).toBeUndefined();
    const body = lastBody(f.anthropic);
    expect(thinkingOf(body)).toEqual(adaptiveHigh);
    expect((body['messages'] as { content: unknown }[])[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Need the forecast.', signature },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: weather.id, name: 'get_weather', input: { city: 'Oslo' } },
    ]);
  });

  it('drops the level on a continuation without the blocks, as before', async () => {
    const t = await backends.open(config(f.anthropic));
    const first = await toolCallingAnswer(t, f.anthropic, CLAUDE);
    f.anthropic.enqueue(CLAUDE, { text: 'Cold.' });
    const next = await run(t, { messages: continuation(first, false), tools, forceTop: true });
    expect([next.status, next.answer]).toEqual(['ok', 'Cold.']);
    expect(thinkingOf(lastBody(f.anthropic))).toEqual([undefined, undefined]);
  });

  it('fails on a model that cannot stop thinking when the blocks are left out, saying what to send, and goes on with them', async () => {
    const always = await startFakeAnthropic({ alwaysThinkingModels: [OPUS] });
    try {
      const t = await backends.open(config(always, OPUS));
      const first = await toolCallingAnswer(t, always, OPUS);
      const bare = await run(t, { messages: continuation(first, false), tools, forceTop: true });
      expect(bare.status).toBe('failed');
      expect(bare.error?.message).toBe(
        "Anthropic rejected the request (400): claude-opus-4-7 thinks while it continues an answer that called tools, and wants that answer's thinking blocks back: send its assistant message with the `reasoning` cascade.run returned beside the tool calls",
      );
      always.enqueue(OPUS, { text: 'Cold.' });
      const carried = await run(t, { messages: continuation(first, true), tools, forceTop: true });
      expect([carried.status, carried.answer]).toEqual(['ok', 'Cold.']);
      expect(thinkingOf(lastBody(always))).toEqual(adaptiveHigh);
    } finally {
      await always.close();
    }
  });

  it('never sends the blocks to a drafter or a tier on another provider', async () => {
    const t = await backends.open(config(f.anthropic));
    const first = await toolCallingAnswer(t, f.anthropic, CLAUDE);
    const signature = first.reasoning?.blocks[0]?.type === 'thinking' ? first.reasoning.blocks[0].signature : 'missing';
    f.ollama.enqueue('llama3.2:3b', { text: 'It is -5 C in Oslo, so it is cold.' });
    await run(t, { messages: continuation(first, true), tools, tiers: [config(f.anthropic).tiers[0]] });
    f.openai.enqueue('gpt-4o', { text: 'Cold: -5 C.' });
    await run(t, { messages: continuation(first, true), tools, tiers: [{ model: 'gpt-4o', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV }] });
    for (const body of [lastBody(f.ollama), lastBody(f.openai)]) {
      expect(JSON.stringify(body)).not.toContain(signature);
      expect(JSON.stringify(body)).not.toContain('reasoning');
    }
  });
});

describe('reasoning on a message sent to cascade.run', () => {
  const signed = { provider: 'anthropic', model: CLAUDE, blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig' }] };
  const withReasoning = (reasoning: unknown, role = 'assistant') => ({
    messages: [
      { role: 'user', content: 'Weather?' },
      { role, content: '', toolCalls: [weather], reasoning },
      { role: 'tool', content: '-5 C', toolCallId: weather.id },
    ],
  });
  const refusal = async (t: TestBackend, input: unknown) => {
    const r = await t.backend.call('cascade.run', input as never);
    if (r.ok) throw new Error('expected invalid_input');
    return [r.error.code, r.error.message];
  };

  it('is refused, naming the field, when it is not an assistant message or not what cascade.run returns', async () => {
    const t = await backends.open(config(f.anthropic));
    expect(await refusal(t, withReasoning(signed, 'user'))).toEqual(['invalid_input', 'messages.1.reasoning: only an assistant message carries `reasoning`']);
    expect(await refusal(t, withReasoning({ ...signed, provider: 'openai' }))).toEqual(['invalid_input', 'messages.1.reasoning.provider: Invalid input: expected "anthropic"']);
    expect(await refusal(t, withReasoning({ ...signed, blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: '' }] }))).toEqual([
      'invalid_input',
      'messages.1.reasoning.blocks.0.signature: a thinking block needs its signature',
    ]);
    expect(await refusal(t, withReasoning({ ...signed, blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: 'x'.repeat(1_000_001) }] }))).toEqual([
      'invalid_input',
      'messages.1.reasoning.blocks.0.signature: Too big: expected string to have <=1000000 characters',
    ]);
    expect(await refusal(t, withReasoning({ ...signed, blocks: [] }))).toEqual(['invalid_input', 'messages.1.reasoning.blocks: Too small: expected array to have >=1 items']);
    const extra = await t.backend.call('cascade.run', withReasoning({ ...signed, note: 'x' }) as never);
    expect(!extra.ok && extra.error.details).toEqual({ fields: ['messages.1.reasoning.note'] });
  });

  it('is taken on an assistant message as cascade.run returns it', async () => {
    const t = await backends.open(config(f.anthropic));
    const first = await toolCallingAnswer(t, f.anthropic, CLAUDE);
    f.ollama.enqueue('llama3.2:3b', { text: 'It is -5 C in Oslo, so it is cold.' });
    const r = await t.backend.call('cascade.run', { ...withReasoning(first.reasoning), tiers: [config(f.anthropic).tiers[0]] } as never);
    expect(r.ok).toBe(true);
  });
});
