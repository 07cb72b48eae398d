// Key/value settings as JSON text. Callers validate what they read back (the config goes through
// parseConfig), so a value written by another build cannot slip in unchecked.
import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../../shared/core/ports.ts';

/** The key under which the app config is stored. */
export const CONFIG_KEY = 'config';

export interface SettingsStore {
  /** The parsed JSON value, or undefined when the key was never set. */
  get(key: string): unknown;
  /** Throws TypeError for a value JSON cannot represent (undefined, a function, a BigInt). */
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
}

export function createSettingsStore(db: Database.Database, clock: Clock = systemClock): SettingsStore {
  const select = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const upsert = db.prepare<{ key: string; json: string; now: number }>(`
    INSERT INTO settings (key, value_json, updated_at) VALUES (@key, @json, @now)
    ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`);
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');

  return {
    get(key) {
      const row = select.get(key);
      if (row === undefined) return undefined;
      try {
        const value: unknown = JSON.parse(row.value_json);
        return value;
      } catch {
        throw new Error(`The stored setting "${key}" is not valid JSON; set it again to repair it.`);
      }
    },

    set(key, value) {
      const json: string | undefined = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`The setting "${key}" cannot be stored as JSON.`);
      upsert.run({ key, json, now: clock.now() });
    },

    delete(key) {
      return remove.run(key).changes > 0;
    },
  };
}
