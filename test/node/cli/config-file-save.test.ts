// Started with --config, the app saves its settings back to that file: the file is read again
// at every launch, so a change kept anywhere else would be lost on the next start.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBackend } from '../../../electron/node/cli/context.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-config-file-'));
  vi.stubEnv('CASCADEFLOW_DATA_DIR', join(dir, 'data'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const FILE_CONFIG = { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', local: true }, { model: 'gpt-4o', provider: 'openai' }] };

async function configOf(flags: { config: string; db: string }): Promise<{ config: AppConfig; source: string }> {
  const backend = await openBackend(flags, 'browser');
  try {
    const r = await backend.call('config.get', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    await backend.close();
  }
}

describe('settings saved with a --config file', () => {
  it('are written back to the file, and the next launch starts with them', async () => {
    const flags = { config: join(dir, 'cascade.json'), db: join(dir, 'ledger.db') };
    writeFileSync(flags.config, JSON.stringify(FILE_CONFIG));
    const backend = await openBackend(flags, 'browser');
    const before = await backend.call('config.get', {});
    if (!before.ok) throw new Error(before.error.message);
    const changed = { ...before.value.config, quality: { ...before.value.config.quality, threshold: 0.8 }, instructions: 'Answer briefly.' };
    const saved = await backend.call('config.set', { config: changed });
    expect(saved.ok).toBe(true);
    await backend.close();

    const onDisk = JSON.parse(readFileSync(flags.config, 'utf8')) as AppConfig;
    expect(onDisk.quality.threshold).toBe(0.8);
    expect(onDisk.instructions).toBe('Answer briefly.');
    const next = await configOf(flags);
    expect(next.source).toBe('file');
    expect(next.config.quality.threshold).toBe(0.8);
    expect(next.config.instructions).toBe('Answer briefly.');
  });

  it('says which file could not be written, and keeps the settings it had', async () => {
    const folder = join(dir, 'gone');
    mkdirSync(folder);
    const flags = { config: join(folder, 'cascade.json'), db: join(dir, 'ledger.db') };
    writeFileSync(flags.config, JSON.stringify(FILE_CONFIG));
    const backend = await openBackend(flags, 'browser');
    try {
      const before = await backend.call('config.get', {});
      if (!before.ok) throw new Error(before.error.message);
      rmSync(folder, { recursive: true });
      const saved = await backend.call('config.set', { config: { ...before.value.config, instructions: 'Lost?' } });
      expect(saved.ok).toBe(false);
      expect(!saved.ok && saved.error.message).toContain(`Cannot save the settings to the config file ${flags.config}: ENOENT`);
      const after = await backend.call('config.get', {});
      expect(after.ok && after.value.config.instructions).toBe(before.value.config.instructions);
    } finally {
      await backend.close();
    }
  });
});
