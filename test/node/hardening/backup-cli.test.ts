// `cascadeflow backup ...` as a user runs it: real processes, real files.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../fakes/index.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';

let ollama: FakeOllama;
let dir: string;

beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['llama3.2:3b'] });
  ollama.setDefault({ text: 'Paris is the capital of France.', usage: { input: 12, output: 7 } });
  dir = mkdtempSync(join(tmpdir(), 'cf-backup-cli-'));
});
afterAll(async () => {
  await ollama.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, { HOME: dir, CASCADEFLOW_DATA_DIR: join(dir, 'data') });
}

function rows(db: string): { queries: unknown[]; calls: unknown[] } {
  const d = new Database(db, { readonly: true });
  try {
    return {
      queries: d.prepare('SELECT id, prompt, answer, cost_nano, decision FROM queries ORDER BY id').all(),
      calls: d.prepare('SELECT query_id, seq, model, input_tokens, output_tokens, cost_nano FROM calls ORDER BY query_id, seq').all(),
    };
  } finally {
    d.close();
  }
}

describe('cascadeflow backup', () => {
  it('exports to a file and imports it into another database', { timeout: 120_000 }, async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, price: { inputPerMTok: 0.1, outputPerMTok: 0.2 } }] }));
    const a = join(dir, 'a.db');
    expect((await cli(['ask', '--config', config, '--db', a, 'What is the capital of France?'])).code).toBe(0);

    const file = join(dir, 'backup.json');
    const exported = await cli(['backup', 'export', '--db', a, '-o', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^Wrote .*backup\.json: 1 queries \(1 calls\)/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'cascadeflow-backup', formatVersion: 1 });

    const b = join(dir, 'b.db');
    const imported = await cli(['backup', 'import', file, '--db', b]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 1 queries \(1 calls\)/);
    expect(rows(b)).toEqual(rows(a));

    // A damaged file is refused with the field named, and the database is left as it was.
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { queries: { calls: { outputTokens: unknown }[] }[] };
    (doc.queries[0]?.calls[0] ?? { outputTokens: 0 }).outputTokens = 'many';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc));
    const c = join(dir, 'c.db');
    const refused = await cli(['backup', 'import', bad, '--db', c, '--replace']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/document\.queries\.0\.calls\.0\.outputTokens/);
    expect(rows(c)).toEqual({ queries: [], calls: [] });

    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"format": ');
    const unreadable = await cli(['backup', 'import', notJson, '--db', c]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/not\.json is not valid JSON/);
  });

  it('creates an online backup in the data folder', async () => {
    const a = join(dir, 'create.db');
    new Database(a).close();
    const r = await cli(['backup', 'create', '--db', a, '--json']);
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout) as { path: string; removed: string[] };
    expect(created.path.startsWith(join(dir, 'data', 'backups', 'cascadeflow-'))).toBe(true);
    expect(existsSync(created.path)).toBe(true);
    const copy = new Database(created.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });
});
