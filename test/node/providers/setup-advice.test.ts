// A provider error says where to fix the setup in the words of the front end in use: the app's
// Settings page, or, from the CLI (which has none), the environment, browser mode's key file and
// the config. The same failures, from real servers, in both words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/api/contract.ts';
import { createBackend } from '../../../electron/node/backend.ts';
import { createProviderResolver, testProviderConnection } from '../../../electron/node/providers/index.ts';
import type { SetupPlace } from '../../../electron/node/providers/setup-advice.ts';
import { appConfigSchema, type TierConfig } from '../../../shared/core/config/schema.ts';
import { startFakeAnthropic, startFakeOpenAI, type FakeAnthropic, type FakeOpenAI } from '../../fakes/index.ts';
import { ask, drain } from './helpers.ts';

let openai: FakeOpenAI;
let vllm: FakeOpenAI;
let anthropic: FakeAnthropic;

beforeAll(async () => {
  [openai, vllm, anthropic] = await Promise.all([
    startFakeOpenAI({ models: ['gpt-4o'], requireApiKey: 'sk-right' }),
    startFakeOpenAI({ flavour: 'vllm', models: ['Qwen/Qwen2.5-7B-Instruct'], requireApiKey: 'vllm-secret' }),
    startFakeAnthropic({ models: ['claude-sonnet-4-6'], requireApiKey: 'sk-ant-right' }),
  ]);
});
afterAll(async () => {
  await Promise.all([openai.close(), vllm.close(), anthropic.close()]);
});

async function failure(place: SetupPlace | undefined, tier: TierConfig, env: Record<string, string> = {}): Promise<string | undefined> {
  const resolver = createProviderResolver({ env, maxRetries: 0, ...(place ? { setupPlace: place } : {}) });
  return (await drain(resolver.forTier(tier), ask(tier.model, 'hi'))).error?.message;
}

const OPENAI: TierConfig = { model: 'gpt-4o', provider: 'openai' };
const CLI_STORES = "or save it under Providers in browser mode's Settings (`cascadeflow serve`), which the CLI reads too; the desktop app's keys are encrypted for that app alone";

describe('where a provider error says to fix the setup', () => {
  it('a missing key: Settings in the app, the environment or browser mode from the CLI', async () => {
    const tier = { ...OPENAI, baseUrl: openai.url };
    expect(await failure(undefined, tier)).toBe('No API key for OpenAI: set OPENAI_API_KEY in Settings');
    expect(await failure('settings', tier)).toBe('No API key for OpenAI: set OPENAI_API_KEY in Settings');
    expect(await failure('cli', tier)).toBe(`No API key for OpenAI: set OPENAI_API_KEY in the environment, ${CLI_STORES}`);
    const claude: TierConfig = { model: 'claude-sonnet-4-6', provider: 'anthropic', baseUrl: anthropic.url };
    expect(await failure('cli', claude)).toBe(`No API key for Anthropic: set ANTHROPIC_API_KEY in the environment, ${CLI_STORES}`);
    // The connection test says it in the same words.
    expect((await testProviderConnection('groq', openai.url, undefined, { env: {}, setupPlace: 'cli' })).message).toBe(`No API key for Groq: set GROQ_API_KEY in the environment, ${CLI_STORES}`);
    expect(openai.chatRequests()).toHaveLength(0);
  });

  it('a rejected key: the environment wins over a stored key, so the CLI names it', async () => {
    const tier = { ...OPENAI, baseUrl: openai.url };
    expect(await failure(undefined, tier, { OPENAI_API_KEY: 'sk-wrong' })).toBe('OpenAI rejected the API key (401): set a valid OPENAI_API_KEY under Providers in Settings');
    expect(await failure('cli', tier, { OPENAI_API_KEY: 'sk-wrong' })).toBe("OpenAI rejected the API key (401): set a valid OPENAI_API_KEY in the environment (it wins over a key kept by browser mode)");
    const claude: TierConfig = { model: 'claude-sonnet-4-6', provider: 'anthropic', baseUrl: anthropic.url };
    expect(await failure('cli', claude, { ANTHROPIC_API_KEY: 'sk-ant-wrong' })).toBe(
      "Anthropic rejected the API key (401): set a valid ANTHROPIC_API_KEY in the environment (it wins over a key kept by browser mode)",
    );
  });

  it('a server that wants a key the tier does not name, an unknown model, no base URL: the tier in Settings, or in the config', async () => {
    const qwen: TierConfig = { model: 'Qwen/Qwen2.5-7B-Instruct', provider: 'vllm', baseUrl: vllm.url };
    expect(await failure(undefined, qwen)).toBe(`vLLM at ${vllm.url} wants an API key (401): give the tier an API key variable in Settings, then set that key under Providers`);
    expect(await failure('cli', qwen)).toBe(
      `vLLM at ${vllm.url} wants an API key (401): give the tier an \`apiKeyEnv\` in --config's file, or in the app's Settings when there is no --config, then set that variable in the environment`,
    );

    const unknown = { ...OPENAI, model: 'gpt-9', baseUrl: openai.url };
    expect(await failure(undefined, unknown, { OPENAI_API_KEY: 'sk-right' })).toBe("OpenAI has no model 'gpt-9' (404): check the model name in Settings");
    expect(await failure('cli', unknown, { OPENAI_API_KEY: 'sk-right' })).toBe("OpenAI has no model 'gpt-9' (404): check the model name in --config's file, or in the app's Settings when there is no --config");

    const nowhere: TierConfig = { model: 'local-model', provider: 'openai-compatible' };
    expect(await failure(undefined, nowhere)).toBe('OpenAI-compatible server needs a base URL such as http://127.0.0.1:8080/v1: set it on the tier in Settings');
    expect(await failure('cli', nowhere)).toBe("OpenAI-compatible server needs a base URL such as http://127.0.0.1:8080/v1: set it on the tier in --config's file, or in the app's Settings when there is no --config");
  });
});

describe("each front end's backend", () => {
  /** What `cascade.run` and `models.list` say about a tier without its key, in a backend of `mode`. */
  async function saysWithoutKey(mode: AppInfo['mode']): Promise<{ run: string | undefined; models: string | undefined }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'cf-setup-advice-'));
    const config = appConfigSchema.parse({ tiers: [{ ...OPENAI, baseUrl: openai.url }] });
    // No schedule and no /metrics: only the wording is under test.
    const backend = await createBackend({ dbPath: ':memory:', dataDir, mode, env: {}, log: () => {}, config, backupSchedule: false, serveMetrics: false });
    try {
      const run = await backend.call('cascade.run', { prompt: 'hi' });
      const models = await backend.call('models.list', { discover: false });
      return { run: run.ok ? run.value.error?.message : run.error.message, models: models.ok ? models.value.models[0]?.reachability : models.error.message };
    } finally {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('the desktop window and browser mode keep the Settings wording; the CLI says what works there', async () => {
    const app = 'No API key for OpenAI: set OPENAI_API_KEY in Settings';
    expect(await saysWithoutKey('desktop')).toEqual({ run: app, models: app });
    expect(await saysWithoutKey('browser')).toEqual({ run: app, models: app });
    const cli = `No API key for OpenAI: set OPENAI_API_KEY in the environment, ${CLI_STORES}`;
    expect(await saysWithoutKey('cli')).toEqual({ run: cli, models: cli });
  });
});
