// Shared pieces of the hardening tests: a real backend on a temp SQLite file with a controllable
// wall clock, ledger reads, and the accounting invariants every run must keep.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BackendOptions } from '../../../electron/node/backend.ts';
import type { MethodInput } from '../../../shared/api/contract.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import { createRecordedBackend, TEST_ANTHROPIC_KEY_ENV, TEST_KEY_ENV, type RecordedBackend } from '../helpers/harness.ts';

/** A wall clock the test moves by hand (cool-downs, schedules); latencies stay real. */
export interface ManualClock {
  now(): number;
  monotonic(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 10, 28, 12)): ManualClock {
  let t = start;
  return { now: () => t, monotonic: () => performance.now(), advance: (ms) => void (t += ms) };
}

export interface HardBackend extends RecordedBackend {
  logs: { message: string; error: unknown }[];
  run(input: MethodInput<'cascade.run'>): Promise<CascadeOutcome>;
  close(): Promise<void>;
}

export async function openHardBackend(config: AppConfig, opts: Partial<BackendOptions> = {}): Promise<HardBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-hard-'));
  const logs: HardBackend['logs'] = [];
  const recorded = await createRecordedBackend(dir, config, {
    env: { [TEST_KEY_ENV]: 'sk-test-openai', [TEST_ANTHROPIC_KEY_ENV]: 'sk-ant-test' },
    log: (message, error) => logs.push({ message, error }),
    ...opts,
  });
  const { backend } = recorded;
  return {
    ...recorded,
    logs,
    async run(input) {
      const r = await backend.call('cascade.run', input);
      if (!r.ok) throw new Error(`cascade.run failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async close() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface QueryRow {
  id: string;
  status: string;
  cost_nano: number;
  cost_complete: number;
  decision: string;
  final_model: string;
}

export interface CallRow {
  query_id: string;
  seq: number;
  model: string;
  role: string;
  status: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  usage_estimated: number;
  cost_nano: number | null;
  error_code: string | null;
  error_message: string | null;
}

export function readLedger(dbPath: string): { queries: QueryRow[]; calls: CallRow[] } {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      queries: db.prepare('SELECT id, status, cost_nano, cost_complete, decision, final_model FROM queries ORDER BY created_at, id').all() as QueryRow[],
      calls: db.prepare('SELECT query_id, seq, model, role, status, input_tokens, output_tokens, cached_input_tokens, usage_estimated, cost_nano, error_code, error_message FROM calls ORDER BY query_id, seq').all() as CallRow[],
    };
  } finally {
    db.close();
  }
}

/**
 * The accounting every run must keep, whatever went wrong: one query row, one call row per
 * attempt with the attempt's usage, and the query's cost equal to the sum of its calls' costs
 * (nothing lost, nothing counted twice).
 */
export function expectRecorded(dbPath: string, o: CascadeOutcome): { query: QueryRow; calls: CallRow[] } {
  const ledger = readLedger(dbPath);
  const queries = ledger.queries.filter((q) => q.id === o.queryId);
  expect(queries, 'exactly one query row').toHaveLength(1);
  const query = queries[0] as QueryRow;
  const calls = ledger.calls.filter((c) => c.query_id === o.queryId);
  expect(calls.map((c) => c.seq), 'one call row per attempt').toEqual(o.attempts.map((_, i) => i));
  expect(query.status).toBe(o.status);
  calls.forEach((c, i) => {
    const a = o.attempts[i];
    expect(c.model).toBe(a?.model);
    expect(c.status).toBe(a?.status);
    expect(c.input_tokens).toBe(a?.usage.inputTokens);
    expect(c.output_tokens).toBe(a?.usage.outputTokens);
    expect(c.usage_estimated === 1).toBe(a?.usage.estimated);
    expect(c.cost_nano).toBe(a?.costNanoUsd);
    expect(c.error_code).toBe(a?.error?.code ?? null);
  });
  const sum = calls.reduce((s, c) => s + (c.cost_nano ?? 0), 0);
  expect(query.cost_nano, 'query cost = sum of call costs').toBe(sum);
  if (o.costNanoUsd !== null) expect(o.costNanoUsd).toBe(sum);
  expect(query.decision).toBe(o.decision);
  return { query, calls };
}

export { closedPort } from '../helpers/ports.ts';

export async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
