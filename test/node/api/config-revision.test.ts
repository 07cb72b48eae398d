// Settings kept unsaved in one window must not silently overwrite a change made elsewhere
// meanwhile: config.get names the stored config's revision, and a config.set that says which
// revision it started from is refused with 'conflict' once the stored config is another one,
// whether another window saved, another process on the same database did, or someone edited
// the --config file by hand. Without a revision (the CLI, older scripts) a save goes through.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/node/backend.ts';
import type { Backend } from '../../../electron/node/backend-types.ts';
import { loadConfigFile, readConfigFile, type ConfigFile } from '../../../electron/node/config-file.ts';
import { createConfigHolder } from '../../../electron/node/config-holder.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { CONFIG_KEY, createSettingsStore } from '../../../electron/node/sqlite/settings-store.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import { memorySecrets } from '../helpers/harness.ts';

let dir: string;
const open: Backend[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-config-revision-'));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function backend(opts: { configFile?: string | ConfigFile } = {}): Promise<Backend> {
  const file = typeof opts.configFile === 'string' ? readConfigFile(opts.configFile) : opts.configFile;
  const b = await createBackend({ dbPath: join(dir, 'ledger.db'), dataDir: dir, mode: 'test', secrets: memorySecrets(), log: () => {}, ...(file ? { configFile: file } : {}) });
  open.push(b);
  return b;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function refusal(r: Result<unknown>): ApiError {
  if (r.ok) throw new Error('the save went through');
  return r.error;
}

/** What config.set gets through the transports: untyped JSON, validated by dispatch. */
const save = (b: Backend, input: unknown) => b.dispatch('config.set', input) as Promise<Result<{ config: AppConfig; revision: string }>>;
const load = async (b: Backend) => value(await b.call('config.get', {}));
const withThreshold = (c: AppConfig, threshold: number): AppConfig => ({ ...c, quality: { ...c.quality, threshold } });

const FILE_CONFIG = { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', local: true }, { model: 'gpt-4o', provider: 'openai' }], quality: { threshold: 0.7 } };

describe('config revisions', () => {
  it('refuse a save started before another window saved, keep that save, and let the user overwrite it on purpose', async () => {
    const b = await backend();
    const windowA = await load(b);
    const windowB = await load(b);
    expect(windowA.revision).toBe(windowB.revision);

    const savedByB = value(await save(b, { config: withThreshold(windowB.config, 0.8), revision: windowB.revision }));
    expect(savedByB.revision).not.toBe(windowB.revision);

    const stale = refusal(await save(b, { config: withThreshold(windowA.config, 0.6), revision: windowA.revision }));
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('changed elsewhere');
    expect(stale.details).toEqual({ revision: savedByB.revision });
    expect((await load(b)).config.quality.threshold).toBe(0.8);

    // "Save mine anyway": against the revision the refusal named.
    const overwritten = value(await save(b, { config: withThreshold(windowA.config, 0.6), revision: stale.details?.['revision'] }));
    expect(overwritten.config.quality.threshold).toBe(0.6);
    expect(await load(b)).toMatchObject({ revision: overwritten.revision, config: { quality: { threshold: 0.6 } } });
  });

  it('save without a revision as before, whatever changed (the CLI and older scripts)', async () => {
    const b = await backend();
    const first = await load(b);
    value(await save(b, { config: withThreshold(first.config, 0.8), revision: first.revision }));
    const blind = value(await save(b, { config: withThreshold(first.config, 0.5) }));
    expect(blind.config.quality.threshold).toBe(0.5);
    expect((await load(b)).revision).toBe(blind.revision);
  });

  it('refuse a stale save after another process saved to the same database', async () => {
    const app = await backend();
    const other = await backend();
    const loaded = await load(app);
    value(await save(other, { config: withThreshold(loaded.config, 0.9) }));

    expect(refusal(await save(app, { config: withThreshold(loaded.config, 0.4), revision: loaded.revision })).code).toBe('conflict');
    // Loading again shows what the other process saved, and a save from there goes through.
    const reloaded = await load(app);
    expect(reloaded.config.quality.threshold).toBe(0.9);
    expect(value(await save(app, { config: withThreshold(reloaded.config, 0.4), revision: reloaded.revision })).config.quality.threshold).toBe(0.4);
  });

  it('refuse a stale save over a config file edited by hand, which loading again picks up', async () => {
    const file = join(dir, 'cascade.json');
    writeFileSync(file, JSON.stringify(FILE_CONFIG));
    const b = await backend({ configFile: file });
    const events: string[] = [];
    b.events.subscribe((e) => events.push(e.name));
    const loaded = await load(b);
    expect(loaded.source).toBe('file');

    writeFileSync(file, JSON.stringify({ ...FILE_CONFIG, instructions: 'Answer in French.' }));
    const stale = refusal(await save(b, { config: withThreshold(loaded.config, 0.5), revision: loaded.revision }));
    expect(stale.code).toBe('conflict');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ instructions: 'Answer in French.' });

    // Loading again takes the hand edit, for this window and (config.changed) the others.
    const reloaded = await load(b);
    expect(reloaded.config.instructions).toBe('Answer in French.');
    expect(reloaded.revision).toBe(stale.details?.['revision']);
    expect(events).toEqual(['config.changed']);
    value(await save(b, { config: withThreshold(reloaded.config, 0.5), revision: reloaded.revision }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ instructions: 'Answer in French.', quality: { threshold: 0.5 } });
  });

  it('date the file config by the text it was read from, so a hand edit made during start-up is loaded, not saved over', async () => {
    const file = join(dir, 'cascade.json');
    writeFileSync(file, JSON.stringify(FILE_CONFIG));
    const read = readConfigFile(file);
    // Edited after the launch read the file and before the backend was built.
    writeFileSync(file, JSON.stringify({ ...FILE_CONFIG, instructions: 'Answer in French.' }));
    const b = await backend({ configFile: read });

    const loaded = await load(b);
    expect(loaded.config.instructions).toBe('Answer in French.');
    value(await save(b, { config: withThreshold(loaded.config, 0.5), revision: loaded.revision }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ instructions: 'Answer in French.', quality: { threshold: 0.5 } });
  });

  it('keep the settings in use when the file is broken by hand, say why a save is refused, and let it repair the file', async () => {
    const file = join(dir, 'cascade.json');
    writeFileSync(file, JSON.stringify(FILE_CONFIG));
    const b = await backend({ configFile: file });
    const loaded = await load(b);
    writeFileSync(file, '{"tiers": [');

    const again = await load(b);
    expect(again).toEqual(loaded);
    const stale = refusal(await save(b, { config: withThreshold(loaded.config, 0.5), revision: again.revision }));
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain(`can no longer be read (Config file ${file} is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"tiers": [');

    value(await save(b, { config: withThreshold(loaded.config, 0.5), revision: stale.details?.['revision'] }));
    expect(loadConfigFile(file).quality.threshold).toBe(0.5);
  });

  it('apply a replay threshold onto the config as stored now, keeping a hand edit, and never over a broken file', async () => {
    const file = join(dir, 'cascade.json');
    writeFileSync(file, JSON.stringify(FILE_CONFIG));
    const b = await backend({ configFile: file });
    await load(b);
    writeFileSync(file, JSON.stringify({ ...FILE_CONFIG, instructions: 'Answer in French.' }));
    const applied = value(await b.dispatch('replay.apply', { threshold: 0.55 }));
    expect(applied).toMatchObject({ config: { instructions: 'Answer in French.', quality: { threshold: 0.55 } } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ instructions: 'Answer in French.', quality: { threshold: 0.55 } });

    writeFileSync(file, '{"tiers": [');
    const refused = refusal(await b.dispatch('replay.apply', { threshold: 0.6 }));
    expect(refused.code).toBe('conflict');
    // Said with what Replay can do: it has no "load again" or "save over" buttons.
    expect(refused.message).toContain(`The threshold was not applied: the saved settings can no longer be read (Config file ${file} is not valid JSON`);
    expect(refused.message).toContain('Fix them (or save them again in Models & Settings), then use the threshold again.');
    expect(refused.message).not.toContain('Load them again');
    expect(readFileSync(file, 'utf8')).toBe('{"tiers": [');
  });

  it('refuse a revision that is not a string, naming the field', async () => {
    const b = await backend();
    const { config } = await load(b);
    const r = refusal(await save(b, { config, revision: 42 }));
    expect(r.code).toBe('invalid_input');
    expect(r.details?.['fields']).toEqual(['revision']);
  });
});

describe('config holder update', () => {
  it('applies a change onto the config as stored now, reading it once', () => {
    const db = openDatabase(':memory:');
    const settings = createSettingsStore(db);
    let reads = 0;
    const counted = { ...settings, get: (key: string) => (reads++, settings.get(key)) };
    const holder = createConfigHolder({ settings: counted, log: () => {} });
    // Saved by another process after this one read it.
    settings.set(CONFIG_KEY, withThreshold(holder.get(), 0.9));
    const launchReads = reads;

    const result = holder.update((stored) => ({ config: { ...stored, instructions: `was ${stored.quality.threshold}` }, note: 'kept' }));
    expect(reads - launchReads).toBe(1);
    expect(result).toMatchObject({ note: 'kept', config: { instructions: 'was 0.9', quality: { threshold: 0.9 } } });
    expect(settings.get(CONFIG_KEY)).toMatchObject({ instructions: 'was 0.9' });
    db.close();
  });

  it('refuses before running the change when the stored config can no longer be read', () => {
    const file = join(dir, 'cascade.json');
    writeFileSync(file, JSON.stringify(FILE_CONFIG));
    const logged: string[] = [];
    const db = openDatabase(':memory:');
    const launched = readConfigFile(file);
    const holder = createConfigHolder({ file: launched, settings: createSettingsStore(db), log: (m) => logged.push(m) });
    writeFileSync(file, '{"tiers": [');

    let calls = 0;
    // A change that fails on its own must not hide the conflict.
    const change = (): never => {
      calls++;
      throw new Error('the change ran');
    };
    let refused: unknown;
    try {
      holder.update(change);
    } catch (e) {
      refused = e;
    }
    expect(calls).toBe(0);
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringContaining(`can no longer be read (Config file ${file} is not valid JSON`) });
    expect(logged).toEqual([]);
    expect(holder.get()).toBe(launched.config);
    expect(readFileSync(file, 'utf8')).toBe('{"tiers": [');
    db.close();
  });
});
