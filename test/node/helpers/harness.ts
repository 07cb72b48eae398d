// A real backend (real SQLite file, real provider adapters and SDKs) wired to the fake model
// servers, for engine and API tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createBackend, type BackendOptions } from '../../../electron/node/backend.ts';
import type { Backend, SecretStore } from '../../../electron/node/backend-types.ts';
import type { BusEvent } from '../../../electron/node/events.ts';
import { appConfigSchema, type AppConfig, type AppConfigInput } from '../../../shared/core/config/schema.ts';
import type { CascadeEvent } from '../../../shared/core/cascade/types.ts';
import type { Random } from '../../../shared/core/ports.ts';
import { startFakeAnthropic, startFakeOllama, startFakeOpenAI, type FakeAnthropic, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';

export const TEST_KEY_ENV = 'CF_TEST_OPENAI_KEY';
export const TEST_ANTHROPIC_KEY_ENV = 'CF_TEST_ANTHROPIC_KEY';

export interface Fakes {
  ollama: FakeOllama;
  openai: FakeOpenAI;
  anthropic: FakeAnthropic;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const [ollama, openai, anthropic] = await Promise.all([startFakeOllama(), startFakeOpenAI(), startFakeAnthropic()]);
  return { ollama, openai, anthropic, close: async () => void (await Promise.all([ollama.close(), openai.close(), anthropic.close()])) };
}

/**
 * One set of fakes shared by every test in the file (started before the first, closed after
 * the last); scripts and recorded requests carry over between tests. The fields may be read
 * only while a test or hook runs.
 */
export function fakesForFile(): Fakes {
  let started: Fakes | undefined;
  beforeAll(async () => {
    started = await startFakes();
  });
  afterAll(async () => started?.close());
  const get = (): Fakes => {
    if (started === undefined) throw new Error('the fakes run only while the tests of this file do');
    return started;
  };
  return {
    get ollama() {
      return get().ollama;
    },
    get openai() {
      return get().openai;
    },
    get anthropic() {
      return get().anthropic;
    },
    close: () => get().close(),
  };
}

/** Drafter on the fake Ollama, verifier gpt-4o on the fake OpenAI (list price $2.50 / $10 per 1M). */
export function twoTierConfig(f: Fakes, extra: Partial<AppConfigInput> = {}): AppConfig {
  return appConfigSchema.parse({
    tiers: [
      { model: 'llama3.2:3b', provider: 'ollama', baseUrl: f.ollama.url, local: true },
      { model: 'gpt-4o', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV },
    ],
    ...extra,
  });
}

export function memorySecrets(): SecretStore {
  const m = new Map<string, string>();
  return { get: (n) => m.get(n), set: (n, v) => void m.set(n, v), delete: (n) => void m.delete(n), names: () => [...m.keys()] };
}

export interface RecordedBackend {
  backend: Backend;
  dir: string;
  dbPath: string;
  /** Every bus event in order: the only view a test has of a run's stream. */
  events: BusEvent[];
  cascadeEvents(runId?: string): CascadeEvent[];
}

/**
 * What every test backend shares: test mode on `<dir>/ledger.db`, secrets in memory, a silent
 * log and its bus events recorded. `opts` come last, so a harness may replace any of these.
 */
export async function createRecordedBackend(dir: string, config: AppConfig, opts: Partial<BackendOptions> = {}): Promise<RecordedBackend> {
  const dbPath = join(dir, 'ledger.db');
  const backend = await createBackend({ dbPath, dataDir: dir, mode: 'test', config, secrets: memorySecrets(), log: () => {}, ...opts });
  const events: BusEvent[] = [];
  backend.events.subscribe((e) => events.push(e));
  return {
    backend,
    dir,
    dbPath,
    events,
    cascadeEvents: (runId) => events.filter((e) => e.name === 'cascade.event').map((e) => e.payload as CascadeEvent).filter((e) => runId === undefined || e.runId === runId),
  };
}

export interface TestBackend extends RecordedBackend {
  close(): Promise<void>;
}

/**
 * One backend per test on this file's fakes: `open()` it in a test; after each test it is closed
 * and the fakes' default responders are cleared.
 */
export function backendPerTest(f: Fakes): { open(config: AppConfig, opts?: { random?: Random; env?: Record<string, string> }): Promise<TestBackend> } {
  let current: TestBackend | null = null;
  afterEach(async () => {
    await current?.close();
    current = null;
    for (const fake of [f.ollama, f.openai, f.anthropic]) fake.setDefault(undefined);
  });
  return {
    async open(config, opts) {
      current = await openTestBackend(config, opts);
      return current;
    },
  };
}

export async function openTestBackend(config: AppConfig, opts: { random?: Random; env?: Record<string, string> } = {}): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-test-'));
  const recorded = await createRecordedBackend(dir, config, {
    env: { [TEST_KEY_ENV]: 'sk-test-openai', [TEST_ANTHROPIC_KEY_ENV]: 'sk-ant-test', ...opts.env },
    random: opts.random,
  });
  return {
    ...recorded,
    close: async () => {
      await recorded.backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
