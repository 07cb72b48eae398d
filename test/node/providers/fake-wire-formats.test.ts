// The fakes are only useful if they speak the documented wire formats; these read them raw.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, startFakeOllama, startFakeOpenAI } from '../../fakes/index.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('fake Ollama', () => {
  it('answers the health, version and tags endpoints like Ollama', async () => {
    const f = await startFakeOllama({ models: ['llama3.2:3b'] });
    closers.push(f.close);
    expect(await (await fetch(`${f.url}/`)).text()).toBe('Ollama is running');
    expect(await (await fetch(`${f.url}/api/version`)).json()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const tags: unknown = await (await fetch(`${f.url}/api/tags`)).json();
    expect(tags).toMatchObject({ models: [{ name: 'llama3.2:3b', model: 'llama3.2:3b', details: { format: 'gguf' } }] });
  });

  it('streams NDJSON whose final line omits zero metrics and carries durations in ns', async () => {
    const f = await startFakeOllama();
    closers.push(f.close);
    f.script('m', { text: 'hi there', usage: { input: 0, output: 2 } });
    const res = await post(`${f.url}/api/chat`, { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, -1).map((l) => l['done'])).toEqual([false, false]);
    const last = lines.at(-1) ?? {};
    expect(last).toMatchObject({ done: true, done_reason: 'stop', eval_count: 2 });
    expect(last).not.toHaveProperty('prompt_eval_count');
    expect(last['total_duration']).toBeGreaterThan(1e6);
  });

  it('answers stream:false with one object, and 404 for an unknown model', async () => {
    const f = await startFakeOllama();
    closers.push(f.close);
    f.script('m', { text: 'whole answer' });
    const one = (await (await post(`${f.url}/api/chat`, { model: 'm', stream: false, messages: [] })).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ done: true, message: { role: 'assistant', content: 'whole answer' } });
    const missing = await post(`${f.url}/api/chat`, { model: 'nope', messages: [] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope' not found" });
  });
});

describe('fake OpenAI', () => {
  it('streams SSE with a role delta first, a choices:[] usage chunk and [DONE]', async () => {
    const f = await startFakeOpenAI();
    closers.push(f.close);
    f.script('gpt-4o', { text: 'a b', usage: { input: 10, output: 2, cached: 4 } });
    const res = await post(`${f.url}/chat/completions`, { model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }] });
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown });
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 4 } } });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[1]).toHaveProperty('usage', null);
  });

  it('sends 429 with Retry-After and a rate_limit_exceeded body; vLLM uses integer codes', async () => {
    const f = await startFakeOpenAI();
    const v = await startFakeOpenAI({ flavour: 'vllm' });
    closers.push(f.close, v.close);
    f.script('gpt-4o', { httpError: { status: 429, headers: { 'retry-after': '3' } } });
    const res = await post(`${f.url}/chat/completions`, { model: 'gpt-4o', messages: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests', param: null } });
    const vres = await post(`${v.url}/chat/completions`, { model: 'unknown', messages: [] });
    expect(await vres.json()).toMatchObject({ error: { code: 404, type: 'NotFoundError' } });
  });
});

describe('fake Anthropic', () => {
  it('streams named SSE events in the documented order', async () => {
    const f = await startFakeAnthropic();
    closers.push(f.close);
    f.script('claude', { text: 'x y', usage: { input: 100, output: 2, cached: 60 } });
    const res = await post(`${f.url}/v1/messages`, { model: 'claude', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'q' }] }, { 'anthropic-version': '2023-06-01' });
    const names = [...(await res.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('streams tool input after an empty fragment, and repeats the input counts in message_delta', async () => {
    const f = await startFakeAnthropic();
    closers.push(f.close);
    f.script('claude', {
      toolCalls: [
        { id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { id: 'toolu_2', name: 'list_files', arguments: '{}' },
      ],
      usage: { input: 100, output: 9, cached: 60, cacheWrite: 10 },
    });
    const res = await post(`${f.url}/v1/messages`, { model: 'claude', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'q' }] }, { 'anthropic-version': '2023-06-01' });
    const events = [...(await res.text()).matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
    const fragments = (index: number) =>
      events.flatMap((e) => (e['type'] === 'content_block_delta' && e['index'] === index && isObject(e['delta']) ? [e['delta']['partial_json']] : []));
    expect(fragments(0)[0]).toBe('');
    expect(fragments(0).join('')).toBe('{"city":"Oslo"}');
    // A tool called without arguments: the empty fragment alone, its input the `{}` of content_block_start.
    expect(fragments(1)).toEqual(['']);
    expect(events.find((e) => e['type'] === 'message_delta')?.['usage']).toEqual({ input_tokens: 30, cache_creation_input_tokens: 10, cache_read_input_tokens: 60, output_tokens: 9 });
  });

  it('reports errors in the Anthropic error shape and requires anthropic-version', async () => {
    const f = await startFakeAnthropic();
    closers.push(f.close);
    const noVersion = await post(`${f.url}/v1/messages`, { model: 'claude', max_tokens: 1, messages: [] });
    expect(noVersion.status).toBe(400);
    const missing = await post(`${f.url}/v1/messages`, { model: 'claude', max_tokens: 1, messages: [] }, { 'anthropic-version': '2023-06-01' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: 'model: claude' } });
  });

  it('refuses thinking settings as the real API does: bad values, and what the model cannot do', async () => {
    const f = await startFakeAnthropic({ models: ['new', 'old', 'always'], adaptiveModels: ['new', 'always'], alwaysThinkingModels: ['always'] });
    closers.push(f.close);
    const send = async (model: string, extra: Record<string, unknown>) => {
      const res = await post(`${f.url}/v1/messages`, { model, max_tokens: 64, messages: [{ role: 'user', content: 'q' }], ...extra }, { 'anthropic-version': '2023-06-01' });
      return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
    };
    const refusal = (message: string) => ({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message }, request_id: 'req_fake' } });
    const adaptive = { thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'high' } };

    expect((await send('new', adaptive)).status).toBe(200);
    expect((await send('new', { ...adaptive, output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } } })).status).toBe(200);
    expect(await send('new', { ...adaptive, output_config: { effort: 'extreme' } })).toEqual(refusal("output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"));
    expect(await send('new', { ...adaptive, output_config: { effort: 'low', speed: 'fast' } })).toEqual(refusal('output_config.speed: Extra inputs are not permitted'));
    expect(await send('new', { thinking: { type: 'adaptive', display: 'full' } })).toEqual(refusal("thinking.adaptive.display: Input should be 'summarized' or 'omitted'"));
    expect(await send('old', adaptive)).toEqual(refusal('adaptive thinking is not supported on this model'));
    expect(await send('old', { output_config: { effort: 'low' } })).toEqual(refusal('This model does not support the effort parameter.'));
    expect((await send('old', { thinking: { type: 'disabled' } })).status).toBe(200);
    expect((await send('always', { thinking: { type: 'disabled' } })).body).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('"thinking.type.disabled" is not supported for this model') } });
    expect((await send('always', adaptive)).status).toBe(200);
  });

  it('refuses to continue a tool turn with thinking on unless its assistant message starts with a thinking block it signed for that model', async () => {
    const f = await startFakeAnthropic({ models: ['claude', 'other', 'always'], alwaysThinkingModels: ['always'] });
    closers.push(f.close);
    const version = { 'anthropic-version': '2023-06-01' };
    const call = { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } };
    // A first answer with thinking on: a signed thinking block (thinking_delta, then signature_delta), then the call.
    const blocksOf = async (model: string, extra: Record<string, unknown> = {}) => {
      f.enqueue(model, { thinking: ['Look it up.'], toolCalls: [{ id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }], ...extra });
      const res = await post(`${f.url}/v1/messages`, { model, max_tokens: 64, stream: true, thinking: { type: 'adaptive' }, messages: [{ role: 'user', content: 'Weather?' }] }, version);
      const events = [...(await res.text()).matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
      const deltas = events.flatMap((e) => (isObject(e['delta']) && typeof e['delta']['type'] === 'string' ? [e['delta']['type']] : []));
      const starts = events.flatMap((e) => (isObject(e['content_block']) ? [e['content_block']] : []));
      const signature = events.flatMap((e) => (isObject(e['delta']) && e['delta']['type'] === 'signature_delta' ? [e['delta']['signature']] : []))[0];
      return { deltas, starts, signature: String(signature) };
    };
    const turn = (model: string, assistant: unknown[], thinking?: unknown) =>
      post(
        `${f.url}/v1/messages`,
        {
          model,
          max_tokens: 64,
          ...(thinking ? { thinking } : {}),
          messages: [
            { role: 'user', content: 'Weather?' },
            { role: 'assistant', content: assistant },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: '-5 C' }] },
          ],
        },
        version,
      );
    const messageOf = async (res: Response) => [res.status, ((await res.json()) as { error?: { type: string; message: string } }).error?.message ?? 'ok'];

    const first = await blocksOf('claude');
    expect(first.deltas.filter((d) => d !== 'input_json_delta')).toEqual(['thinking_delta', 'signature_delta']);
    const signed = { type: 'thinking', thinking: 'Look it up.', signature: first.signature };

    const refused = await messageOf(await turn('claude', [call], { type: 'adaptive' }));
    expect(refused[0]).toBe(400);
    expect(refused[1]).toMatch(/^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\. .*a final `assistant` message must start with a thinking block/);
    expect((await turn('claude', [call], { type: 'enabled', budget_tokens: 1024 })).status).toBe(400);
    expect(await messageOf(await turn('claude', [signed, call], { type: 'adaptive' }))).toEqual([200, 'ok']);
    // A block it never signed, or signed for another model, is refused wherever it is.
    expect(await messageOf(await turn('claude', [{ ...signed, signature: 'sig' }, call], { type: 'adaptive' }))).toEqual([400, 'messages.1.content.0: Invalid `signature` in `thinking` block']);
    expect(await messageOf(await turn('other', [signed, call], { type: 'adaptive' }))).toEqual([400, 'messages.1.content.0: Invalid `signature` in `thinking` block']);
    // Thinking off, or left to a model's default that does not think: no block needed.
    expect((await turn('claude', [call], { type: 'disabled' })).status).toBe(200);
    expect((await turn('claude', [call])).status).toBe(200);
    // A model that cannot stop thinking wants the block even when the request says nothing of thinking.
    expect((await turn('always', [call])).status).toBe(400);

    // A redacted block comes whole in content_block_start and is as good as a thinking block.
    const redacted = await blocksOf('claude', { redactedThinking: true });
    const data = redacted.starts.find((b) => b['type'] === 'redacted_thinking')?.['data'];
    expect(typeof data).toBe('string');
    expect(await messageOf(await turn('claude', [{ type: 'redacted_thinking', data }, call], { type: 'adaptive' }))).toEqual([200, 'ok']);
  });

  it('streams thinking text unless the model leaves it out, by default or when asked', async () => {
    const f = await startFakeAnthropic({ omittedThinkingModels: ['terse'] });
    closers.push(f.close);
    for (const m of ['chatty', 'terse']) f.script(m, { thinking: ['Hmm.'], text: 'A.' });
    const deltas = async (model: string, display?: string) => {
      const thinking = { type: 'adaptive', ...(display ? { display } : {}) };
      const res = await post(`${f.url}/v1/messages`, { model, max_tokens: 64, stream: true, thinking, messages: [{ role: 'user', content: 'q' }] }, { 'anthropic-version': '2023-06-01' });
      return [...(await res.text()).matchAll(/"delta":\{"type":"(\w+)"/g)].map((x) => x[1]);
    };
    expect(await deltas('chatty')).toEqual(['thinking_delta', 'signature_delta', 'text_delta']);
    expect(await deltas('chatty', 'omitted')).toEqual(['signature_delta', 'text_delta']);
    expect(await deltas('terse')).toEqual(['signature_delta', 'text_delta']);
    expect(await deltas('terse', 'summarized')).toEqual(['thinking_delta', 'signature_delta', 'text_delta']);
  });
});
