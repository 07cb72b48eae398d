import { describe, expect, it } from 'vitest';
import { createAnthropicProvider, type AnthropicProviderOptions } from '../../../electron/node/providers/anthropic.ts';
import { startFakeAnthropic } from '../../fakes/index.ts';
import { ask, bodyOf, closedPort, drain } from './helpers.ts';
import { fakePerTest } from './per-test-fake.ts';
import { itKeepsTheStreamContract } from './stream-contract.ts';

const MODEL = 'claude-sonnet-4-6';
const fake = fakePerTest(() => startFakeAnthropic({ models: [MODEL, 'claude-haiku-4-5'], requireApiKey: 'sk-ant-test' }));

const provider = (extra: Partial<AnthropicProviderOptions> = {}) =>
  createAnthropicProvider({ baseUrl: fake().url, apiKey: 'sk-ant-test', keyEnv: 'ANTHROPIC_API_KEY', maxRetries: 0, ...extra });

describe('Anthropic provider', () => {
  itKeepsTheStreamContract({ name: 'Anthropic', model: MODEL, fake, provider });

  it('streams the answer and counts cache reads and writes into input tokens', async () => {
    fake().script(MODEL, { text: 'Hello from Claude.', usage: { input: 2000, output: 5, cached: 1500, cacheWrite: 300 } });
    const r = await drain(provider(), {
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('Hello from Claude.');
    expect(r.done).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 2000, outputTokens: 5, cachedInputTokens: 1500, cacheWriteTokens: 300 } });
    const req = fake().chatRequests()[0];
    expect(req?.headers['authorization'] ?? req?.headers['x-api-key']).toMatch(/^(Bearer )?sk-ant-test$/);
    expect(req?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const body = bodyOf(req);
    expect(body['system']).toBe('Be brief.');
    expect(body['messages']).toEqual([{ role: 'user', content: 'Say hello' }]);
    expect(body['max_tokens']).toBe(16_384);
    expect(body['stream']).toBe(true);
  });

  it('assembles tool_use input deltas into tool calls', async () => {
    fake().script(MODEL, {
      text: 'Let me check.',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}', argumentChunks: ['', '{"ci', 'ty":"Oslo"}'] }],
    });
    const r = await drain(provider(), ask(MODEL, 'Weather in Oslo?', { tools: [{ name: 'get_weather', description: 'Forecast', parameters: { properties: { city: { type: 'string' } } } }] }));
    expect(r.text).toBe('Let me check.');
    expect(r.toolCalls).toEqual([{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
    expect(r.done?.finishReason).toBe('tool_calls');
    expect(bodyOf(fake().chatRequests()[0])['tools']).toEqual([{ name: 'get_weather', description: 'Forecast', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
  });

  it('sends earlier tool calls and their results as tool_use / tool_result blocks', async () => {
    fake().script(MODEL, { text: 'Cold.' });
    await drain(provider(), {
      model: MODEL,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', content: '-5 C', toolCallId: 'toolu_9' },
      ],
    });
    expect(bodyOf(fake().chatRequests()[0])['messages']).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: '-5 C' }] },
    ]);
  });

  it('maps a JSON schema format to output_config and plain json to an instruction', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    await drain(provider(), ask(MODEL, 'a', { format: schema, maxTokens: 100 }));
    await drain(provider(), ask(MODEL, 'b', { format: 'json' }));
    const [first, second] = fake().chatRequests().map(bodyOf);
    expect(first?.['output_config']).toEqual({ format: { type: 'json_schema', schema } });
    expect(first?.['max_tokens']).toBe(100);
    expect(second?.['output_config']).toBeUndefined();
    expect(second?.['system']).toContain('JSON');
  });

  it('never sends temperature, which API version 2026-10-21 refuses even at 1.0', async () => {
    fake().script(MODEL, { text: 'A sample.' });
    const r = await drain(provider(), ask(MODEL, 'Say something', { temperature: 0.7, sample: 1 }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('A sample.');
    expect(bodyOf(fake().chatRequests()[0])['temperature']).toBeUndefined();
  });

  it('leaves out an answer that never came: the API refuses an empty message', async () => {
    fake().script(MODEL, { text: 'Twenty-three.' });
    const r = await drain(provider(), {
      model: MODEL,
      messages: [
        { role: 'user', content: 'A prime between 10 and 20?' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'And between 20 and 30?' },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(bodyOf(fake().chatRequests()[0])['messages']).toEqual([
      { role: 'user', content: 'A prime between 10 and 20?' },
      { role: 'user', content: 'And between 20 and 30?' },
    ]);
  });

  it('turns thinking off when asked, and asks without it once a model refuses', async () => {
    await drain(provider(), ask(MODEL, 'a', { thinking: 'off' }));
    expect(bodyOf(fake().chatRequests()[0])['thinking']).toEqual({ type: 'disabled' });

    const p = provider();
    fake().enqueue('claude-haiku-4-5', { httpError: { status: 400, message: 'thinking.type.disabled: this model always thinks' } }, { text: 'Thought anyway.' }, { text: 'Again.' });
    const refused = await drain(p, ask('claude-haiku-4-5', 'b', { thinking: 'off' }));
    expect(refused.error).toBeUndefined();
    expect(refused.text).toBe('Thought anyway.');
    await drain(p, ask('claude-haiku-4-5', 'c', { thinking: 'off' }));
    expect(fake().chatRequests().slice(1).map((r) => bodyOf(r)['thinking'])).toEqual([{ type: 'disabled' }, undefined, undefined]);
  });

  it("maps stop_reason 'max_tokens' to a length finish", async () => {
    fake().script(MODEL, { text: 'cut', finishReason: 'length' });
    expect((await drain(provider(), ask(MODEL, 'long'))).done?.finishReason).toBe('length');
  });

  it('reports an overloaded error event mid-stream as a bad response', async () => {
    fake().script(MODEL, { text: 'one two three', errorAfterChunks: { after: 1, type: 'overloaded_error', message: 'Overloaded' } });
    const r = await drain(provider(), ask(MODEL, 'count'));
    expect(r.text).toBe('one ');
    expect(r.error?.code).toBe('bad_response');
    expect(r.error?.message).toContain('overloaded_error');
  });

  it('names ANTHROPIC_API_KEY when the key is rejected', async () => {
    const r = await drain(provider({ apiKey: 'sk-ant-wrong' }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('auth_failed');
    expect(r.error?.message).toBe('Anthropic rejected the API key (401): set a valid ANTHROPIC_API_KEY under Providers in Settings');
  });

  it('reports an unknown model as model_not_found', async () => {
    const r = await drain(provider(), ask('claude-9', 'hi'));
    expect(r.error?.code).toBe('model_not_found');
    expect(r.error?.model).toBe('claude-9');
  });

  it('recognises "prompt is too long" as context_too_long', async () => {
    fake().script(MODEL, { httpError: { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' } });
    expect((await drain(provider(), ask(MODEL, 'huge'))).error?.code).toBe('context_too_long');
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    fake().enqueue(MODEL, { httpError: { status: 429, headers: { 'retry-after': '0.05' } } });
    fake().script(MODEL, { text: 'made it' });
    const r = await drain(provider({ maxRetries: 2 }), ask(MODEL, 'hi'));
    expect(r.text).toBe('made it');
    expect(fake().chatRequests()).toHaveLength(2);
  });

  it('reports a persistent 529 as provider_error saying it is overloaded', async () => {
    fake().script(MODEL, { httpError: { status: 529, headers: { 'retry-after-ms': '10' } } });
    const r = await drain(provider({ maxRetries: 1 }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('provider_error');
    expect(r.error?.message).toContain('overloaded');
    expect(fake().chatRequests()).toHaveLength(2);
  });

  it('reports a server that is not running as unreachable', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const r = await drain(createAnthropicProvider({ baseUrl, apiKey: 'k', maxRetries: 0 }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('unreachable');
    expect(r.error?.message).toContain(`Anthropic at ${baseUrl}`);
  });

  it('lists the models from /v1/models', async () => {
    expect(await provider().listModels?.()).toEqual([{ name: MODEL }, { name: 'claude-haiku-4-5' }]);
  });
});
