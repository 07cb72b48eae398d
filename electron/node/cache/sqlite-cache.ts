// The response cache in the app's own SQLite file (table response_cache). Expiry is checked
// against the injected clock on every read, and expired rows are purged when a new one is written.
import type Database from 'better-sqlite3';
import { parseCachedAnswer, type CachedAnswer, type ResponseCacheStore } from '../../../shared/core/cache/index.ts';
import type { Clock } from '../../../shared/core/ports.ts';

export function createSqliteCacheStore(db: Database.Database, clock: Clock): ResponseCacheStore {
  const select = db.prepare<[string], { entry_json: string; expires_at: number }>('SELECT entry_json, expires_at FROM response_cache WHERE key = ?');
  const remove = db.prepare<[string]>('DELETE FROM response_cache WHERE key = ?');
  const countHit = db.prepare<[string]>('UPDATE response_cache SET hits = hits + 1 WHERE key = ?');
  const upsert = db.prepare<{ key: string; json: string; now: number; expiresAt: number }>(
    `INSERT INTO response_cache (key, entry_json, created_at, expires_at, hits) VALUES (@key, @json, @now, @expiresAt, 0)
     ON CONFLICT (key) DO UPDATE SET entry_json = excluded.entry_json, created_at = excluded.created_at, expires_at = excluded.expires_at, hits = 0`,
  );
  const purge = db.prepare<[number]>('DELETE FROM response_cache WHERE expires_at <= ?');
  const clearAll = db.prepare('DELETE FROM response_cache');

  return {
    backend: 'sqlite',
    async get(key) {
      const row = select.get(key);
      if (!row) return null;
      if (row.expires_at <= clock.now()) {
        remove.run(key);
        return null;
      }
      const entry = parseCachedAnswer(row.entry_json);
      if (entry) countHit.run(key);
      return entry;
    },
    async set(key: string, entry: CachedAnswer, ttlMs: number) {
      const now = clock.now();
      db.transaction(() => {
        purge.run(now);
        upsert.run({ key, json: JSON.stringify(entry), now, expiresAt: now + Math.max(1, Math.round(ttlMs)) });
      })();
    },
    async clear() {
      return clearAll.run().changes;
    },
    async close() {
      // The database belongs to the backend, which closes it.
    },
  };
}
