import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRETS_FILE, createSecretFileStore } from '../../../electron/node/sqlite/secret-file-store.ts';
import { tempDir } from './ledger-fixtures.ts';

let tmp: { dir: string; cleanup(): void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('secret file store', () => {
  it('round-trips values through a 0600 secrets.json, even in a folder it has to create', () => {
    const dataDir = join(tmp.dir, 'data');
    const store = createSecretFileStore(dataDir);
    expect(store.names()).toEqual([]);
    expect(store.get('OPENAI_API_KEY')).toBeUndefined();
    store.set('OPENAI_API_KEY', 'sk-test-"quoted"\nline');
    store.set('ANTHROPIC_API_KEY', 'sk-ant-1');
    const path = join(dataDir, SECRETS_FILE);
    expect(store.path).toBe(path);
    expect(mode(path)).toBe(0o600);
    // A second instance reads what the first wrote: the file is the only state.
    const again = createSecretFileStore(dataDir);
    expect(again.get('OPENAI_API_KEY')).toBe('sk-test-"quoted"\nline');
    expect(again.names()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
  });

  it('keeps mode 0600 under a permissive umask', () => {
    const previous = process.umask(0);
    try {
      const store = createSecretFileStore(tmp.dir);
      store.set('GROQ_API_KEY', 'gsk-1');
      expect(mode(join(tmp.dir, SECRETS_FILE))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a file someone made world-readable', () => {
    const path = join(tmp.dir, SECRETS_FILE);
    writeFileSync(path, JSON.stringify({ GROQ_API_KEY: 'gsk-1' }));
    chmodSync(path, 0o644);
    expect(createSecretFileStore(tmp.dir).get('GROQ_API_KEY')).toBe('gsk-1');
    expect(mode(path)).toBe(0o600);
  });

  it('deletes a key, leaves no temporary files behind, and reports missing keys', () => {
    const store = createSecretFileStore(tmp.dir);
    store.set('A_KEY', 'one');
    store.set('B_KEY', 'two');
    expect(store.delete('A_KEY')).toBe(true);
    expect(store.delete('A_KEY')).toBe(false);
    expect(store.names()).toEqual(['B_KEY']);
    expect(JSON.parse(readFileSync(join(tmp.dir, SECRETS_FILE), 'utf8'))).toEqual({ B_KEY: 'two' });
    expect(readdirSync(tmp.dir)).toEqual([SECRETS_FILE]);
  });

  it('refuses a damaged file without quoting its content', () => {
    writeFileSync(join(tmp.dir, SECRETS_FILE), '{"OPENAI_API_KEY": "sk-secret-value', { mode: 0o600 });
    let message = '';
    try {
      createSecretFileStore(tmp.dir).get('OPENAI_API_KEY');
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('sk-secret-value');
    expect(existsSync(join(tmp.dir, SECRETS_FILE))).toBe(true);
  });
});
