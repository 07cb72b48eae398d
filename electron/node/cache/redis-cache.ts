// The response cache on Redis, so several machines share answers. Entries expire by Redis's own
// TTL (SET ... PX). A cache must never break or stall a run: the client does not queue commands
// while disconnected, every operation has a time limit, and the caller treats failures as misses.
import { createClient } from 'redis';
import { parseCachedAnswer, type ResponseCacheStore } from '../../../shared/core/cache/index.ts';

export interface RedisCacheOptions {
  url: string;
  keyPrefix: string;
  timeoutMs: number;
  /** Connection errors (the client reconnects by itself; they are reported once per outage). */
  log?: (message: string, error?: unknown) => void;
}

/** Clearing walks every key under the prefix: allow it more than a single lookup. */
const CLEAR_TIMEOUT_MS = 30_000;

export class CacheUnavailableError extends Error {
  override readonly name = 'CacheUnavailableError';
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheUnavailableError(`Redis ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createRedisCacheStore(opts: RedisCacheOptions): ResponseCacheStore {
  const client = createClient({
    url: opts.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: opts.timeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  let reported = false;
  client.on('error', (e: unknown) => {
    if (reported) return;
    reported = true;
    opts.log?.(`the Redis response cache at ${redactUrl(opts.url)} is unavailable; running without it until it is back`, e);
  });
  client.on('ready', () => {
    reported = false;
  });
  // The first connection is awaited (up to timeoutMs) by every operation that arrives while it is
  // being made. After that the client reconnects in the background and, with the offline queue
  // disabled, an operation while it is down fails at once: a miss, not a stall.
  let first: Promise<void> | null = null;

  const run = async <T>(what: string, op: () => Promise<T>, timeoutMs = opts.timeoutMs): Promise<T> => {
    first ??= withTimeout(client.connect(), opts.timeoutMs, 'connection').then(
      () => undefined,
      () => undefined,
    );
    await first;
    if (!client.isReady) throw new CacheUnavailableError(`Redis at ${redactUrl(opts.url)} is not connected`);
    return withTimeout(op(), timeoutMs, what);
  };

  return {
    backend: 'redis',
    async get(key) {
      const json = await run('GET', () => client.get(opts.keyPrefix + key));
      return json === null ? null : parseCachedAnswer(json);
    },
    async set(key, entry, ttlMs) {
      await run('SET', () => client.set(opts.keyPrefix + key, JSON.stringify(entry), { expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } }));
    },
    async clear() {
      // Only this app's keys: the server may be shared with other applications (never FLUSHDB).
      return run('clear', async () => {
        let deleted = 0;
        for await (const keys of client.scanIterator({ MATCH: `${escapeGlob(opts.keyPrefix)}*`, COUNT: 500 })) {
          if (keys.length > 0) deleted += await client.unlink(keys);
        }
        return deleted;
      }, Math.max(opts.timeoutMs, CLEAR_TIMEOUT_MS));
    },
    async close() {
      if (client.isReady) {
        try {
          await withTimeout(client.close(), opts.timeoutMs, 'close');
          return;
        } catch {
          // Fall through: drop the socket.
        }
      }
      // Still connecting or reconnecting: stop trying.
      if (client.isOpen) client.destroy();
    },
  };
}

/** Redis MATCH is a glob: a prefix containing * ? [ ] \ must match itself only. */
function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis';
  }
}
