// The `cache` section of the configuration. Absent = no response cache (today's behaviour);
// present = on unless `enabled: false`.
import { z } from 'zod';

export const CACHE_BACKENDS = ['sqlite', 'redis'] as const;
export type CacheBackendKind = (typeof CACHE_BACKENDS)[number];

const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL');

export const cacheConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** `sqlite`: the app's database file. `redis`: shared by every machine using the same server. */
    backend: z.enum(CACHE_BACKENDS).default('sqlite'),
    /** How long an answer is served from the cache (fractions allowed: 0.5 = 500 ms). */
    ttlSeconds: z.number().finite().positive().max(31_536_000).default(86_400),
    /** Required for the redis backend (CASCADEFLOW_REDIS_URL wins, so a password can stay out of the config). */
    redisUrl: redisUrl.optional(),
    /** Prefix of every Redis key this app writes; `cache.clear` deletes only keys under it. */
    keyPrefix: z.string().min(1).max(100).default('cascadeflow:cache:'),
    /** A Redis operation slower than this counts as a miss: a cache must never slow a run down much. */
    timeoutMs: z.number().int().positive().max(60_000).default(1000),
  })
  .strict();
export type CacheConfig = z.infer<typeof cacheConfigSchema>;
export type CacheConfigInput = z.input<typeof cacheConfigSchema>;
