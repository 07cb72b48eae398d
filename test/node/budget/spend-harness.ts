// A real backend (real SQLite file, real SDKs, fake model servers) with a clock the test moves,
// so budget periods and cache TTLs do not depend on when the test runs.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { appConfigSchema, type AppConfig, type AppConfigInput } from '../../../shared/core/config/schema.ts';
import type { Clock } from '../../../shared/core/ports.ts';
import { createRecordedBackend, TEST_KEY_ENV, type Fakes, type RecordedBackend } from '../helpers/harness.ts';

/** 2030-01-15 12:00 UTC: mid-day, mid-month. */
export const NOON = Date.UTC(2030, 0, 15, 12);

export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = NOON): TestClock {
  let now = start;
  return {
    now: () => now,
    monotonic: () => performance.now(),
    set: (ms) => void (now = ms),
    advance: (ms) => void (now += ms),
  };
}

/**
 * Drafter "drafter" on the fake Ollama and verifier "gpt-4o" on the fake OpenAI, both with
 * explicit prices so every cost is exact: drafter free ($0), verifier $2.50 / $10 per 1M tokens
 * (2500 / 10000 nano-USD per token).
 */
export function pricedConfig(f: Fakes, extra: Partial<AppConfigInput> = {}): AppConfig {
  return appConfigSchema.parse({
    tiers: [
      { model: 'drafter', provider: 'ollama', baseUrl: f.ollama.url, local: true, price: { inputPerMTok: 0, outputPerMTok: 0 } },
      { model: 'gpt-4o', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV, price: { inputPerMTok: 2.5, outputPerMTok: 10 } },
    ],
    ...extra,
  });
}

export const VERIFIER_NANO = { input: 2500, output: 10_000 };

export interface SpendBackend extends RecordedBackend {
  clock: TestClock;
  rows<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

export async function openSpendBackend(
  config: AppConfig,
  opts: { clock?: TestClock; env?: Record<string, string>; dir?: string; log?: (message: string, error?: unknown) => void } = {},
): Promise<SpendBackend> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'cf-spend-'));
  const clock = opts.clock ?? testClock();
  const recorded = await createRecordedBackend(dir, config, { env: { [TEST_KEY_ENV]: 'sk-test-openai', ...opts.env }, clock, log: opts.log ?? (() => {}) });
  return {
    ...recorded,
    clock,
    rows<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(recorded.dbPath, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    close: async () => {
      await recorded.backend.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function runOk(t: SpendBackend, input: Record<string, unknown>): Promise<CascadeOutcome> {
  const r = await t.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CascadeOutcome;
}
