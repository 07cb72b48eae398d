import { describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type OpenAICompatibleOptions } from '../../../electron/node/providers/openai-compatible.ts';
import { startFakeOpenAI } from '../../fakes/index.ts';
import { ask, bodyOf, closedPort, drain } from './helpers.ts';
import { fakePerTest } from './per-test-fake.ts';
import { itKeepsTheStreamContract } from './stream-contract.ts';

const MODEL = 'gpt-4o-mini';
const fake = fakePerTest(() => startFakeOpenAI({ models: [MODEL, 'gpt-4o'], requireApiKey: 'sk-test' }));

const provider = (extra: Partial<OpenAICompatibleOptions> = {}) =>
  createOpenAICompatibleProvider({ kind: 'openai', baseUrl: fake().url, apiKey: 'sk-test', keyEnv: 'OPENAI_API_KEY', maxRetries: 0, ...extra });

describe('OpenAI-compatible provider', () => {
  itKeepsTheStreamContract({ name: 'OpenAI', model: MODEL, fake, provider });

  it('streams the answer and reports usage, including cached prompt tokens, from the usage chunk', async () => {
    fake().script(MODEL, { text: 'The answer is 42.', usage: { input: 1200, output: 6, cached: 1024 } });
    const r = await drain(provider(), ask(MODEL, 'Meaning of life?', { maxTokens: 50, temperature: 0 }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('The answer is 42.');
    expect(r.done).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 1200, outputTokens: 6, cachedInputTokens: 1024, cacheWriteTokens: 0 } });
    const req = fake().chatRequests()[0];
    expect(req?.headers['authorization']).toBe('Bearer sk-test');
    const body = bodyOf(req);
    expect(body['stream']).toBe(true);
    expect(body['stream_options']).toEqual({ include_usage: true });
    expect(body['max_completion_tokens']).toBe(50);
    expect(body['temperature']).toBe(0);
    expect(body['logprobs']).toBeUndefined();
  });

  it('reports usage as null when the server sends no usage chunk', async () => {
    fake().script(MODEL, { text: 'no usage here', usage: null });
    const r = await drain(provider(), ask(MODEL, 'hi'));
    expect(r.text).toBe('no usage here');
    expect(r.done).toEqual({ type: 'done', finishReason: 'stop', usage: null });
  });

  it('reads a refusal, which streams in `refusal` deltas and finishes with stop, as a content-filter finish with its words', async () => {
    const schema = { type: 'object', properties: { recipe: { type: 'string' } } };
    fake().script(MODEL, { refusal: "I'm sorry, I can't help with that." });
    const r = await drain(provider(), ask(MODEL, 'How do I make napalm?', { format: schema }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe("I'm sorry, I can't help with that.");
    expect(r.done?.finishReason).toBe('content_filter');
  });

  it('asks for and yields token logprobs', async () => {
    fake().script(MODEL, { chunks: ['Yes', '.'], logprobs: [-0.02, -0.3] });
    const r = await drain(provider(), ask(MODEL, 'Sure?', { logprobs: true }));
    expect(bodyOf(fake().chatRequests()[0])['logprobs']).toBe(true);
    expect(r.logprobs).toEqual([
      { token: 'Yes', logprob: -0.02 },
      { token: '.', logprob: -0.3 },
    ]);
  });

  it('retries without logprobs when the server rejects them, and stops asking', async () => {
    fake().enqueue(MODEL, { httpError: { status: 400, message: '`logprobs` is not supported with this model' } });
    fake().script(MODEL, { text: 'fine' });
    const p = provider();
    expect((await drain(p, ask(MODEL, 'hi', { logprobs: true }))).text).toBe('fine');
    expect((await drain(p, ask(MODEL, 'hi', { logprobs: true }))).text).toBe('fine');
    expect(fake().chatRequests().map((r) => bodyOf(r)['logprobs'])).toEqual([true, undefined, undefined]);
  });

  it('assembles streamed tool-call fragments into whole tool calls', async () => {
    fake().script(MODEL, {
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris","unit":"C"}', argumentChunks: ['{"ci', 'ty":"Par', 'is","unit":"C"}'] },
        { id: 'call_b', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
      ],
    });
    const r = await drain(provider(), ask(MODEL, 'Weather and time in Paris?', { tools: [{ name: 'get_weather' }, { name: 'get_time', parameters: { type: 'object' } }] }));
    expect(r.toolCalls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris","unit":"C"}' },
      { id: 'call_b', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
    ]);
    expect(r.done?.finishReason).toBe('tool_calls');
    expect(bodyOf(fake().chatRequests()[0])['tools']).toEqual([
      { type: 'function', function: { name: 'get_weather' } },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
    ]);
  });

  it('maps the output format to response_format', async () => {
    await drain(provider(), ask(MODEL, 'json', { format: 'json' }));
    const schema = { type: 'object', properties: { n: { type: 'number' } } };
    const r = await drain(provider(), ask(MODEL, 'schema', { format: schema }));
    expect(bodyOf(fake().chatRequests()[0])['response_format']).toEqual({ type: 'json_object' });
    expect(bodyOf(fake().chatRequests()[1])['response_format']).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema } });
    expect(JSON.parse(r.text)).toEqual({ answer: 'schema' });
  });

  it("sends the tier's thinking level as reasoning_effort, 'off' as 'none', and nothing by default", async () => {
    for (const thinking of ['off', 'low', undefined] as const) {
      fake().script(MODEL, { text: 'ok' });
      await drain(provider(), ask(MODEL, 'hi', thinking ? { thinking } : {}));
    }
    expect(fake().chatRequests().map((r) => bodyOf(r)['reasoning_effort'])).toEqual(['none', 'low', undefined]);
  });

  it('answers without reasoning_effort when the model refuses it, and stops sending it to that model', async () => {
    const refused = { httpError: { status: 400, message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.", type: 'invalid_request_error', code: 'unsupported_parameter' } };
    fake().script(MODEL, (call) => (call.body['reasoning_effort'] !== undefined ? refused : { text: 'ok' }));
    const p = provider();
    const first = await drain(p, ask(MODEL, 'hi', { thinking: 'high' }));
    expect(first.error).toBeUndefined();
    expect(first.text).toBe('ok');
    await drain(p, ask(MODEL, 'hi', { thinking: 'high' }));
    expect(fake().chatRequests().map((r) => bodyOf(r)['reasoning_effort'])).toEqual(['high', undefined, undefined]);
  });

  it("maps finish_reason 'length'", async () => {
    fake().script(MODEL, { text: 'truncated', finishReason: 'length' });
    expect((await drain(provider(), ask(MODEL, 'essay'))).done?.finishReason).toBe('length');
  });

  it('names the key variable when the API key is rejected', async () => {
    const r = await drain(provider({ apiKey: 'sk-wrong' }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('auth_failed');
    expect(r.error?.status).toBe(401);
    expect(r.error?.message).toBe('OpenAI rejected the API key (401): set a valid OPENAI_API_KEY under Providers in Settings');
  });

  it('reports an unknown model as model_not_found', async () => {
    const r = await drain(provider(), ask('gpt-9', 'hi'));
    expect(r.error?.code).toBe('model_not_found');
    expect(r.error?.message).toBe("OpenAI has no model 'gpt-9' (404): check the model name in Settings");
  });

  it('honours a short Retry-After on 429 and then succeeds', async () => {
    fake().enqueue(MODEL, { httpError: { status: 429, headers: { 'retry-after-ms': '50' } } });
    fake().script(MODEL, { text: 'after the wait' });
    const r = await drain(provider({ maxRetries: 2 }), ask(MODEL, 'hi'));
    expect(r.text).toBe('after the wait');
    expect(fake().chatRequests()).toHaveLength(2);
  });

  it('names Groq in its rate-limit message', async () => {
    fake().script(MODEL, { httpError: { status: 429, headers: { 'retry-after': '2' } } });
    const r = await drain(provider({ kind: 'groq', maxRetries: 0 }), ask(MODEL, 'hi'));
    expect(r.error?.message).toBe('Groq rate-limited the request; retry after 2.0 s');
    expect(r.error?.retryAfterMs).toBe(2000);
  });

  it('reports a 500 that persists through the retries as provider_error', async () => {
    fake().script(MODEL, { httpError: { status: 500, headers: { 'retry-after-ms': '10' } } });
    const r = await drain(provider({ maxRetries: 1 }), ask(MODEL, 'hi'));
    expect(r.error?.code).toBe('provider_error');
    expect(r.error?.status).toBe(500);
    expect(r.error?.message).toContain(`OpenAI at ${fake().url} failed with HTTP 500`);
    expect(fake().chatRequests()).toHaveLength(2);
  });

  it("quotes an overloaded server's own sentence, without adding the advice it already gives", async () => {
    fake().script(MODEL, { httpError: { status: 503, message: 'The engine is currently overloaded, please try again later.' } });
    const r = await drain(provider({ maxRetries: 0 }), ask(MODEL, 'hi'));
    // Not "…please try again later: it is overloaded, try again shortly": the advice once.
    expect(r.error?.message).toBe(`OpenAI at ${fake().url} failed with HTTP 503: The engine is currently overloaded, please try again later`);
  });

  it('adds to a 5xx sentence only the advice it leaves out', async () => {
    const failWith = async (status: number, message: string) => {
      fake().script(MODEL, { httpError: { status, message } });
      return (await drain(provider({ maxRetries: 0 }), ask(MODEL, 'hi'))).error?.message;
    };
    expect(await failWith(503, 'Service Unavailable')).toBe(`OpenAI at ${fake().url} failed with HTTP 503: Service Unavailable: it is overloaded, try again shortly`);
    expect(await failWith(503, 'Please retry your request.')).toBe(`OpenAI at ${fake().url} failed with HTTP 503: Please retry your request: it is overloaded`);
    expect(await failWith(500, 'Internal error, please try again later.')).toBe(`OpenAI at ${fake().url} failed with HTTP 500: Internal error, please try again later; if it keeps failing, check the server's log`);
    expect(await failWith(500, 'The model crashed.')).toBe(`OpenAI at ${fake().url} failed with HTTP 500: The model crashed: try again; if it keeps failing, check the server's log`);
    expect(await failWith(504, 'Gateway timeout, try again.')).toBe(`OpenAI at ${fake().url} timed out (504): Gateway timeout, try again`);
  });

  it('recognises a context-length rejection', async () => {
    fake().script(MODEL, {
      httpError: { status: 400, code: 'context_length_exceeded', message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens." },
    });
    const r = await drain(provider(), ask(MODEL, 'huge'));
    expect(r.error?.code).toBe('context_too_long');
  });

  it('reports an error event inside the stream as a bad response', async () => {
    fake().script(MODEL, { text: 'one two three', errorAfterChunks: { after: 1, message: 'upstream failed' } });
    const r = await drain(provider(), ask(MODEL, 'count'));
    expect(r.text).toBe('one ');
    expect(r.error?.code).toBe('bad_response');
    expect(r.error?.message).toContain('upstream failed');
  });

  it('ends promptly with cancelled when the caller aborts during a retry wait', async () => {
    fake().script(MODEL, { httpError: { status: 503, headers: { 'retry-after': '5' } } });
    const ac = new AbortController();
    const done = drain(provider({ maxRetries: 2 }), ask(MODEL, 'hi'), { signal: ac.signal });
    await expect.poll(() => fake().chatRequests().length).toBe(1);
    ac.abort();
    const r = await done;
    expect(r.error?.code).toBe('cancelled');
    expect(fake().chatRequests()).toHaveLength(1);
  });

  it('reports a server that is not running as unreachable', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await drain(createOpenAICompatibleProvider({ kind: 'vllm', baseUrl, maxRetries: 0 }), ask('qwen', 'hi'));
    expect(r.error?.code).toBe('unreachable');
    expect(r.error?.message).toBe(`vLLM is not running at ${baseUrl}: start it with \`vllm serve <model>\` or fix the base URL`);
  });

  it('lists the models from /v1/models', async () => {
    expect(await provider().listModels?.()).toEqual([{ name: MODEL }, { name: 'gpt-4o' }]);
  });
});

describe('vLLM flavour', () => {
  const vllm = fakePerTest(() => startFakeOpenAI({ flavour: 'vllm', models: ['Qwen/Qwen2.5-7B-Instruct'] }));
  const p = () => createOpenAICompatibleProvider({ kind: 'vllm', baseUrl: vllm().url, maxRetries: 0 });

  it('streams without an API key and sends max_tokens', async () => {
    vllm().script('Qwen/Qwen2.5-7B-Instruct', { text: 'Bonjour', usage: { input: 12, output: 2 } });
    const r = await drain(p(), ask('Qwen/Qwen2.5-7B-Instruct', 'Say hello in French', { maxTokens: 20 }));
    expect(r.text).toBe('Bonjour');
    expect(r.done?.usage).toEqual({ inputTokens: 12, outputTokens: 2, cachedInputTokens: 0, cacheWriteTokens: 0 });
    expect(vllm().chatRequests()[0]?.headers['authorization']).toBe('Bearer not-needed');
    expect(bodyOf(vllm().chatRequests()[0])['max_tokens']).toBe(20);
  });

  it("reads the reasoning from DeepSeek's and older vLLM's reasoning_content too", async () => {
    vllm().script('Qwen/Qwen2.5-7B-Instruct', { thinking: ['Bonjour is hello.'], reasoningField: 'reasoning_content', text: 'Bonjour' });
    const r = await drain(p(), ask('Qwen/Qwen2.5-7B-Instruct', 'Say hello in French'));
    expect(r.text).toBe('Bonjour');
    expect(r.chunks.filter((c) => c.type === 'thinking')).toEqual([{ type: 'thinking', text: 'Bonjour is hello.' }]);
  });

  it('asks for a key variable on the tier when a server that had none wants a key', async () => {
    vllm().enqueue('Qwen/Qwen2.5-7B-Instruct', { httpError: { status: 401, message: 'Unauthorized' } });
    const r = await drain(p(), ask('Qwen/Qwen2.5-7B-Instruct', 'hi'));
    expect(r.error?.message).toBe(`vLLM at ${vllm().url} wants an API key (401): give the tier an API key variable in Settings, then set that key under Providers`);
  });

  it('maps its integer error code 404 to model_not_found', async () => {
    const r = await drain(p(), ask('llama-70b', 'hi'));
    expect(r.error?.code).toBe('model_not_found');
    expect(r.error?.message).toBe("vLLM has no model 'llama-70b' (404): check the model name in Settings");
  });
});

describe('Groq flavour', () => {
  const groq = fakePerTest(() => startFakeOpenAI({ flavour: 'groq', models: ['llama-3.3-70b-versatile'] }));

  it("reads the usage Groq streams in x_groq, so its cost is reported, not estimated", async () => {
    groq().script('llama-3.3-70b-versatile', { text: 'Hello from Groq.', usage: { input: 21, output: 5 } });
    const r = await drain(createOpenAICompatibleProvider({ kind: 'groq', baseUrl: groq().url, apiKey: 'gsk-test', maxRetries: 0 }), ask('llama-3.3-70b-versatile', 'Say hello'));
    expect(r.text).toBe('Hello from Groq.');
    expect(r.done?.usage).toEqual({ inputTokens: 21, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0 });
  });
});

describe("OpenAI's reasoning models (gpt-5)", () => {
  const REASONING = 'gpt-5-mini';
  const PLAIN = 'gpt-4.1-mini';
  const openai = fakePerTest(() => startFakeOpenAI({ models: [REASONING, PLAIN], reasoningModels: [REASONING] }));
  const p = () => createOpenAICompatibleProvider({ kind: 'openai', baseUrl: openai().url, apiKey: 'sk-test', maxRetries: 0 });
  const sent = (field: string) => openai().chatRequests().map((r) => bodyOf(r)[field]);

  it('answers without logprobs after the 403 that refuses them, and still asks other models', async () => {
    const provider = p();
    for (const model of [REASONING, REASONING, PLAIN]) {
      const r = await drain(provider, ask(model, 'hi', { logprobs: true }));
      expect(r.error).toBeUndefined();
    }
    expect(sent('logprobs')).toEqual([true, undefined, undefined, true]);
  });

  it('draws samples at the only temperature the model takes, its default', async () => {
    const provider = p();
    const sample = await drain(provider, ask(REASONING, 'hi', { temperature: 0.7, sample: 1 }));
    expect(sample.error).toBeUndefined();
    await drain(provider, ask(REASONING, 'hi', { temperature: 0.7, sample: 2 }));
    await drain(provider, ask(PLAIN, 'hi', { temperature: 0.7, sample: 1 }));
    expect(sent('temperature')).toEqual([0.7, undefined, undefined, 0.7]);
  });

  it("turns reasoning as far off as the model goes: 'minimal' where 'none' is refused", async () => {
    const provider = p();
    const r = await drain(provider, ask(REASONING, 'hi', { thinking: 'off' }));
    expect(r.error).toBeUndefined();
    await drain(provider, ask(REASONING, 'hi', { thinking: 'off' }));
    await drain(provider, ask(REASONING, 'hi', { thinking: 'high' }));
    expect(sent('reasoning_effort')).toEqual(['none', 'minimal', 'minimal', 'high']);
  });

  it('asks for JSON in words when JSON mode is on and no message mentions it, as OpenAI requires', async () => {
    const r = await drain(p(), ask(PLAIN, 'The capital of France, as an object with a field capital', { format: 'json' }));
    expect(r.error).toBeUndefined();
    const messages = bodyOf(openai().chatRequests()[0])['messages'] as { role: string; content: string }[];
    expect(messages[0]).toEqual({ role: 'system', content: 'Answer with a single valid JSON value and nothing else.' });
    expect(openai().chatRequests()).toHaveLength(1);
  });
});
