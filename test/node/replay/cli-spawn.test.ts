// The real `cascadeflow` binary: import the GSM8K CSV, then replay it as a sweep. Runs once the
// replay commands are registered in electron/node/cli/main.ts (until then the command functions
// are tested directly in cli-commands.test.ts).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../sqlite/ledger-fixtures.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const registered = /replayCommand/.test(readFileSync(join(ROOT, 'electron/node/cli/main.ts'), 'utf8'));
const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';

describe.skipIf(!registered)('cascadeflow import + replay (spawned)', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  // The user's own config and database must not leak into the run.
  const { CASCADEFLOW_CONFIG: _config, CASCADEFLOW_DB: _db, ...inherited } = process.env;
  const env = { ...inherited, CASCADEFLOW_DATA_DIR: dir.dir };

  // The acceptance command, word for word: the importer marks Mixtral local, so no --local.
  it('imports the GSM8K CSV and replays it as a sweep document', { timeout: 120_000 }, async () => {
    const trace = join(dir.dir, 'g.jsonl');
    const bin = join(ROOT, 'bin/cascadeflow.mjs');
    await run(process.execPath, [bin, 'import', 'routellm-gsm8k', '/work/shared/data/routellm/gsm8k_responses.csv', '-o', trace], { env });
    const { stdout } = await run(process.execPath, [bin, 'replay', trace, '--tiers', `${MIXTRAL},${GPT4}`, '--sweep', '--json'], { env, maxBuffer: 64 * 1024 * 1024 });
    const doc = JSON.parse(stdout) as {
      queries: number;
      tiers: string[];
      pricing: { model: string; pricing: string }[];
      points: unknown[];
      baselines: { always_drafter: unknown; always_verifier: unknown; oracle: unknown; random: unknown[] };
      recommended: unknown;
    };
    expect(doc.pricing.map((p) => [p.model, p.pricing])).toEqual([[MIXTRAL, 'energy'], [GPT4, 'list']]);
    expect(doc.queries).toBe(1319);
    expect(doc.tiers).toEqual([MIXTRAL, GPT4]);
    expect(doc.points.length).toBeGreaterThanOrEqual(50);
    expect(doc.baselines.random).toHaveLength(doc.points.length);
    expect(Object.keys(doc.baselines).sort()).toEqual(['always_drafter', 'always_verifier', 'oracle', 'random']);
    expect('recommended' in doc).toBe(true);
  });

  it('names the unpriced model and exits non-zero', { timeout: 60_000 }, async () => {
    const bin = join(ROOT, 'bin/cascadeflow.mjs');
    // The bundled trace without the importer's local marks: nothing says what Mixtral costs.
    const unmarked = join(dir.dir, 'unmarked.jsonl');
    writeFileSync(unmarked, readFileSync(join(ROOT, 'examples/traces/mtbench.jsonl'), 'utf8').replaceAll(',"local":true', ''));
    const error = await run(process.execPath, [bin, 'replay', unmarked, '--tiers', `${MIXTRAL},${GPT4}`], { env }).catch((e: unknown) => e);
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr).toContain(`no price is known for the model "${MIXTRAL}"`);
  });
});
