// The config the running app uses, and its revision: a hash of the config as stored (the
// --config file's text, or the settings row in the database), read afresh when asked. A change
// made outside this window (another window, another process on the same database, the config
// file edited by hand) changes the stored revision, so a save that started from an older one is
// refused instead of silently writing over that change (config.set with `revision`).
import { createHash } from 'node:crypto';
import type { AppInfo } from '../../shared/api/contract.ts';
import { ApiFailure } from '../../shared/api/result.ts';
import { DEFAULT_CONFIG, parseConfig, type AppConfig } from '../../shared/core/config/schema.ts';
import { parseConfigText, readConfigText, saveConfigFile, type ConfigFile } from './config-file.ts';
import type { SettingsStore } from './sqlite/settings-store.ts';
import { CONFIG_KEY } from './sqlite/settings-store.ts';

export interface ConfigHolder {
  get(): AppConfig;
  source(): AppInfo['configSource'];
  /** The revision `get()` was read from or saved as. */
  revision(): string;
  /**
   * Takes the stored config when it was changed outside this process since it was read; true
   * when it was. One that can no longer be read is left alone (the app keeps what it had) and
   * a save that expects a revision is refused, saying why.
   */
  reload(): boolean;
  /**
   * Stores `config` and uses it from now on. With `expectedRevision`, only if the stored config
   * is still that revision; otherwise ApiFailure('conflict') with the stored one in details.
   */
  set(config: AppConfig, expectedRevision?: string): void;
  /**
   * reload(), then set(change(get()).config) only if the stored config is still the one reloaded,
   * reading it once: one that can no longer be read is refused (conflict), not replaced.
   */
  update<R extends { config: AppConfig }>(change: (stored: AppConfig) => R): R;
}

/** The revision of nothing stored (the defaults in use). */
export const NO_STORED_CONFIG = 'none';

const revisionOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Where set() writes: what is stored there now, read again, and how to write it. */
interface Storage {
  /** The stored text's revision, and the config in it (or why it cannot be used). */
  read(): { revision: string; config: AppConfig | null; problem: string | null };
  /** Writes the config; returns the revision written. */
  write(config: AppConfig): string;
}

type Stored = ReturnType<Storage['read']>;

/** A config file as read: its revision is the hash of that text. */
const storedIn = (file: ConfigFile): Stored => ({ revision: revisionOf(file.text), config: file.config, problem: null });

function fileStorage(path: string): Storage {
  return {
    read() {
      let text: string;
      try {
        text = readConfigText(path);
      } catch (e) {
        return { revision: NO_STORED_CONFIG, config: null, problem: (e as Error).message };
      }
      try {
        return storedIn({ path, text, config: parseConfigText(path, text) });
      } catch (e) {
        return { revision: revisionOf(text), config: null, problem: (e as Error).message };
      }
    },
    write: (config) => revisionOf(saveConfigFile(path, config)),
  };
}

function databaseStorage(settings: SettingsStore): Storage {
  return {
    read() {
      let stored: unknown;
      try {
        stored = settings.get(CONFIG_KEY);
      } catch (e) {
        return { revision: 'unreadable', config: null, problem: (e as Error).message };
      }
      if (stored === undefined) return { revision: NO_STORED_CONFIG, config: null, problem: null };
      const parsed = parseConfig(stored);
      return { revision: revisionOf(JSON.stringify(stored)), config: parsed.ok ? parsed.config : null, problem: parsed.ok ? null : `the stored settings are not valid: ${parsed.message}` };
    },
    write(config) {
      settings.set(CONFIG_KEY, config);
      return revisionOf(JSON.stringify(config));
    },
  };
}

/**
 * `file`: the --config file as the launch read it; the settings are saved back there.
 * `fromFile`: a config given without its file (tests): used as the file's would be, saved to the
 * database. Neither: the settings stored in the database, else the defaults.
 */
export function createConfigHolder(opts: { file?: ConfigFile; fromFile?: AppConfig; settings: SettingsStore; log: (m: string, e?: unknown) => void }): ConfigHolder {
  // A file config is read at every launch, so a change saved anywhere else would be lost.
  const storage = opts.file ? fileStorage(opts.file.path) : databaseStorage(opts.settings);
  // The file as the launch read it, not read again: a second read could date the config in use by
  // an edit made in between, which a save would then write over.
  const stored = opts.file ? storedIn(opts.file) : storage.read();
  const given = opts.file?.config ?? opts.fromFile;
  let current: AppConfig;
  let source: AppInfo['configSource'];
  if (given) {
    current = given;
    source = 'file';
  } else {
    if (stored.problem) opts.log(`ignoring the stored settings: ${stored.problem}`);
    current = stored.config ?? DEFAULT_CONFIG;
    source = stored.config ? 'database' : 'default';
  }
  // What launch decided to ignore is not news: a save may replace it without a question.
  let revision = stored.revision;

  /** Takes what is stored `now` when it changed and can be used; true when it did. */
  const take = (now: Stored): boolean => {
    if (now.revision === revision) return false;
    if (!now.config) {
      opts.log(`keeping the settings in use: ${now.problem ?? 'nothing is stored'}`);
      return false;
    }
    current = now.config;
    revision = now.revision;
    return true;
  };
  const write = (config: AppConfig): void => {
    revision = storage.write(config);
    current = config;
    if (source !== 'file') source = 'database';
  };

  return {
    get: () => current,
    source: () => source,
    revision: () => revision,
    reload: () => take(storage.read()),
    set(config, expectedRevision) {
      if (expectedRevision !== undefined) {
        const now = storage.read();
        if (now.revision !== expectedRevision) throw conflict(now.revision, now.problem);
      }
      write(config);
    },
    update(change) {
      const now = storage.read();
      // Changed and unreadable: refused before `change` runs, so it does no work for nothing, an
      // error of its own cannot hide the conflict, and take() logs no "keeping the settings".
      if (now.revision !== revision && !now.config) throw conflict(now.revision, now.problem);
      take(now);
      const changed = change(current);
      write(changed.config);
      return changed;
    },
  };
}

function conflict(stored: string, problem: string | null): ApiFailure {
  const what = problem
    ? `The saved settings were changed outside this window and can no longer be read (${problem}).`
    : 'The saved settings were changed elsewhere (another window, the command line or the config file) since these were loaded.';
  // `problem` lets a caller that is not the Settings page say it in its own words (replay.apply).
  return new ApiFailure('conflict', `${what} Load them again, or save yours over them on purpose.`, { revision: stored, ...(problem ? { problem } : {}) });
}
