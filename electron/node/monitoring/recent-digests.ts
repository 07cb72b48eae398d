// Seeds the in-memory monitoring state at startup: the ledger's last `count` queries and every
// query of the last day, as the same digests digestFromRecord makes from a live run.
import type Database from 'better-sqlite3';
import type { RunStatus } from '../../../shared/core/cascade/types.ts';
import type { QueryDigest } from '../../../shared/core/monitoring/digest.ts';

interface DigestRow {
  row_id: number;
  id: string;
  created_at: number;
  cost_nano: number;
  latency_ms: number;
  status: RunStatus;
  final_tier: number;
  final_model: string;
  final_local: number | null;
  top_tier: number;
  used_verifier: number;
  cache_hit: number;
  quality: number | null;
}

const COLUMNS = `q.rowid AS row_id, q.id, q.created_at, q.cost_nano, q.latency_ms, q.status, q.final_tier, q.final_model, q.top_tier,
  (SELECT c.local FROM calls c WHERE c.query_id = q.id AND c.tier = q.final_tier AND c.role != 'audit' ORDER BY c.seq DESC LIMIT 1) AS final_local,
  q.cache_hit = 0 AND EXISTS (SELECT 1 FROM calls c WHERE c.query_id = q.id AND c.tier > 0 AND c.role != 'audit') AS used_verifier,
  q.cache_hit,
  (SELECT c.quality_score FROM calls c WHERE c.query_id = q.id AND c.accepted = 1 ORDER BY c.seq DESC LIMIT 1) AS quality`;

const toDigest = (r: DigestRow): QueryDigest => ({
  id: r.id,
  createdAt: r.created_at,
  costNano: r.cost_nano,
  latencyMs: r.latency_ms,
  status: r.status,
  finalTier: r.final_tier,
  finalModel: r.final_model,
  finalLocal: r.final_local === null ? null : r.final_local === 1,
  topTier: r.top_tier,
  usedVerifier: r.used_verifier === 1,
  cacheHit: r.cache_hit === 1,
  quality: r.quality,
});

/** Oldest first. */
export function loadRecentDigests(db: Database.Database, opts: { count: number; since: number }): QueryDigest[] {
  const lastN = db
    .prepare<{ count: number }, DigestRow>(`SELECT ${COLUMNS} FROM queries q ORDER BY q.created_at DESC, q.rowid DESC LIMIT @count`)
    .all({ count: opts.count });
  const oldestOfLastN = lastN.length > 0 ? (lastN[lastN.length - 1]?.created_at ?? opts.since) : opts.since;
  // The day's queries older than the last N (a busy day has more than N).
  const earlier =
    oldestOfLastN > opts.since
      ? db
          .prepare<{ since: number; before: number }, DigestRow>(`SELECT ${COLUMNS} FROM queries q WHERE q.created_at >= @since AND q.created_at < @before`)
          .all({ since: opts.since, before: oldestOfLastN })
      : [];
  const seen = new Set<string>();
  const rows = [...earlier, ...lastN].filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  rows.sort((a, b) => a.created_at - b.created_at || a.row_id - b.row_id);
  return rows.map(toDigest);
}
