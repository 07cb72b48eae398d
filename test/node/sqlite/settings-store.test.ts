import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_KEY, createSettingsStore } from '../../../electron/node/sqlite/settings-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { fixedClock, T0 } from './ledger-fixtures.ts';

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('settings store', () => {
  it('round-trips JSON values, overwrites them and records when', () => {
    const clock = fixedClock();
    const settings = createSettingsStore(db, clock);
    expect(settings.get(CONFIG_KEY)).toBeUndefined();
    settings.set(CONFIG_KEY, { tiers: [{ model: 'a', provider: 'ollama' }], audit: { rate: 0.1 } });
    clock.advance(10);
    settings.set('theme', 'dark');
    settings.set('theme', null);
    expect(settings.get(CONFIG_KEY)).toEqual({ tiers: [{ model: 'a', provider: 'ollama' }], audit: { rate: 0.1 } });
    expect(settings.get('theme')).toBeNull();
    const row = db.prepare<[], { updated_at: number }>("SELECT updated_at FROM settings WHERE key = 'theme'").get();
    expect(row?.updated_at).toBe(T0 + 10);
  });

  it('deletes a key and says whether it existed', () => {
    const settings = createSettingsStore(db);
    settings.set('k', 1);
    expect(settings.delete('k')).toBe(true);
    expect(settings.delete('k')).toBe(false);
    expect(settings.get('k')).toBeUndefined();
  });

  it('refuses a value JSON cannot hold', () => {
    const settings = createSettingsStore(db);
    expect(() => settings.set('k', undefined)).toThrow(TypeError);
    expect(settings.get('k')).toBeUndefined();
  });

  it('reports a damaged stored value by its key', () => {
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('config', '{oops', 1)").run();
    expect(() => createSettingsStore(db).get('config')).toThrow(/"config" is not valid JSON/);
  });
});
