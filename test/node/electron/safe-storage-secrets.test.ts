import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../shared/api/result.ts';
import { createSafeStorageSecrets, ENCRYPTION_UNAVAILABLE_MESSAGE, type SafeStorageLike } from '../../../electron/main/safe-storage-secrets.ts';

// Stands in for the OS keychain: a reversible transform, so the file must never hold the plaintext.
function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ key)]),
    decryptString: (buf) => {
      if (buf.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(buf.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cf-secrets-')), 'nested', 'secrets.json');

describe('safeStorage secret store', () => {
  it('stores keys encrypted in a private file and reads them back', () => {
    const filePath = tempFile();
    const store = createSafeStorageSecrets({ safeStorage: fakeSafeStorage(), filePath, platform: 'linux' });
    store.set('OPENAI_API_KEY', 'sk-test-1234567890');
    store.set('ANTHROPIC_API_KEY', 'sk-ant-xyz');
    expect(store.get('OPENAI_API_KEY')).toBe('sk-test-1234567890');
    const text = readFileSync(filePath, 'utf8');
    expect(text).not.toContain('sk-test-1234567890');
    expect(text).not.toContain('sk-ant-xyz');
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { OPENAI_API_KEY: expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600);

    const reopened = createSafeStorageSecrets({ safeStorage: fakeSafeStorage(), filePath, platform: 'linux' });
    expect(reopened.names()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
    expect(reopened.get('ANTHROPIC_API_KEY')).toBe('sk-ant-xyz');
    reopened.delete('OPENAI_API_KEY');
    reopened.delete('NOT_THERE');
    expect(createSafeStorageSecrets({ safeStorage: fakeSafeStorage(), filePath }).names()).toEqual(['ANTHROPIC_API_KEY']);
    expect(reopened.get('OPENAI_API_KEY')).toBeUndefined();
    expect(reopened.get('constructor')).toBeUndefined();
  });

  it('refuses to store when encryption is unavailable', () => {
    const filePath = tempFile();
    const store = createSafeStorageSecrets({ safeStorage: fakeSafeStorage({ available: false }), filePath, platform: 'darwin' });
    expect(() => store.set('OPENAI_API_KEY', 'sk-1')).toThrow(ApiFailure);
    expect(() => store.set('OPENAI_API_KEY', 'sk-1')).toThrow(ENCRYPTION_UNAVAILABLE_MESSAGE);
    expect(existsSync(filePath)).toBe(false);
    expect(store.names()).toEqual([]);
  });

  it('refuses linux basic text obfuscation', () => {
    const filePath = tempFile();
    const store = createSafeStorageSecrets({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), filePath, platform: 'linux' });
    expect(() => store.set('OPENAI_API_KEY', 'sk-1')).toThrow(/environment variable/);
    expect(existsSync(filePath)).toBe(false);
  });

  it('treats an undecryptable value as unset', () => {
    const filePath = tempFile();
    const store = createSafeStorageSecrets({ safeStorage: fakeSafeStorage(), filePath });
    store.set('GROQ_API_KEY', 'gsk-1');
    const body = JSON.parse(readFileSync(filePath, 'utf8')) as { secrets: Record<string, string> };
    body.secrets.GROQ_API_KEY = Buffer.from('not-ours').toString('base64');
    writeFileSync(filePath, JSON.stringify(body));
    expect(createSafeStorageSecrets({ safeStorage: fakeSafeStorage(), filePath }).get('GROQ_API_KEY')).toBeUndefined();
  });
});
