// The real `cascadeflow record` process: Ctrl-C (SIGINT) in the middle of a recording keeps the
// finished prompts, and the same command then records only the rest. Runs once `record` is
// registered in electron/node/cli/main.ts (until then record-command.test.ts covers the command).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes, TEST_KEY_ENV, type Fakes } from '../helpers/harness.ts';

const ROOT = join(import.meta.dirname, '../../..');
const registered = /recordCommand/.test(readFileSync(join(ROOT, 'electron/node/cli/main.ts'), 'utf8'));
const DRAFTER = 'llama3.2:3b';
const VERIFIER = 'gpt-4o';

describe.skipIf(!registered)('cascadeflow record (spawned)', () => {
  let fakes: Fakes;
  let dir: string;

  beforeAll(async () => {
    fakes = await startFakes();
    dir = mkdtempSync(join(tmpdir(), 'cf-record-spawn-'));
  });
  afterAll(async () => {
    await fakes.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function run(args: string[], onStderr?: (all: string, kill: () => void) => void, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    const { CASCADEFLOW_CONFIG: _c, CASCADEFLOW_DB: _d, OPENAI_API_KEY: _k, ...inherited } = process.env;
    const child = spawn(process.execPath, [join(ROOT, 'bin/cascadeflow.mjs'), 'record', ...args], {
      cwd: ROOT,
      env: { ...inherited, [TEST_KEY_ENV]: 'sk-test', CASCADEFLOW_DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill(signal));
    });
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  }

  function setup(name: string): string[] {
    const prompts = join(dir, `${name}-prompts.jsonl`);
    writeFileSync(prompts, ['one', 'two', 'three', 'four', 'five'].map((w, i) => JSON.stringify({ id: `p${i + 1}`, prompt: `Say ${w}.`, expected: w })).join('\n'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        tiers: [
          { model: DRAFTER, provider: 'ollama', baseUrl: fakes.ollama.url, local: true },
          { model: VERIFIER, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: TEST_KEY_ENV },
        ],
      }),
    );
    fakes.ollama.script(DRAFTER, (call) => ({ text: call.prompt.replace(/^Say /, '') }));
    // Slow enough that the interrupt lands while a prompt is in flight.
    fakes.openai.script(VERIFIER, (call) => ({ text: `Sure: ${call.prompt.replace(/^Say /, '')}`, delayMs: 150 }));
    return [prompts, '--models', `${DRAFTER},${VERIFIER}`, '-o', join(dir, `${name}-trace.jsonl`), '--config', config, '--yes', '--concurrency', '1'];
  }

  /** Sends `signal` once the progress shows two of five prompts recorded (the third in flight). */
  function interrupted(args: string[], signal: NodeJS.Signals) {
    let sent = false;
    return run(
      args,
      (all, kill) => {
        if (!sent && / 2\/5/.test(all)) {
          sent = true;
          kill();
        }
      },
      signal,
    );
  }

  it('keeps the finished prompts on Ctrl-C and records only the rest when run again', { timeout: 120_000 }, async () => {
    const args = setup('int');
    const out = args[4] as string;

    const first = await interrupted(args, 'SIGINT');
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Interrupted.');
    // The third prompt was in flight (the verifier answers after 150 ms): its cost is not $0.
    expect(first.stderr).toMatch(/Recorded 2 of 5 prompts into .*\(\$\d+\.\d+ spent, plus 1 prompt stopped mid-answer whose calls' cost is not known\)/);
    const saved = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(saved.slice(0, 2)).toEqual(['p1', 'p2']);

    const before = fakes.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const second = await run(args);
    expect(second.code).toBe(0);
    const asked = fakes.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).slice(before);
    expect(asked).toHaveLength(5 - saved.length);
    const ids = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect([...ids].sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('stops on SIGTERM as on Ctrl-C: saves, prints what was written and spent, exits 143', { timeout: 120_000 }, async () => {
    const args = setup('term');
    const r = await interrupted(args, 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/Recorded [23] of 5 prompts into .*term-trace\.jsonl \(\$\d+\.\d+ spent/);
    expect(r.stderr).toContain('Interrupted.');
    expect(r.stderr).toContain('Run the same command again to record the rest');
    const saved = readFileSync(args[4] as string, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(saved.slice(0, 2)).toEqual(['p1', 'p2']);
    // The third prompt was being answered: its calls are not "$0.00" but of unknown cost.
    expect(saved).toHaveLength(2);
    expect(r.stderr).toMatch(/plus 1 prompt stopped mid-answer whose calls' cost is not known\)/);
  });
});
