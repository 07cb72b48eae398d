import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProviderResolver, describeProviderAddress, normalizeOllamaHost, testProviderConnection } from '../../../electron/node/providers/index.ts';
import { startFakeAnthropic, startFakeOllama, startFakeOpenAI, type FakeAnthropic, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { ask, closedPort, drain } from './helpers.ts';

let ollama: FakeOllama;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;

beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['llama3.2:3b', 'qwen2.5:7b'] });
  openai = await startFakeOpenAI({ models: ['gpt-4o'] });
  anthropic = await startFakeAnthropic({ models: ['claude-sonnet-4-6'] });
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close(), anthropic.close()]);
});
beforeEach(() => {
  ollama.requests.length = 0;
  openai.requests.length = 0;
  anthropic.requests.length = 0;
});

describe('provider resolver', () => {
  it('finds Ollama through OLLAMA_HOST and labels it with its address', async () => {
    const resolver = createProviderResolver({ env: { OLLAMA_HOST: ollama.url } });
    const p = resolver.forTier({ model: 'llama3.2:3b', provider: 'ollama' });
    expect(p.kind).toBe('ollama');
    expect(p.label).toBe(`Ollama at ${ollama.url}`);
    const r = await drain(p, ask('llama3.2:3b', 'Why is the sky blue?'));
    expect(r.text).toBe('You asked: Why is the sky blue?');
  });

  it("prefers a tier's own baseUrl over the environment", async () => {
    const resolver = createProviderResolver({ env: { OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`, OPENAI_API_KEY: 'sk-env' } });
    const p = resolver.forTier({ model: 'gpt-4o', provider: 'openai', baseUrl: openai.url });
    expect((await drain(p, ask('gpt-4o', 'hi'))).error).toBeUndefined();
    expect(openai.chatRequests()).toHaveLength(1);
  });

  it('takes the key from the environment before the secret store', async () => {
    const resolver = createProviderResolver({ env: { OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'sk-from-env' }, getSecret: () => 'sk-from-store' });
    await drain(resolver.forTier({ model: 'gpt-4o', provider: 'openai' }), ask('gpt-4o', 'hi'));
    expect(openai.chatRequests()[0]?.headers['authorization']).toBe('Bearer sk-from-env');
  });

  it("falls back to the secret store, under the tier's apiKeyEnv name", async () => {
    const asked: string[] = [];
    const resolver = createProviderResolver({
      env: { OPENAI_BASE_URL: openai.url },
      getSecret: (name) => {
        asked.push(name);
        return name === 'MY_GATEWAY_KEY' ? 'sk-stored' : undefined;
      },
    });
    await drain(resolver.forTier({ model: 'gpt-4o', provider: 'openai', apiKeyEnv: 'MY_GATEWAY_KEY' }), ask('gpt-4o', 'hi'));
    expect(asked).toEqual(['MY_GATEWAY_KEY']);
    expect(openai.chatRequests()[0]?.headers['authorization']).toBe('Bearer sk-stored');
  });

  it('fails without sending anything when a cloud key is missing', async () => {
    const resolver = createProviderResolver({ env: { ANTHROPIC_BASE_URL: anthropic.url } });
    const r = await drain(resolver.forTier({ model: 'claude-sonnet-4-6', provider: 'anthropic' }), ask('claude-sonnet-4-6', 'hi'));
    expect(r.error?.code).toBe('auth_failed');
    expect(r.error?.message).toBe('No API key for Anthropic: set ANTHROPIC_API_KEY in Settings');
    expect(anthropic.requests).toHaveLength(0);
  });

  it('reaches Anthropic through ANTHROPIC_BASE_URL, tolerating a trailing /v1', async () => {
    const resolver = createProviderResolver({ env: { ANTHROPIC_BASE_URL: `${anthropic.url}/v1/`, ANTHROPIC_API_KEY: 'k' } });
    const p = resolver.forTier({ model: 'claude-sonnet-4-6', provider: 'anthropic' });
    expect(p.label).toBe(`Anthropic at ${anthropic.url}`);
    expect((await drain(p, ask('claude-sonnet-4-6', 'hi'))).text).toBe('You asked: hi');
  });

  it('builds one provider per endpoint and key, and a new one when the key changes', () => {
    let secret = 'sk-1';
    const resolver = createProviderResolver({ env: {}, getSecret: () => secret });
    const a = resolver.forTier({ model: 'gpt-4o', provider: 'openai' });
    const b = resolver.forTier({ model: 'gpt-4o-mini', provider: 'openai' });
    const c = resolver.forTier({ model: 'gpt-4o', provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' });
    secret = 'sk-2';
    const d = resolver.forTier({ model: 'gpt-4o', provider: 'openai' });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
  });

  it('sends every request through the injected fetch', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const resolver = createProviderResolver({ env: { OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'k' }, fetch: recording });
    await drain(resolver.forTier({ model: 'llama3.2:3b', provider: 'ollama' }), ask('llama3.2:3b', 'hi'));
    await drain(resolver.forTier({ model: 'gpt-4o', provider: 'openai' }), ask('gpt-4o', 'hi'));
    expect(seen).toEqual([`${ollama.url}/api/chat`, `${openai.url}/chat/completions`]);
  });

  it('uses the documented default addresses', () => {
    const env = {};
    expect(describeProviderAddress({ provider: 'ollama' }, env)).toBe('Ollama at http://127.0.0.1:11434');
    expect(describeProviderAddress({ provider: 'openai' }, env)).toBe('OpenAI at https://api.openai.com/v1');
    expect(describeProviderAddress({ provider: 'groq' }, env)).toBe('Groq at https://api.groq.com/openai/v1');
    expect(describeProviderAddress({ provider: 'vllm' }, env)).toBe('vLLM at http://127.0.0.1:8000/v1');
    expect(describeProviderAddress({ provider: 'anthropic' }, env)).toBe('Anthropic at https://api.anthropic.com');
    expect(describeProviderAddress({ provider: 'openai-compatible' }, env)).toBe('OpenAI-compatible server (no base URL configured)');
    expect(describeProviderAddress({ provider: 'openai' }, { OPENAI_BASE_URL: 'https://gateway.example/v1/' })).toBe('OpenAI at https://gateway.example/v1');
  });

  it('explains that an OpenAI-compatible tier needs a base URL', async () => {
    const p = createProviderResolver({ env: {} }).forTier({ model: 'local', provider: 'openai-compatible' });
    const r = await drain(p, ask('local', 'hi'));
    expect(r.error?.code).toBe('unreachable');
    expect(r.error?.message).toContain('needs a base URL');
  });

  it('reads OLLAMA_HOST the way Ollama writes it', () => {
    expect(normalizeOllamaHost('0.0.0.0')).toBe('http://127.0.0.1:11434');
    expect(normalizeOllamaHost('gpu-box:11500')).toBe('http://gpu-box:11500');
    expect(normalizeOllamaHost(':8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeOllamaHost('https://ollama.example/')).toBe('https://ollama.example');
    expect(normalizeOllamaHost('http://0.0.0.0:11434')).toBe('http://127.0.0.1:11434');
  });
});

describe('testProviderConnection', () => {
  it('lists the models of a reachable server', async () => {
    const r = await testProviderConnection('ollama', ollama.url, undefined, { env: {} });
    expect(r).toEqual({ ok: true, message: `Connected to Ollama at ${ollama.url}: 2 models installed`, models: expect.any(Array) });
    expect(r.models.map((m) => m.name)).toEqual(['llama3.2:3b', 'qwen2.5:7b']);
  });

  it('uses the named key variable', async () => {
    const r = await testProviderConnection('openai-compatible', openai.url, 'GATEWAY_KEY', { env: { GATEWAY_KEY: 'sk-gw' } });
    expect(r.ok).toBe(true);
    expect(r.models).toEqual([{ name: 'gpt-4o' }]);
    expect(openai.requests[0]?.headers['authorization']).toBe('Bearer sk-gw');
  });

  it('explains what to do when the server is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await testProviderConnection('ollama', url, undefined, { env: {} });
    expect(r).toEqual({ ok: false, message: `Ollama is not running at ${url}: start it with \`ollama serve\` or fix the base URL`, models: [] });
  });

  it('reports a missing key without calling the server', async () => {
    const r = await testProviderConnection('groq', openai.url, undefined, { env: {} });
    expect(r).toEqual({ ok: false, message: 'No API key for Groq: set GROQ_API_KEY in Settings', models: [] });
    expect(openai.requests).toHaveLength(0);
  });
});
