import { describe, expect, it } from 'vitest';
import { createAnthropicProvider, type AnthropicProviderOptions } from '../../../electron/node/providers/anthropic.ts';
import { startFakeAnthropic } from '../../fakes/index.ts';
import type { ChatMessage, ThinkingLevel } from '../../../shared/core/model.ts';
import type { ProviderReasoning } from '../../../shared/core/reasoning.ts';
import { ask, bodyOf, closedPort, drain, type Drained } from './helpers.ts';
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

  it('reads the empty input of a tool without parameters as {}, not as empty text', async () => {
    // The API streams a tool's input as JSON text after an empty first fragment; for a tool
    // without parameters that fragment is all there is.
    fake().script(MODEL, { toolCalls: [{ id: 'toolu_2', name: 'list_files', arguments: '{}' }] });
    const r = await drain(provider(), ask(MODEL, 'What files are there?', { tools: [{ name: 'list_files' }] }));
    expect(r.error).toBeUndefined();
    expect(r.toolCalls).toEqual([{ id: 'toolu_2', name: 'list_files', arguments: '{}' }]);
    expect(r.done?.finishReason).toBe('tool_calls');
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

  it('sends a level as adaptive thinking at that effort, off as disabled, and neither for the default', async () => {
    for (const thinking of ['low', 'medium', 'high', 'off', undefined] as const) await drain(provider(), ask(MODEL, 'hi', thinking ? { thinking } : {}));
    expect(fake().chatRequests().map((r) => [bodyOf(r)['thinking'], bodyOf(r)['output_config']])).toEqual([
      [{ type: 'adaptive', display: 'summarized' }, { effort: 'low' }],
      [{ type: 'adaptive', display: 'summarized' }, { effort: 'medium' }],
      [{ type: 'adaptive', display: 'summarized' }, { effort: 'high' }],
      [{ type: 'disabled' }, undefined],
      [undefined, undefined],
    ]);
  });

  it('puts a JSON schema and an effort in one output_config', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'number' } } };
    fake().script(MODEL, { text: '{"answer":391}' });
    const r = await drain(provider(), ask(MODEL, '17 * 23?', { format: schema, thinking: 'medium' }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('{"answer":391}');
    const body = bodyOf(fake().chatRequests()[0]);
    expect(body['output_config']).toEqual({ format: { type: 'json_schema', schema }, effort: 'medium' });
    expect(body['thinking']).toEqual({ type: 'adaptive', display: 'summarized' });
  });

  it('streams adaptive thinking apart from the answer, even from a model that leaves it out by default', async () => {
    await fake.restart(() => startFakeAnthropic({ models: [MODEL], requireApiKey: 'sk-ant-test', omittedThinkingModels: [MODEL] }));
    fake().script(MODEL, { thinking: ['17 * 20 = 340, ', '17 * 3 = 51.'], text: '391' });
    const r = await drain(provider(), ask(MODEL, '17 * 23?', { thinking: 'high' }));
    expect(r.chunks.filter((c) => c.type === 'thinking')).toEqual([
      { type: 'thinking', text: '17 * 20 = 340, ' },
      { type: 'thinking', text: '17 * 3 = 51.' },
    ]);
    expect(r.text).toBe('391');
    // Left to its default, this model sends its thinking block empty.
    const quiet = await drain(provider(), ask(MODEL, '17 * 23?'));
    expect(quiet.chunks.filter((c) => c.type === 'thinking')).toEqual([]);
    expect(quiet.text).toBe('391');
  });

  it('asks a model that refuses adaptive thinking once more without it and effort, and never again; other models keep it', async () => {
    const OLD = 'claude-haiku-4-5';
    await fake.restart(() => startFakeAnthropic({ models: [MODEL, OLD], requireApiKey: 'sk-ant-test', adaptiveModels: [MODEL] }));
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    fake().script(OLD, { text: '{"ok":true}' });
    const p = provider();
    const first = await drain(p, ask(OLD, 'a', { thinking: 'high', format: schema }));
    expect(first.error).toBeUndefined();
    expect(first.text).toBe('{"ok":true}');
    await drain(p, ask(OLD, 'b', { thinking: 'low' }));
    await drain(p, ask(MODEL, 'c', { thinking: 'high' }));
    // Turning thinking off is another request, which this model takes.
    await drain(p, ask(OLD, 'd', { thinking: 'off' }));
    expect(fake().chatRequests().map((r) => [bodyOf(r)['model'], bodyOf(r)['thinking'], bodyOf(r)['output_config']])).toEqual([
      [OLD, { type: 'adaptive', display: 'summarized' }, { format: { type: 'json_schema', schema }, effort: 'high' }],
      [OLD, undefined, { format: { type: 'json_schema', schema } }],
      [OLD, undefined, undefined],
      [MODEL, { type: 'adaptive', display: 'summarized' }, { effort: 'high' }],
      [OLD, { type: 'disabled' }, undefined],
    ]);
  });

  it('takes a refusal of the effort parameter alone as a refusal of the level', async () => {
    fake().enqueue('claude-opus-4-5', { httpError: { status: 400, message: 'This model does not support the effort parameter.' } }, { text: 'Fine.' });
    const r = await drain(provider(), ask('claude-opus-4-5', 'hi', { thinking: 'medium' }));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('Fine.');
    expect(fake().chatRequests().map((q) => bodyOf(q)['output_config'])).toEqual([{ effort: 'medium' }, undefined]);
  });

  it('does not take a refused JSON schema for a refused level: it reports it, and keeps asking for the level', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    fake().enqueue(MODEL, { httpError: { status: 400, message: 'output_config.format.schema: For \'object\' type, \'additionalProperties\' must be explicitly set to false' } });
    const p = provider();
    const refused = await drain(p, ask(MODEL, 'a', { thinking: 'high', format: schema }));
    expect(refused.error?.code).toBe('provider_error');
    expect(refused.error?.message).toContain('additionalProperties');
    await drain(p, ask(MODEL, 'b', { thinking: 'high' }));
    // No second try without thinking: two requests, both asking for it.
    expect(fake().chatRequests().map((r) => bodyOf(r)['thinking'])).toEqual([{ type: 'adaptive', display: 'summarized' }, { type: 'adaptive', display: 'summarized' }]);
  });

  it('asks a model that cannot stop thinking without `disabled`, and still asks it for a level', async () => {
    const ALWAYS = 'claude-opus-4-7';
    await fake.restart(() => startFakeAnthropic({ models: [MODEL, ALWAYS], requireApiKey: 'sk-ant-test', alwaysThinkingModels: [ALWAYS] }));
    fake().enqueue(ALWAYS, { text: 'Thought anyway.' }, { text: 'Again.' }, { thinking: ['Deeply.'], text: 'Deep.' });
    const p = provider();
    const refused = await drain(p, ask(ALWAYS, 'a', { thinking: 'off' }));
    expect(refused.error).toBeUndefined();
    expect(refused.text).toBe('Thought anyway.');
    await drain(p, ask(ALWAYS, 'b', { thinking: 'off' }));
    const deep = await drain(p, ask(ALWAYS, 'c', { thinking: 'high' }));
    expect(deep.chunks.filter((c) => c.type === 'thinking')).toEqual([{ type: 'thinking', text: 'Deeply.' }]);
    await drain(p, ask(MODEL, 'd', { thinking: 'off' }));
    expect(fake().chatRequests().map((r) => [bodyOf(r)['model'], bodyOf(r)['thinking']])).toEqual([
      [ALWAYS, { type: 'disabled' }],
      [ALWAYS, undefined],
      [ALWAYS, undefined],
      [ALWAYS, { type: 'adaptive', display: 'summarized' }],
      [MODEL, { type: 'disabled' }],
    ]);
  });

  it('finishes an answer that called tools without the level, and keeps the level for the next question', async () => {
    // The chat messages carry no thinking blocks; with thinking on, the API refuses the tool
    // results' turn unless its assistant message starts with one.
    const toolTurn = [
      { role: 'user' as const, content: 'Weather?' },
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { role: 'tool' as const, content: '-5 C', toolCallId: 'toolu_9' },
    ];
    fake().enqueue(MODEL, { text: 'Cold.' }, { text: 'Warm.' });
    const p = provider();
    const continued = await drain(p, { model: MODEL, thinking: 'high', messages: toolTurn });
    const next = await drain(p, { model: MODEL, thinking: 'high', messages: [...toolTurn, { role: 'assistant', content: 'Cold.' }, { role: 'user', content: 'And in Rome?' }] });
    expect([continued.error, continued.text, next.error, next.text]).toEqual([undefined, 'Cold.', undefined, 'Warm.']);
    const bodies = fake().chatRequests().map(bodyOf);
    // No refused request, and so no refusal remembered: the next question thinks at its level.
    expect(bodies.map((b) => [b['thinking'], b['output_config']])).toEqual([
      [undefined, undefined],
      [{ type: 'adaptive', display: 'summarized' }, { effort: 'high' }],
    ]);
  });

  it('does not take a refused tool turn for a refused level when it sent no thinking: the level stays for the next question', async () => {
    // A model that thinks by default (Opus 4.7) wants its thinking blocks back in a tool turn
    // even when the request, which leaves the level out there, says nothing of thinking.
    const toolTurn = [
      { role: 'user' as const, content: 'Weather?' },
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { role: 'tool' as const, content: '-5 C', toolCallId: 'toolu_9' },
    ];
    const needsBlocks = 'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.';
    fake().enqueue(MODEL, { httpError: { status: 400, message: needsBlocks } }, { text: 'Unexpected second try.' }, { text: 'Warm.' });
    const p = provider();
    const continued = await drain(p, { model: MODEL, thinking: 'high', messages: toolTurn });
    expect(continued.error?.code).toBe('provider_error');
    expect(continued.error?.message).toContain('thinking block');
    const next = await drain(p, ask(MODEL, 'And in Rome?', { thinking: 'high' }));
    expect(next.error).toBeUndefined();
    // The same request twice would fail twice; and the next question still thinks at its level.
    expect(fake().chatRequests().map((r) => bodyOf(r)['thinking'])).toEqual([undefined, { type: 'adaptive', display: 'summarized' }]);
  });

  describe('thinking blocks of an answer that called tools', () => {
    const ALWAYS = 'claude-opus-4-7';
    const weather = { id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' };
    const restart = () => fake.restart(() => startFakeAnthropic({ models: [MODEL, ALWAYS], requireApiKey: 'sk-ant-test', alwaysThinkingModels: [ALWAYS] }));
    /** The tool turn after an answer that called get_weather, its assistant message carrying `reasoning` when given. */
    const continuation = (reasoning?: ProviderReasoning): ChatMessage[] => [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', toolCalls: [weather], ...(reasoning ? { reasoning } : {}) },
      { role: 'tool', content: '-5 C', toolCallId: 'toolu_9' },
    ];
    /** Asks `model` with thinking at `thinking`; its answer thinks (text, then a redacted block) and calls the tool. */
    const firstAnswer = async (p: ReturnType<typeof provider>, model: string, thinking?: ThinkingLevel) => {
      fake().enqueue(model, { thinking: ['Need ', 'the forecast.'], redactedThinking: true, text: 'Checking.', toolCalls: [weather] });
      return drain(p, ask(model, 'Weather?', { tools: [{ name: 'get_weather' }], ...(thinking ? { thinking } : {}) }));
    };
    const reasoningOf = (r: Drained): ProviderReasoning | undefined => {
      const chunks = r.chunks.flatMap((c) => (c.type === 'reasoning' ? [c] : []));
      const first = chunks[0];
      return first ? { provider: first.provider, model: first.model, blocks: chunks.map((c) => c.block) } : undefined;
    };

    it('keeps each thinking block whole, with its signature, and a redacted one with its data, in order', async () => {
      await restart();
      const r = await firstAnswer(provider(), MODEL, 'high');
      expect(r.error).toBeUndefined();
      expect(r.chunks.filter((c) => c.type === 'reasoning')).toEqual([
        { type: 'reasoning', provider: 'anthropic', model: MODEL, block: { type: 'thinking', thinking: 'Need the forecast.', signature: expect.stringMatching(/^EqQB/) } },
        { type: 'reasoning', provider: 'anthropic', model: MODEL, block: { type: 'redacted_thinking', data: expect.stringMatching(/^Emw/) } },
      ]);
      // The blocks come as they finish: before the answer's text and its tool call.
      const kinds = r.chunks.map((c) => c.type).filter((t) => t !== 'thinking');
      expect(kinds).toEqual(['reasoning', 'reasoning', 'text', 'tool_call', 'done']);
    });

    it('sends the blocks back leading the assistant message and keeps the level on the tool turn', async () => {
      await restart();
      const p = provider();
      const reasoning = reasoningOf(await firstAnswer(p, MODEL, 'high'));
      fake().enqueue(MODEL, { text: 'Cold: -5 C.' });
      // As a client gets it back from the API: JSON.
      const sent = JSON.parse(JSON.stringify(reasoning)) as ProviderReasoning;
      const continued = await drain(p, { model: MODEL, thinking: 'high', messages: continuation(sent) });
      expect([continued.error, continued.text]).toEqual([undefined, 'Cold: -5 C.']);
      const body = bodyOf(fake().chatRequests()[1]);
      expect([body['thinking'], body['output_config']]).toEqual([{ type: 'adaptive', display: 'summarized' }, { effort: 'high' }]);
      expect((body['messages'] as unknown[])[1]).toEqual({
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need the forecast.', signature: sent.blocks[0]?.type === 'thinking' ? sent.blocks[0].signature : '' },
          { type: 'redacted_thinking', data: sent.blocks[1]?.type === 'redacted_thinking' ? sent.blocks[1].data : '' },
          { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } },
        ],
      });
    });

    it("sends no other model's blocks, whose signatures would not hold, and drops the level as before", async () => {
      await restart();
      const p = provider();
      const reasoning = reasoningOf(await firstAnswer(p, ALWAYS, 'high'));
      fake().enqueue(MODEL, { text: 'Cold.' });
      const continued = await drain(p, { model: MODEL, thinking: 'high', messages: continuation(reasoning) });
      expect([continued.error, continued.text]).toEqual([undefined, 'Cold.']);
      const body = bodyOf(fake().chatRequests()[1]);
      expect([body['thinking'], body['output_config']]).toEqual([undefined, undefined]);
      expect((body['messages'] as unknown[])[1]).toEqual({ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } }] });
    });

    it('lets a model that cannot stop thinking continue only from a message carrying its blocks, and says what to send when not', async () => {
      await restart();
      const p = provider();
      // Left to its default, this model thinks anyway: the answer comes with a signed block.
      const reasoning = reasoningOf(await firstAnswer(p, ALWAYS));
      expect(reasoning?.blocks.map((b) => b.type)).toEqual(['thinking', 'redacted_thinking']);
      const bare = await drain(p, { model: ALWAYS, thinking: 'high', messages: continuation() });
      expect(bare.error?.code).toBe('provider_error');
      expect(bare.error?.message).toBe(
        "Anthropic rejected the request (400): claude-opus-4-7 thinks while it continues an answer that called tools, and wants that answer's thinking blocks back: send its assistant message with the `reasoning` cascade.run returned beside the tool calls",
      );
      // Another model's thinking is no help, and the error says why.
      const foreign = await drain(p, { model: ALWAYS, thinking: 'high', messages: continuation(reasoning && { ...reasoning, model: MODEL }) });
      expect(foreign.error?.message).toBe(
        `Anthropic rejected the request (400): claude-opus-4-7 thinks while it continues an answer that called tools, and wants that answer's thinking blocks back, and those it carries are ${MODEL}'s (a signature holds for its own model only): continue the tool turn on ${MODEL}`,
      );
      fake().enqueue(ALWAYS, { text: 'Cold.' });
      const carried = await drain(p, { model: ALWAYS, thinking: 'high', messages: continuation(reasoning) });
      expect([carried.error, carried.text]).toEqual([undefined, 'Cold.']);
      // Refused without a level (twice), then asked at its level with the blocks: no refusal of the level remembered.
      expect(fake().chatRequests().slice(1).map((q) => bodyOf(q)['thinking'])).toEqual([undefined, undefined, { type: 'adaptive', display: 'summarized' }]);
    });

    it('takes a refused signature for a fault of the blocks, not a refusal of the level', async () => {
      await restart();
      const p = provider();
      const reasoning = reasoningOf(await firstAnswer(p, MODEL, 'high'));
      const tampered: ProviderReasoning = { provider: 'anthropic', model: MODEL, blocks: [{ type: 'thinking', thinking: 'Edited.', signature: 'not-a-signature' }, ...(reasoning?.blocks.slice(1) ?? [])] };
      const refused = await drain(p, { model: MODEL, thinking: 'high', messages: continuation(tampered) });
      expect(refused.error?.code).toBe('provider_error');
      expect(refused.error?.message).toContain('Invalid `signature` in `thinking` block');
      fake().enqueue(MODEL, { text: 'Warm.' });
      await drain(p, ask(MODEL, 'And in Rome?', { thinking: 'high' }));
      // One refused request, not asked again without thinking; the next question keeps its level.
      expect(fake().chatRequests().slice(1).map((q) => bodyOf(q)['thinking'])).toEqual([{ type: 'adaptive', display: 'summarized' }, { type: 'adaptive', display: 'summarized' }]);
    });
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
    // Anthropic's own word says it is overloaded: ours only adds when to come back.
    expect(r.error?.message).toMatch(/failed with HTTP 529: Overloaded: try again shortly$/);
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
