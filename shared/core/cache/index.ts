export * from './types.ts';
export * from './config-schema.ts';
export { cacheKeyMaterial, canonicalJson, normalizeText, type CacheKeyInput } from './key.ts';
export { cacheableEntry, hitAttempt, hitOutcome, parseCachedAnswer, CACHE_HIT_FINISH_REASON, type HitContext } from './entry.ts';
