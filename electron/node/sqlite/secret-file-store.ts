// Browser mode has no OS keychain (Electron's safeStorage), so API keys live in a file only the
// user can read: `secrets.json` in the data folder, mode 0600, replaced atomically so a crash
// mid-write never leaves a truncated file. Nothing here logs, and errors never quote values.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const SECRETS_FILE = 'secrets.json';
const FILE_MODE = 0o600;

export interface SecretFileStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): boolean;
  names(): string[];
  /** Absolute path of the file (for messages; never its content). */
  readonly path: string;
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && 'code' in e && e.code === code;
}

export function createSecretFileStore(dataDir: string): SecretFileStore {
  const path = join(dataDir, SECRETS_FILE);

  const read = (): Map<string, string> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return new Map();
      throw e;
    }
    // A file someone loosened by hand (or restored from a backup) is tightened again.
    if ((statSync(path).mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${path} is not valid JSON; fix or delete it and set the keys again.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${path} must hold a JSON object of names to values.`);
    }
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') map.set(name, value);
    }
    return map;
  };

  const write = (secrets: Map<string, string>): void => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const tmp = join(dataDir, `.${SECRETS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    // 'wx' refuses to follow or reuse an existing file; the mode applies from the first byte.
    const fd = openSync(tmp, 'wx', FILE_MODE);
    try {
      writeSync(fd, `${JSON.stringify(Object.fromEntries(secrets), null, 2)}\n`);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    try {
      // The umask may have cleared bits but never adds them; chmod makes the mode exact.
      chmodSync(tmp, FILE_MODE);
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    chmodSync(path, FILE_MODE);
  };

  return {
    path,
    get(name) {
      return read().get(name);
    },
    set(name, value) {
      const secrets = read();
      secrets.set(name, value);
      write(secrets);
    },
    delete(name) {
      const secrets = read();
      if (!secrets.delete(name)) return false;
      write(secrets);
      return true;
    },
    names() {
      return [...read().keys()].sort();
    },
  };
}
