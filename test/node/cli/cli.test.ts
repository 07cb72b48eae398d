// The `cascadeflow` command as a user runs it: a real process, a real database file, the fake
// Ollama and OpenAI servers on 127.0.0.1.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { closedPort } from '../helpers/ports.ts';
import { CASCADEFLOW_BIN, runCli, type CliResult } from '../helpers/run-cli.ts';
import { createBackend } from '../../../electron/node/backend.ts';

let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'] })]);
  dir = mkdtempSync(join(tmpdir(), 'cf-cli-'));
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { HOME: dir, ...env });
}

function writeConfig(name: string, config: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('cascadeflow CLI', () => {
  it('ask json prints the outcome and records the query and call', async () => {
    ollama.enqueue('llama3.2:3b', { text: 'Hello! How can I help you today?', usage: { input: 26, output: 9 } });
    const config = writeConfig('one.json', { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } }] });
    const db = join(dir, 'one.db');
    const r = await cli(['ask', '--config', config, '--db', db, '--json', 'hi']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.answer).toBe('Hello! How can I help you today?');
    expect(out.model).toBe('llama3.2:3b');
    expect(out.provider).toBe('ollama');
    expect(out.usage).toMatchObject({ inputTokens: 26, outputTokens: 9 });
    // 26 input tokens at $0.10/M + 9 output at $0.20/M = 2600 + 1800 nano-USD.
    expect(out.costUsd).toBeCloseTo(4400e-9, 15);
    expect(out.attempts[0].costUsd).toBeCloseTo(4400e-9, 15);
    const rows = new Database(db, { readonly: true });
    try {
      const q = rows.prepare('SELECT id, final_model, cost_nano FROM queries').all() as { id: string; cost_nano: number }[];
      expect(q).toHaveLength(1);
      expect(q[0]?.id).toBe(out.queryId);
      expect(q[0]?.cost_nano).toBe(4400);
      const calls = rows.prepare('SELECT model, input_tokens, output_tokens, cost_nano FROM calls WHERE query_id = ?').all(out.queryId);
      expect(calls).toEqual([{ model: 'llama3.2:3b', input_tokens: 26, output_tokens: 9, cost_nano: 4400 }]);
    } finally {
      rows.close();
    }
  });

  it('ask runs the full cascade with tier and threshold flags', async () => {
    ollama.enqueue('llama3.2:3b', { text: 'I am not sure, I cannot answer that.' });
    openai.enqueue('gpt-4o', { text: 'The boiling point of water at sea level is 100 °C.', usage: { input: 20, output: 14 } });
    const config = writeConfig('two.json', {
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
      ],
    });
    const r = await cli(['ask', '--config', config, '--db', join(dir, 'two.db'), '--json', '--threshold', '0.9', '--user', 'alice', '--feature', 'docs', 'What is the boiling point of water at sea level?'], { CF_KEY: 'sk-test' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.escalated).toBe(true);
    expect(out.model).toBe('gpt-4o');
    expect(out.attempts.map((a: { accepted: boolean }) => a.accepted)).toEqual([false, true]);
    expect(out.attempts[0].quality.threshold).toBe(0.9);
    // gpt-4o at list price: 20 * $2.50/M + 14 * $10/M.
    expect(out.attempts[1].costUsd).toBeCloseTo((20 * 2500 + 14 * 10000) * 1e-9, 15);
    expect(out.baselineCostUsd).toBeCloseTo((20 * 2500 + 14 * 10000) * 1e-9, 15);
    expect(typeof out.savingsUsd).toBe('number');
    const rows = new Database(join(dir, 'two.db'), { readonly: true });
    expect(rows.prepare('SELECT user_id, feature FROM queries').get()).toEqual({ user_id: 'alice', feature: 'docs' });
    rows.close();
  });

  it('ask stream prints tokens and marks the escalation', async () => {
    ollama.enqueue('llama3.2:3b', { text: 'So 13 * 4 = 56.' });
    openai.enqueue('gpt-4o', { text: 'So 13 * 4 = 52.' });
    const config = writeConfig('stream.json', {
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
      ],
    });
    const r = await cli(['ask', '--config', config, '--db', join(dir, 'stream.db'), '--stream', 'What is 13 * 4?'], { CF_KEY: 'sk-test' });
    expect(r.code).toBe(0);
    // stdout is the answer: the rejected draft never reaches it; the escalation is said on stderr.
    expect(r.stdout).toBe('So 13 * 4 = 52.\n');
    expect(r.stderr).toMatch(/\[escalated to gpt-4o: .*13 [*x×] 4 = 56.*\]/);
    expect(r.stderr).toMatch(/gpt-4o \(openai, tier 2\)/);

    // With --json too, stdout is one JSON document; the streamed text goes to stderr.
    ollama.enqueue('llama3.2:3b', { text: 'So 13 * 4 = 52.' });
    const json = await cli(['ask', '--config', config, '--db', join(dir, 'stream.db'), '--stream', '--json', 'What is 13 * 4?'], { CF_KEY: 'sk-test' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).answer).toBe('So 13 * 4 = 52.');
    expect(json.stderr).toContain('So 13 * 4 = 52.');
  });

  it('ask stopped with Ctrl+C records what the run already cost, and exits 130', async () => {
    const config = writeConfig('interrupt.json', { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } }] });
    const db = join(dir, 'interrupt.db');
    ollama.enqueue('llama3.2:3b', { text: 'one two three four five six seven eight nine ten eleven twelve', delayMs: 200 });
    const child = spawn(process.execPath, [CASCADEFLOW_BIN, 'ask', '--config', config, '--db', db, 'Count to twelve slowly.'], { env: { PATH: process.env.PATH ?? '', HOME: dir } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupted once the drafter has begun answering.
    const started = ollama.chatRequests().length;
    const deadline = Date.now() + 30_000;
    while (ollama.chatRequests().length === started && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/cancelled/);
    const rows = new Database(db, { readonly: true });
    try {
      expect(rows.prepare('SELECT status FROM queries').all()).toEqual([{ status: 'cancelled' }]);
      const calls = rows.prepare('SELECT status, output_tokens FROM calls').all() as { status: string; output_tokens: number }[];
      expect(calls).toHaveLength(1);
      expect(calls[0]?.output_tokens).toBeGreaterThan(0);
    } finally {
      rows.close();
    }
  });

  it('stops quietly when its output is piped into head', () => {
    // The whole GSM8K trace is megabytes: head closes the pipe long before it is written.
    const csv = '/work/shared/data/routellm/gsm8k_responses.csv';
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CASCADEFLOW_BIN}" import routellm-gsm8k "${csv}" | head -c 20; echo " exit=\${PIPESTATUS[0]}"`], { env: { PATH: process.env.PATH ?? '', HOME: dir }, encoding: 'utf8' });
    expect(r.stdout).toMatch(/ exit=0$/m);
    expect(r.stderr).not.toMatch(/EPIPE|node:events/);
  });

  it('refuses an empty number and a host the server would refuse to answer on', async () => {
    const empty = await cli(['ask', '--threshold', '', 'hi']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--threshold must be a number from 0 to 1 (got "")');
    const negative = await cli(['ask', '--threshold', '-0.5', 'hi']);
    expect(negative.stderr).toContain('--threshold must be a number from 0 to 1 (got "-0.5")');
    const host = await cli(['serve', '--host', '0.0.0.0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('--host must be a loopback address');
  });

  it("ask stream prints a reasoning model's thinking on stderr and only the answer on stdout", async () => {
    ollama.enqueue('llama3.2:3b', { thinking: ['13 * 4 is ', '40 + 12.'], text: '13 * 4 = 52.' });
    const config = writeConfig('think.json', { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url }] });
    const r = await cli(['ask', '--config', config, '--db', join(dir, 'think.db'), '--stream', 'What is 13 * 4?']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('13 * 4 = 52.')).toBe(true);
    expect(r.stdout).not.toContain('40 + 12');
    expect(r.stderr).toContain('[thinking] 13 * 4 is 40 + 12.\n[answer]\n');
  });

  it('ask without any answer says so, names no answering model and claims no saving', async () => {
    const config = writeConfig('down.json', {
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: `http://127.0.0.1:${await closedPort()}` },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_MISSING_KEY' },
      ],
    });
    const r = await cli(['ask', '--config', config, '--db', join(dir, 'down.db'), 'hi']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^— no answer · \$0\.00 · \d+ ms · failed: /m);
    expect(r.stderr).not.toMatch(/saved|tier 2\)/);
  });

  it("ask without a key says where the CLI reads keys from (it has no Settings page), and reads browser mode's saved key", async () => {
    const dataDir = join(dir, 'keys-data');
    const config = writeConfig('no-key.json', { tiers: [{ model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_CLI_KEY' }] });
    const args = ['ask', '--config', config, '--db', join(dir, 'no-key.db'), 'Say hello'];
    const missing = await cli(args, { CASCADEFLOW_DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "failed: No API key for OpenAI: set CF_CLI_KEY in the environment, or save it under Providers in browser mode's Settings (`cascadeflow serve`), which the CLI reads too; the desktop app's keys are encrypted for that app alone",
    );
    expect(missing.stderr).not.toContain('in Settings');

    // Saved the way browser mode's Settings saves it, in the data folder the CLI shares: it answers.
    const browser = await createBackend({ dbPath: ':memory:', dataDir, mode: 'browser', env: {} });
    try {
      expect((await browser.call('secrets.set', { name: 'CF_CLI_KEY', value: 'sk-saved-in-browser-mode' })).ok).toBe(true);
    } finally {
      await browser.close();
    }
    openai.enqueue('gpt-4o', { text: 'Hello!' });
    const saved = await cli(args, { CASCADEFLOW_DATA_DIR: dataDir });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('Hello!\n');
    expect(openai.chatRequests().at(-1)?.headers['authorization']).toBe('Bearer sk-saved-in-browser-mode');
  });

  it('refuses an invalid config naming the field', async () => {
    const config = writeConfig('bad.json', { tiers: [{ model: 'x', provider: 'olama' }] });
    const r = await cli(['ask', '--config', config, '--db', join(dir, 'bad.db'), 'hi']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tiers\.0\.provider/);
    expect(r.stdout).toBe('');
  });

  it('rejects unknown flags with usage exit code', async () => {
    const r = await cli(['ask', '--nope', 'hi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--nope/);
  });

  it('answers <command> --help with that command\'s usage, without starting or opening anything', async () => {
    const db = join(dir, 'help.db');
    const serve = await cli(['serve', '--help', '--db', db]);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/^Usage:\n {2}cascadeflow serve \[--port 5199\]/);
    expect(serve.stdout).toContain('--db FILE');
    expect(serve.stdout).not.toContain('cascadeflow ask');
    const alerts = await cli(['alerts', '-h', '--db', db]);
    expect(alerts.stdout).toContain('cascadeflow alerts dismiss <id> | --all');
    expect(alerts.stdout).not.toContain('cascadeflow forecast');
    // Each kind of import with its own flags: --history-model is MT-Bench's, not the ledger's.
    const importHelp = await cli(['import', '--help', '--db', db]);
    const lines = importHelp.stdout.split('\n');
    expect(lines.find((l) => l.includes('import routellm-mtbench'))).toMatch(/--questions .*--history-model/);
    expect(lines.find((l) => l.includes('import ledger'))).not.toContain('--history-model');
    expect(lines.find((l) => l.includes('import routellm-gsm8k'))).not.toMatch(/--questions|--history-model|--days/);
    expect(existsSync(db)).toBe(false);
  });

  it('models lists configured models with price and reachability', async () => {
    const config = writeConfig('models.json', {
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
        { model: 'mystery-model', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
      ],
    });
    const r = await cli(['models', '--config', config, '--db', join(dir, 'models.db'), '--json'], { CF_KEY: 'sk-test' });
    expect(r.code).toBe(0);
    const { models } = JSON.parse(r.stdout) as { models: { model: string; reachable: boolean; reachability: string; pricing: string; inputPerMTok: number | null }[] };
    const byName = Object.fromEntries(models.map((m) => [m.model, m]));
    expect(byName['llama3.2:3b']).toMatchObject({ reachable: true, pricing: 'energy' });
    expect(byName['gpt-4o']).toMatchObject({ reachable: true, pricing: 'list', inputPerMTok: 2.5 });
    expect(byName['mystery-model']).toMatchObject({ pricing: 'unknown', inputPerMTok: null });
    // OpenAI lists every model a key may use: one it does not list would be refused with a 404.
    // In the CLI's words: it has no Settings page, its tiers come from --config or the app's saved settings.
    expect(byName['mystery-model']).toMatchObject({
      reachable: false,
      reachability: expect.stringContaining("has no model 'mystery-model': check the model name in --config's file, or in the app's Settings when there is no --config") as unknown,
    });
  });

  it("models asks about a close id of the provider's price list for a model without a price, and keeps the name", async () => {
    const config = writeConfig('models-near.json', {
      tiers: [
        { model: 'llama-3.2-3b', provider: 'groq', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url, apiKeyEnv: 'CF_KEY' },
      ],
    });
    const db = join(dir, 'models-near.db');
    const json = await cli(['models', '--config', config, '--db', db, '--json'], { CF_KEY: 'sk-test' });
    const { models } = JSON.parse(json.stdout) as { models: { model: string; pricing: string; priceSuggestions?: string[] }[] };
    expect(models.find((m) => m.model === 'llama-3.2-3b')).toMatchObject({ pricing: 'unknown', priceSuggestions: ['llama-3.2-3b-preview'] });
    expect(models.find((m) => m.model === 'gpt-4o')).not.toHaveProperty('priceSuggestions');
    const table = await cli(['models', '--config', config, '--db', db], { CF_KEY: 'sk-test' });
    expect(table.stdout).toContain('  llama-3.2-3b: price unknown; did you mean llama-3.2-3b-preview?');
  });
});
