// `cascadeflow backup ...` as a user runs it: real processes, real files.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatabase } from '../../../electron/node/backup/export-import.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { startFakeOllama, type FakeOllama } from '../../fakes/index.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { writeBulk } from './backup-fixtures.ts';

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

function withoutStamp(content: string): unknown {
  const { exportedAt: _ignored, ...rest } = JSON.parse(content) as { exportedAt: number };
  void _ignored;
  return rest;
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
    expect(exported.stderr).toMatch(/^Wrote .*backup\.json: 1 query \(1 call\)/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'cascadeflow-backup', formatVersion: 1 });

    const b = join(dir, 'b.db');
    const imported = await cli(['backup', 'import', file, '--db', b]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 1 query \(1 call\)/);
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

  it('streams the export to a file or stdout, the same document backup.export builds', { timeout: 120_000 }, async () => {
    const db = join(dir, 'bulk.db');
    openDatabase(db).close();
    // Several chunks of 64K, and under runCli's 1 MB limit on captured stdout.
    writeBulk(db, 200);
    const out = mkdtempSync(join(dir, 'export-'));
    const file = join(out, 'backup.json');
    // An older backup readable by others is replaced by one only the user may read.
    writeFileSync(file, 'older backup', { mode: 0o644 });
    chmodSync(file, 0o644);
    const exported = await cli(['backup', 'export', '--db', db, '-o', file]);
    expect(exported.stderr).toMatch(/^Wrote .*backup\.json: 200 queries \(400 calls\), 10 conversations \(400 messages\), 1 setting, 20 audits\n$/);
    expect(exported.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(out)).toEqual(['backup.json']);
    const content = readFileSync(file, 'utf8');
    const stamp = JSON.parse(content) as { exportedAt: number; app: { version: string } };
    const reference = openDatabase(db);
    try {
      expect(content).toBe(`${JSON.stringify(exportDatabase(reference, { now: stamp.exportedAt, version: stamp.app.version }), null, 1)}\n`);
    } finally {
      reference.close();
    }

    const piped = await cli(['backup', 'export', '--db', db]);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(withoutStamp(piped.stdout)).toEqual(withoutStamp(content));
  });

  it('leaves no partial file when the export cannot be written', async () => {
    const db = join(dir, 'small.db');
    openDatabase(db).close();
    writeBulk(db, 30);
    const out = mkdtempSync(join(dir, 'export-fail-'));
    const taken = join(out, 'taken');
    mkdirSync(taken);
    // Written in full, then the rename onto a directory fails.
    const onDir = await cli(['backup', 'export', '--db', db, '-o', taken]);
    expect(onDir.code).toBe(1);
    expect(onDir.stderr).toBe(`cascadeflow backup: cannot write ${taken}: EISDIR\n`);
    expect(readdirSync(out)).toEqual(['taken']);
    expect(readdirSync(taken)).toEqual([]);

    const missing = join(out, 'missing', 'backup.json');
    const noFolder = await cli(['backup', 'export', '--db', db, '-o', missing]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toBe(`cascadeflow backup: cannot write ${missing}: ENOENT\n`);
    expect(readdirSync(out)).toEqual(['taken']);
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
