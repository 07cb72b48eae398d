// The response cache as the cascade handler uses it: picks the backend the config asks for,
// turns a request into a key, serves a hit (events included, so the UI streams it like a run),
// and stores successful outcomes. Cache trouble is logged and treated as a miss: a run never
// fails because of the cache.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { cacheableEntry, cacheKeyMaterial, hitOutcome, type CachedAnswer, type ResponseCacheStore } from '../../../shared/core/cache/index.ts';
import type { CacheConfig } from '../../../shared/core/cache/config-schema.ts';
import { planRun, type RunPlan } from '../../../shared/core/cascade/plan.ts';
import type { CascadeEvent, CascadeOutcome, CascadeRequest } from '../../../shared/core/cascade/types.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import type { Clock, IdGen } from '../../../shared/core/ports.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/index.ts';
import { ApiFailure } from '../../../shared/api/result.ts';
import { createRedisCacheStore, redactUrl } from './redis-cache.ts';
import { createSqliteCacheStore } from './sqlite-cache.ts';

export const REDIS_URL_ENV = 'CASCADEFLOW_REDIS_URL';

/** A request's place in the cache: its key and the plan the key was computed from. */
export interface CacheProbe {
  key: string;
  plan: RunPlan;
  config: CacheConfig;
}

export interface ResponseCache {
  /** Null when the config has no (enabled) cache. */
  probe(request: CascadeRequest, config: AppConfig): CacheProbe | null;
  /** The hit's outcome, with its events already emitted; null on a miss. */
  serve(probe: CacheProbe, request: CascadeRequest & { runId: string }, config: AppConfig, onEvent: (e: CascadeEvent) => void): Promise<CascadeOutcome | null>;
  /** Stores a finished run when it may be cached; returns whether it was. */
  store(probe: CacheProbe, outcome: CascadeOutcome): Promise<boolean>;
  clear(config: AppConfig): Promise<{ cleared: number; backend: 'sqlite' | 'redis' }>;
  close(): Promise<void>;
}

export function cacheKeyOf(material: string): string {
  return createHash('sha256').update(material).digest('hex');
}

export function createResponseCache(deps: {
  db: Database.Database;
  clock: Clock;
  ids: IdGen;
  env: Record<string, string | undefined>;
  log: (message: string, error?: unknown) => void;
}): ResponseCache {
  const sqlite = createSqliteCacheStore(deps.db, deps.clock);
  // One Redis client per (url, prefix, timeout); replaced when the settings change.
  let redis: { signature: string; store: ResponseCacheStore } | null = null;
  const retired = new Set<Promise<void>>();

  function storeFor(config: CacheConfig): ResponseCacheStore {
    if (config.backend === 'sqlite') return sqlite;
    const url = deps.env[REDIS_URL_ENV] || config.redisUrl;
    if (!url) throw new ApiFailure('config_invalid', `cache.backend is "redis" but no cache.redisUrl (or ${REDIS_URL_ENV}) is set.`, { fields: ['cache.redisUrl'] });
    const signature = JSON.stringify([url, config.keyPrefix, config.timeoutMs]);
    if (redis?.signature !== signature) {
      if (redis) {
        const closing = redis.store.close().catch(() => undefined);
        retired.add(closing);
        void closing.finally(() => retired.delete(closing));
      }
      redis = { signature, store: createRedisCacheStore({ url, keyPrefix: config.keyPrefix, timeoutMs: config.timeoutMs, log: deps.log }) };
    }
    return redis.store;
  }

  const describe = (config: CacheConfig): string =>
    config.backend === 'sqlite' ? 'SQLite' : `Redis at ${redactUrl(deps.env[REDIS_URL_ENV] || config.redisUrl || '')}`;

  return {
    probe(request, config) {
      const cache = config.cache;
      if (!cache?.enabled) return null;
      const plan = planRun(request, config);
      const key = cacheKeyOf(
        cacheKeyMaterial({
          messages: request.messages,
          tools: request.tools,
          format: request.format,
          maxTokens: request.maxTokens,
          temperature: request.temperature,
          forceTop: request.forceTop,
          requireVerified: plan.requireVerified,
          tiers: plan.tiers,
          thresholds: plan.thresholds,
        }),
      );
      return { key, plan, config: cache };
    },

    async serve(probe, request, config, onEvent) {
      const started = deps.clock.monotonic();
      let store: ResponseCacheStore;
      let entry: CachedAnswer | null;
      try {
        store = storeFor(probe.config);
        entry = await store.get(probe.key);
      } catch (e) {
        deps.log(`response cache lookup failed (${describe(probe.config)}); answering without it`, e);
        return null;
      }
      if (!entry || entry.tier >= probe.plan.tiers.length) return null;
      const { runId } = request;
      const outcome = hitOutcome(entry, {
        runId,
        queryId: deps.ids.next(),
        conversationId: request.conversationId ?? null,
        routing: probe.plan.routing,
        tiers: probe.plan.tiers,
        pricing: pricingContextFromConfig(config),
        hit: { backend: store.backend, key: probe.key, storedAt: entry.storedAt, sourceQueryId: entry.sourceQueryId },
        latencyMs: deps.clock.monotonic() - started,
        now: deps.clock.now(),
      });
      const attempt = outcome.attempts[0];
      onEvent({ type: 'run.started', runId, conversationId: outcome.conversationId, routing: outcome.routing, mode: probe.plan.mode });
      if (attempt) {
        onEvent({ type: 'attempt.started', runId, attempt: 0, tier: attempt.tier, model: attempt.model, provider: attempt.provider, role: attempt.role });
        if (attempt.thinking) onEvent({ type: 'thinking', runId, attempt: 0, text: attempt.thinking });
        if (attempt.text.length > 0) onEvent({ type: 'token', runId, attempt: 0, text: attempt.text });
        onEvent({ type: 'attempt.finished', runId, attempt: 0, result: attempt });
      }
      onEvent({ type: 'run.finished', runId, outcome });
      return outcome;
    },

    async store(probe, outcome) {
      const entry = cacheableEntry(outcome, deps.clock.now());
      if (!entry) return false;
      try {
        await storeFor(probe.config).set(probe.key, entry, probe.config.ttlSeconds * 1000);
        return true;
      } catch (e) {
        deps.log(`could not store the answer in the response cache (${describe(probe.config)})`, e);
        return false;
      }
    },

    async clear(config) {
      const cache = config.cache;
      // Without a cache section, entries left from when it was on are still in SQLite.
      const store = cache ? storeFor(cache) : sqlite;
      try {
        return { cleared: await store.clear(), backend: store.backend };
      } catch (e) {
        throw new ApiFailure('unreachable', `Could not clear the response cache (${cache ? describe(cache) : 'SQLite'}): ${e instanceof Error ? e.message : String(e)}`);
      }
    },

    async close() {
      const current = redis;
      redis = null;
      await Promise.allSettled([...retired, current?.store.close()]);
    },
  };
}
