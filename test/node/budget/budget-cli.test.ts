// `cascadeflow budget` and a refusal through `cascadeflow ask`, as a user runs them: a real
// process, a real database file, the fake model servers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';

let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'] })]);
  dir = mkdtempSync(join(tmpdir(), 'cf-budget-cli-'));
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, { HOME: dir, CF_KEY: 'sk-test' });
}

/** `verifierPrice`: a price of our own for gpt-4o, so a worst case does not hang on the bundled list. */
function config(name: string, budget?: unknown, verifierPrice?: { inputPerMTok: number; outputPerMTok: number }): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY', ...(verifierPrice ? { price: verifierPrice } : {}) },
      ],
      ...(budget === undefined ? {} : { budget }),
    }),
  );
  return path;
}

describe('cascadeflow budget', () => {
  it('prints each budget as json and as a table', async () => {
    const cfg = config('limits.json', { daily: { limitUsd: 5 }, monthly: { limitUsd: 100, graceRatio: 0.1 }, users: { alice: { daily: { limitUsd: 1 } } } });
    const db = join(dir, 'limits.db');
    const json = await cli(['budget', '--config', cfg, '--db', db, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ enabled: true, atLimit: 'refuse', nearLimitRatio: 0.8 });
    expect(status.budgets.map((b: { name: string; limitUsd: number; spentUsd: number; state: string }) => [b.name, b.limitUsd, b.spentUsd, b.state])).toEqual([
      ['daily', 5, 0, 'ok'],
      ['monthly', 100, 0, 'ok'],
      ['user:alice:daily', 1, 0, 'ok'],
    ]);
    const user = JSON.parse((await cli(['budget', '--config', cfg, '--db', db, '--json', '--user', 'bob'])).stdout);
    expect(user.budgets.map((b: { name: string }) => b.name)).toEqual(['daily', 'monthly']);

    const table = await cli(['budget', '--config', cfg, '--db', db]);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^BUDGET\s+USED\s+SPENT\s+RESERVED\s+LEFT\s+LIMIT\s+STATE$/);
    expect(lines[1]).toMatch(/^daily\s+\[\.{20}\] 0%\s+\$0\.00\s+\$0\.00\s+\$5\.00\s+\$5\.00\s+ok$/);
    expect(lines[2]).toMatch(/^monthly .* \$100\.00 \(\+10% grace\)\s+ok$/);
    expect(table.stdout).toMatch(/at a limit queries are refused/);
  }, 120_000);

  it('says when a budget answers every query with the drafter only or refuses it, and what each user gets', async () => {
    // The smallest query's worst case, 1,024 output tokens: $0.0002 on the drafter, $0.01 more on
    // gpt-4o. $0.001 a day admits the drafter but not the verifier; $0 a month admits nothing.
    const budget = { daily: { limitUsd: 0.001 }, monthly: { limitUsd: 0 }, perUser: { daily: { limitUsd: 0.5 }, monthly: { limitUsd: 5, graceRatio: 0.1 } }, atLimit: 'drafter-only' };
    const cfg = config('tight.json', budget, { inputPerMTok: 2.5, outputPerMTok: 10 });
    const db = join(dir, 'tight.db');
    const status = JSON.parse((await cli(['budget', '--config', cfg, '--db', db, '--json'])).stdout);
    expect(status.budgets.map((b: { name: string; state: string; nextQuery: string }) => [b.name, b.state, b.nextQuery])).toEqual([
      ['daily', 'ok', 'drafter-only'],
      ['monthly', 'over', 'refuse'],
    ]);

    const table = await cli(['budget', '--config', cfg, '--db', db]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    // Not 'ok': the bar is empty, yet no answer may reach the verifier until the day ends.
    expect(lines[1]).toMatch(/^daily .*\$0\.001\s+too little left for a full query: answers are drafter-only until the budget resets$/);
    expect(lines[2]).toMatch(/^monthly .*\$0\.00\s+over the limit: queries are refused until the budget resets$/);
    expect(table.stdout).toContain('\nEach user: $0.50 a day, $5.00 a month (+10% grace)');
    // The same words as the Savings card (shared/core/budget/wording.ts).
    expect(table.stdout).toContain('From 80% of a limit the cascade prefers the drafter; at a limit answers come from the drafter only.');

    // bob has no limits of his own: he is held to the per-user ones, not to some "other user's".
    const bob = await cli(['budget', '--config', cfg, '--db', db, '--user', 'bob']);
    expect(bob.stdout).toMatch(/^user:bob:daily /m);
    expect(bob.stdout).toContain('\nEach user without limits of their own: $0.50 a day');
    expect(bob.stdout).not.toContain('other user');

    // With only per-user limits no bar shows until a user is named: the limits still do.
    const perUser = config('per-user.json', { perUser: { daily: { limitUsd: 0.5 } } });
    const only = await cli(['budget', '--config', perUser, '--db', join(dir, 'per-user.db')]);
    expect(only.code).toBe(0);
    expect(only.stdout).toMatch(/^Each user: \$0\.50 a day\b/);
    expect(only.stdout).toContain('--user ID');
    expect(only.stdout).not.toContain('no limit applies');
  }, 120_000);

  it('says when there are no budgets', async () => {
    const r = await cli(['budget', '--config', config('none.json'), '--db', join(dir, 'none.db')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No budgets/);
  }, 60_000);

  it('ask is refused with the budget named when nothing may be spent', async () => {
    const cfg = config('zero.json', { daily: { limitUsd: 0 } });
    const before = ollama.chatRequests().length;
    const r = await cli(['ask', '--config', cfg, '--db', join(dir, 'zero.db'), 'What is 2+2?']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("cascadeflow ask: Budget 'daily' allows no spending ($0.00 a day): refused.\n");
    expect(ollama.chatRequests().length).toBe(before);
  }, 60_000);
});
