// Desktop SecretStore: API keys encrypted with Electron safeStorage (Keychain, DPAPI,
// libsecret/kwallet) and kept as base64 ciphertext in a 0600 JSON file in userData. The
// plaintext never touches disk. Takes safeStorage as a parameter so Node tests can run it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiFailure } from '../../shared/api/result.ts';
import type { SecretStore } from '../node/backend-types.ts';

/**
 * The file in userData. Not `secrets.json`: that is browser mode's plaintext store, and on macOS and
 * Windows browser mode's data folder is the desktop app's userData, so one name would have each
 * mode overwrite (or fail to read) the other's keys.
 */
export const SAFE_STORAGE_SECRETS_FILE = 'secrets.encrypted.json';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageSecretsOptions {
  safeStorage: SafeStorageLike;
  filePath: string;
  platform?: NodeJS.Platform;
}

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

export const ENCRYPTION_UNAVAILABLE_MESSAGE =
  'This system offers no encrypted storage for API keys (no OS keychain or secret service), so CascadeFlow will not save the key. ' +
  'Set it as an environment variable (e.g. OPENAI_API_KEY) before starting the app instead.';

export function createSafeStorageSecrets(opts: SafeStorageSecretsOptions): SecretStore {
  const platform = opts.platform ?? process.platform;
  let cache: Record<string, string> | null = null;

  const canEncrypt = (): boolean => {
    if (!opts.safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a secret service Electron falls back to a hard-coded key
    // ('basic_text'), which is obfuscation, not encryption.
    if (platform === 'linux' && opts.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  };

  const load = (): Record<string, string> => {
    if (cache !== null) return cache;
    cache = readSecretsFile(opts.filePath);
    return cache;
  };

  const save = (secrets: Record<string, string>): void => {
    const body: SecretsFile = { version: 1, secrets };
    mkdirSync(dirname(opts.filePath), { recursive: true });
    const tmp = `${opts.filePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, opts.filePath);
    cache = secrets;
  };

  return {
    get(name) {
      const secrets = load();
      const stored = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
      if (stored === undefined || !opts.safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return opts.safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // Encrypted under another OS user or a reset keychain: unusable, so treated as unset.
        return undefined;
      }
    },
    set(name, value) {
      if (!canEncrypt()) throw new ApiFailure('internal', ENCRYPTION_UNAVAILABLE_MESSAGE, { reason: 'encryption_unavailable' });
      const encrypted = opts.safeStorage.encryptString(value).toString('base64');
      save({ ...load(), [name]: encrypted });
    },
    delete(name) {
      const current = load();
      if (!Object.hasOwn(current, name)) return;
      const { [name]: _removed, ...rest } = current;
      save(rest);
    },
    names() {
      return Object.keys(load()).sort();
    },
  };
}

function readSecretsFile(filePath: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (e) {
    if (isErrno(e) && e.code === 'ENOENT') return {};
    throw e;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isSecretsFile(parsed)) throw new Error(`${filePath} is not a CascadeFlow secrets file.`);
  return { ...parsed.secrets };
}

function isSecretsFile(value: unknown): value is SecretsFile {
  if (typeof value !== 'object' || value === null || !('version' in value) || !('secrets' in value)) return false;
  const { version, secrets } = value;
  return version === 1 && typeof secrets === 'object' && secrets !== null && Object.values(secrets).every((v) => typeof v === 'string');
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && 'code' in e;
}
