import { describe, expect, it } from 'vitest';
import { createOllamaProvider, type OllamaProviderOptions } from '../../../electron/node/providers/ollama.ts';
import { startFakeOllama } from '../../fakes/index.ts';
import { ask, bodyOf, closedPort, drain } from './helpers.ts';
import { fakePerTest } from './per-test-fake.ts';
import { itKeepsTheStreamContract } from './stream-contract.ts';

const MODEL = 'llama3.2:3b';
const fake = fakePerTest(() => startFakeOllama({ models: [MODEL] }));

const provider = (extra: Partial<OllamaProviderOptions> = {}) =>
  createOllamaProvider({ host: fake().url, maxRetries: 0, ...extra });

describe('Ollama provider', () => {
  itKeepsTheStreamContract({ name: 'Ollama', model: MODEL, fake, provider });

  it('streams the answer and reports usage from the final done line', async () => {
    fake().script(MODEL, { text: 'Paris is the capital of France.', usage: { input: 26, output: 8 } });
    const r = await drain(provider(), ask(MODEL, 'Capital of France?', { maxTokens: 64, temperature: 0.2 }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('Paris is the capital of France.');
    expect(r.chunks.filter((c) => c.type === 'text').length).toBeGreaterThan(1);
    expect(r.done).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 26, outputTokens: 8, cachedInputTokens: 0, cacheWriteTokens: 0 } });
    expect(r.chunks.at(-1)?.type).toBe('done');
    const body = bodyOf(fake().chatRequests()[0]);
    expect(body['stream']).toBe(true);
    expect(body['options']).toEqual({ num_predict: 64, temperature: 0.2 });
    expect(body['logprobs']).toBeUndefined();
  });

  it("sends the tier's thinking level as think, 'off' as false, and nothing for the model's default", async () => {
    for (const thinking of ['off', 'high', undefined] as const) {
      fake().script(MODEL, { text: 'ok' });
      await drain(provider(), ask(MODEL, 'hi', thinking ? { thinking } : {}));
    }
    expect(fake().chatRequests().map((r) => bodyOf(r)['think'])).toEqual([false, 'high', undefined]);
  });

  it('answers without thinking when the model cannot think, and stops asking that model', async () => {
    await fake.restart(() => startFakeOllama({ models: [MODEL, 'qwen3:8b'], thinkingModels: ['qwen3:8b'] }));
    fake().script(MODEL, { text: 'Paris.' });
    fake().script('qwen3:8b', { thinking: ['France: Paris.'], text: 'Paris.' });
    const p = provider();
    const first = await drain(p, ask(MODEL, 'Capital of France?', { thinking: 'high' }));
    expect(first.error).toBeUndefined();
    expect(first.text).toBe('Paris.');
    await drain(p, ask(MODEL, 'Capital of France?', { thinking: 'high' }));
    const thinker = await drain(p, ask('qwen3:8b', 'Capital of France?', { thinking: 'high' }));
    expect(thinker.chunks.filter((c) => c.type === 'thinking')).toHaveLength(1);
    // 'off' is no request to think: a model that cannot think takes it.
    const off = await drain(provider(), ask(MODEL, 'Capital of France?', { thinking: 'off' }));
    expect(off.error).toBeUndefined();
    expect(fake().chatRequests().map((r) => [bodyOf(r)['model'], bodyOf(r)['think']])).toEqual([
      [MODEL, 'high'],
      [MODEL, undefined],
      [MODEL, undefined],
      ['qwen3:8b', 'high'],
      [MODEL, false],
    ]);
  });

  it('asks a thinking model that takes no level (an Ollama that takes one from gpt-oss only) to think with true, and remembers it', async () => {
    await fake.restart(() => startFakeOllama({ models: [MODEL, 'qwen3:8b', 'gpt-oss:20b'], thinkingModels: ['qwen3:8b', 'gpt-oss:20b'], thinkLevelModels: ['gpt-oss:20b'] }));
    fake().script('qwen3:8b', { thinking: ['France: Paris.'], text: 'Paris.' });
    fake().script('gpt-oss:20b', { text: 'Paris.' });
    fake().script(MODEL, { text: 'Paris.' });
    const p = provider();
    const first = await drain(p, ask('qwen3:8b', 'Capital of France?', { thinking: 'high' }));
    expect(first.error).toBeUndefined();
    expect(first.chunks.filter((c) => c.type === 'thinking')).toEqual([{ type: 'thinking', text: 'France: Paris.' }]);
    await drain(p, ask('qwen3:8b', 'Capital of Italy?', { thinking: 'low' }));
    await drain(p, ask('qwen3:8b', 'Capital of Spain?', { thinking: 'off' }));
    await drain(p, ask('gpt-oss:20b', 'Capital of France?', { thinking: 'high' }));
    // A model that cannot think refuses the level, then `true`: it answers at its default.
    const cannot = await drain(p, ask(MODEL, 'Capital of France?', { thinking: 'high' }));
    expect(cannot.error).toBeUndefined();
    expect(fake().chatRequests().map((r) => [bodyOf(r)['model'], bodyOf(r)['think']])).toEqual([
      ['qwen3:8b', 'high'],
      ['qwen3:8b', true],
      ['qwen3:8b', true],
      ['qwen3:8b', false],
      ['gpt-oss:20b', 'high'],
      [MODEL, 'high'],
      [MODEL, true],
      [MODEL, undefined],
    ]);
  });

  it('drops both refused options, thinking and logprobs, and still answers', async () => {
    await fake.restart(() => startFakeOllama({ models: [MODEL], rejectLogprobs: true, thinkingModels: [] }));
    fake().script(MODEL, { text: 'fine' });
    const r = await drain(provider(), ask(MODEL, 'hi', { thinking: 'low', logprobs: true }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('fine');
  });

  it('counts metrics Ollama omitted from the done line as zero', async () => {
    fake().script(MODEL, { text: 'cached', usage: { input: 0, output: 3 } });
    const r = await drain(provider(), ask(MODEL, 'again'));
    expect(r.done?.usage).toEqual({ inputTokens: 0, outputTokens: 3, cachedInputTokens: 0, cacheWriteTokens: 0 });
  });

  it('asks for and yields token logprobs', async () => {
    fake().script(MODEL, { chunks: ['4', '.'], logprobs: [-0.01, -0.5] });
    const r = await drain(provider(), ask(MODEL, '2+2?', { logprobs: true }));
    expect(bodyOf(fake().chatRequests()[0])['logprobs']).toBe(true);
    expect(r.logprobs).toEqual([
      { token: '4', logprob: -0.01 },
      { token: '.', logprob: -0.5 },
    ]);
  });

  it('retries once without logprobs when the server rejects them, and stops asking', async () => {
    await fake.restart(() => startFakeOllama({ models: [MODEL], rejectLogprobs: true }));
    fake().script(MODEL, { text: 'fine' });
    const p = provider();
    const first = await drain(p, ask(MODEL, 'hi', { logprobs: true }));
    expect(first.text).toBe('fine');
    expect(first.logprobs).toEqual([]);
    const second = await drain(p, ask(MODEL, 'hi', { logprobs: true }));
    expect(second.text).toBe('fine');
    const sent = fake().chatRequests().map((r) => bodyOf(r)['logprobs']);
    expect(sent).toEqual([true, undefined, undefined]);
  });

  it('reports a refusal of something else (tools) as an error, and keeps asking for logprobs', async () => {
    fake().enqueue(MODEL, { httpError: { status: 400, message: `registry.ollama.ai/library/${MODEL} does not support tools` } }, { text: 'fine' });
    const p = provider();
    const refused = await drain(p, ask(MODEL, 'hi', { logprobs: true, tools: [{ name: 'get_weather' }] }));
    expect(refused.error?.message).toMatch(/does not support tools/);
    expect((await drain(p, ask(MODEL, 'hi', { logprobs: true }))).text).toBe('fine');
    expect(fake().chatRequests().map((r) => bodyOf(r)['logprobs'])).toEqual([true, true]);
  });

  it('blames a proxy, not a key, for a 401: Ollama asks for none', async () => {
    fake().enqueue(MODEL, { httpError: { status: 401, message: 'unauthorized' } });
    const r = await drain(provider(), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('auth_failed');
    expect(r.error?.message).toMatch(/refused the request \(401\): Ollama asks for no key, so a proxy in front of it does/);
  });

  it('turns whole tool calls into ToolCall chunks with JSON-text arguments', async () => {
    fake().script(MODEL, { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","days":2}' }] });
    const r = await drain(
      provider(),
      ask(MODEL, 'Weather in Paris?', { tools: [{ name: 'get_weather', description: 'Forecast', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] }),
    );
    expect(r.toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","days":2}' }]);
    expect(r.done?.finishReason).toBe('tool_calls');
    expect(bodyOf(fake().chatRequests()[0])['tools']).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Forecast', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    ]);
  });

  it('sends tool results with the name of the tool that was called', async () => {
    fake().script(MODEL, { text: 'Sunny.' });
    await drain(provider(), {
      model: MODEL,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'tool', content: '{"sky":"clear"}', toolCallId: 'c1' },
      ],
    });
    const messages = bodyOf(fake().chatRequests()[0])['messages'];
    expect(messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: '{"sky":"clear"}', tool_name: 'get_weather' },
    ]);
  });

  it('passes the output format through and gets JSON back', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const r = await drain(provider(), ask(MODEL, 'Reply in JSON', { format: schema }));
    expect(bodyOf(fake().chatRequests()[0])['format']).toEqual(schema);
    expect(JSON.parse(r.text)).toEqual({ answer: 'Reply in JSON' });
    await drain(provider(), ask(MODEL, 'json please', { format: 'json' }));
    expect(bodyOf(fake().chatRequests()[1])['format']).toBe('json');
  });

  it("maps done_reason 'length' to a length finish", async () => {
    fake().script(MODEL, { text: 'cut off', finishReason: 'length' });
    expect((await drain(provider(), ask(MODEL, 'long story'))).done?.finishReason).toBe('length');
  });

  it('tells the user to pull a model Ollama does not have', async () => {
    const r = await drain(provider(), ask('mistral:7b', 'hi'));
    expect(r.error?.code).toBe('model_not_found');
    expect(r.error?.message).toBe("Ollama has no model 'mistral:7b': run `ollama pull mistral:7b`");
    expect(r.error?.status).toBe(404);
  });

  it('tells the user to start Ollama when nothing listens at the address', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const r = await drain(createOllamaProvider({ host, maxRetries: 0 }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('unreachable');
    expect(r.error?.message).toBe(`Ollama is not running at ${host}: start it with \`ollama serve\` or fix the base URL`);
  });

  it('says why a port that fetch refuses (6000) cannot be used, as unreachable (nothing consumed)', async () => {
    const host = 'http://127.0.0.1:6000';
    const r = await drain(createOllamaProvider({ host, maxRetries: 0 }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('unreachable');
    expect(r.error?.message).toBe(`Ollama at ${host} uses port 6000, which fetch never connects to (a "bad port" of the Fetch standard, like 6000 or 10080): serve it on another port and change the base URL`);
  });

  it('reports an error line inside a 200 stream as a bad response, after the text before it', async () => {
    fake().script(MODEL, { text: 'one two three four', errorAfterChunks: { after: 2, message: 'llama runner process has terminated' } });
    const r = await drain(provider(), ask(MODEL, 'count'));
    expect(r.text).toBe('one two ');
    expect(r.error?.code).toBe('bad_response');
    expect(r.error?.message).toContain('llama runner process has terminated');
    expect(r.done).toBeUndefined();
  });

  it('enforces the total deadline even while chunks keep arriving', async () => {
    fake().script(MODEL, { text: 'a b c d e f g h i j k l m n o p', delayMs: 100 });
    const r = await drain(provider({ timeoutMs: 350, idleTimeoutMs: 300 }), ask(MODEL, 'slow'));
    expect(r.error?.code).toBe('timeout');
    expect(r.error?.message).toContain('did not finish within 0.3 s');
  });

  it('does not send anything when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await drain(provider(), ask(MODEL, 'never'), { signal: ac.signal });
    expect(r.error?.code).toBe('cancelled');
    expect(fake().chatRequests()).toHaveLength(0);
  });

  it('retries a busy server after its Retry-After, then streams', async () => {
    fake().enqueue(MODEL, { httpError: { status: 503, headers: { 'retry-after': '0.05' } } });
    fake().script(MODEL, { text: 'ok now' });
    const r = await drain(provider({ maxRetries: 2 }), ask(MODEL, 'hi'));
    expect(r.text).toBe('ok now');
    expect(fake().chatRequests()).toHaveLength(2);
  });

  it('lists installed models from /api/tags', async () => {
    await fake.restart(() => startFakeOllama({ models: ['llama3.2:3b', 'qwen2.5:7b'] }));
    const models = await provider().listModels?.();
    expect(models).toEqual([
      { name: 'llama3.2:3b', sizeBytes: expect.any(Number), parameterSize: '3B', family: 'llama', quantization: 'Q4_K_M' },
      { name: 'qwen2.5:7b', sizeBytes: expect.any(Number), parameterSize: '7B', family: 'qwen', quantization: 'Q4_K_M' },
    ]);
  });

  it('reports listing an unreachable server as unreachable', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    await expect(createOllamaProvider({ host }).listModels?.()).rejects.toMatchObject({ code: 'unreachable' });
  });
});
