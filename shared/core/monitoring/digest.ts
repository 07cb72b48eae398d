// What monitoring keeps of a recorded query: a few numbers, never the prompt or the answer.
// Built from a QueryRecord as it is written, or from the ledger's rows at startup; both paths
// must agree (test/node/monitoring checks it).
import type { QueryRecord } from '../ledger/types.ts';
import type { RunStatus } from '../cascade/types.ts';
import { isCacheHitRecord } from '../ledger/cache-hit.ts';

export interface QueryDigest {
  id: string;
  createdAt: number;
  costNano: number;
  latencyMs: number;
  status: RunStatus;
  finalTier: number;
  /** The model that answered (named in a cost spike's message). */
  finalModel: string;
  /** Its last call at the final tier ran on this machine; null without such a call (a cache hit). */
  finalLocal: boolean | null;
  topTier: number;
  /** A tier above the drafter was called (audit calls excluded: they sample, they do not answer). */
  usedVerifier: boolean;
  /** Served from the response cache: no model was called, so no tier answered it. */
  cacheHit: boolean;
  /** Quality score of the call whose answer was used (its last accepted call); null = none. */
  quality: number | null;
}

/** The cascade had a drafter and something above it. */
export const isMultiTier = (d: QueryDigest): boolean => d.topTier > 0;

/** Same definition as the ledger's drafter acceptance (DRAFTER_ELIGIBLE_SQL): a cache hit is not a draft. */
export const isDrafterEligible = (d: QueryDigest): boolean => (d.status === 'ok' || d.status === 'unverified') && d.topTier > 0 && !d.cacheHit;
/** Same as DRAFTER_ACCEPTED_SQL: a draft returned unverified was rejected, not accepted. */
export const isDraftAccepted = (d: QueryDigest): boolean => d.status === 'ok' && d.topTier > 0 && d.finalTier === 0 && !d.cacheHit;

export function digestFromRecord(q: QueryRecord): QueryDigest {
  let quality: number | null = null;
  for (const c of q.calls) if (c.accepted) quality = c.qualityScore;
  let finalLocal: boolean | null = null;
  for (const c of q.calls) if (c.tier === q.finalTier && c.role !== 'audit') finalLocal = c.local;
  const cacheHit = isCacheHitRecord(q);
  return {
    id: q.id,
    createdAt: q.createdAt,
    costNano: q.costNano,
    latencyMs: q.latencyMs,
    status: q.status,
    finalTier: q.finalTier,
    finalModel: q.finalModel,
    finalLocal,
    topTier: q.topTier,
    // A cached verifier answer's one call is at the verifier's tier, but nothing was called.
    usedVerifier: !cacheHit && q.calls.some((c) => c.tier > 0 && c.role !== 'audit'),
    cacheHit,
    quality,
  };
}
