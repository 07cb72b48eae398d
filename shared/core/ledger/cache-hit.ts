// Whether a ledger record is an answer served from the response cache. The calls table has no
// cache role: a hit's one call is marked by its finish reason (migration 0005), and migration 0012
// derives queries.cache_hit from that mark, so this is the same test on a record in memory.
import { CACHE_HIT_FINISH_REASON } from '../cache/entry.ts';
import type { QueryRecord } from './types.ts';

export function isCacheHitRecord(q: Pick<QueryRecord, 'calls'>): boolean {
  return q.calls.some((c) => c.finishReason === CACHE_HIT_FINISH_REASON);
}
