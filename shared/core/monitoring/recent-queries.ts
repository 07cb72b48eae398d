// The recent past the alert rules and the Prometheus gauges look at: every query of the last
// 24 hours (for daily_cost) and at least the last `keepQueries` (for the ratio windows), as
// digests in recording order.
import { isDraftAccepted, isDrafterEligible, isMultiTier, type QueryDigest } from './digest.ts';
import type { AlertMetric } from './config.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface RecentQueries {
  add(d: QueryDigest): void;
  /** Drops what no window needs any more. */
  prune(now: number): void;
  /** Known cost of the queries started after `from`, in nano-USD, and how many there were. */
  costSince(from: number): { costNano: number; queries: number };
  /** The last `n` queries recorded. */
  last(n: number): QueryDigest[];
  readonly size: number;
}

export function createRecentQueries(opts: { keepQueries: number; keepMs?: number }): RecentQueries {
  const keepMs = opts.keepMs ?? DAY_MS;
  let items: QueryDigest[] = [];
  return {
    add(d) {
      items.push(d);
    },
    prune(now) {
      // Recording order is not quite time order (a query is recorded when it ends), so this only
      // trims a prefix; windows filter by time anyway.
      let drop = 0;
      const limit = items.length - opts.keepQueries;
      while (drop < limit && (items[drop]?.createdAt ?? 0) <= now - keepMs) drop++;
      if (drop > 0) items = items.slice(drop);
    },
    costSince(from) {
      let costNano = 0;
      let queries = 0;
      for (const d of items) {
        if (d.createdAt > from) {
          costNano += d.costNano;
          queries++;
        }
      }
      return { costNano, queries };
    },
    last(n) {
      return items.slice(Math.max(0, items.length - n));
    },
    get size() {
      return items.length;
    },
  };
}

export interface Measurement {
  /** nano-USD for the cost metrics, a 0-1 ratio for the others; null = nothing to measure. */
  value: number | null;
  /** Queries the value is computed from. */
  samples: number;
  /** Of the window's queries, those answered from the response cache and so left out (the ratios). */
  cacheHits?: number;
}

function share<T>(items: readonly T[], hit: (x: T) => boolean): Measurement {
  if (items.length === 0) return { value: null, samples: 0 };
  return { value: items.filter(hit).length / items.length, samples: items.length };
}

/** A share over the window's queries that a model answered, saying how many cache hits it left out. */
function shareOfModelAnswers(window: readonly QueryDigest[], of: (d: QueryDigest) => boolean, hit: (d: QueryDigest) => boolean): Measurement {
  const cacheHits = window.filter((d) => d.cacheHit).length;
  return { ...share(window.filter((d) => !d.cacheHit && of(d)), hit), cacheHits };
}

/**
 * hourly_cost / daily_cost: spend of the queries started in the last 60 minutes / 24 hours
 * (rolling, not calendar). The ratios are over the last `window` queries: avg_quality over those
 * with a quality score, verifier_usage_pct over those whose cascade had a verifier, and
 * drafter_acceptance_rate as the ledger defines it (answered queries with a tier above the drafter).
 * Answers served from the response cache called no model: they are in none of the three ratios.
 */
export function measure(metric: AlertMetric, recent: RecentQueries, now: number, window: number): Measurement {
  switch (metric) {
    case 'hourly_cost': {
      const c = recent.costSince(now - HOUR_MS);
      return { value: c.costNano, samples: c.queries };
    }
    case 'daily_cost': {
      const c = recent.costSince(now - DAY_MS);
      return { value: c.costNano, samples: c.queries };
    }
    case 'avg_quality': {
      // A hit's score is the replayed one of the answer it serves, counted when it was measured.
      const last = recent.last(window);
      const cacheHits = last.filter((d) => d.cacheHit).length;
      const scores = last.flatMap((d) => (d.quality === null || d.cacheHit ? [] : [d.quality]));
      if (scores.length === 0) return { value: null, samples: 0, cacheHits };
      return { value: scores.reduce((s, x) => s + x, 0) / scores.length, samples: scores.length, cacheHits };
    }
    case 'verifier_usage_pct':
      return shareOfModelAnswers(recent.last(window), isMultiTier, (d) => d.usedVerifier);
    case 'drafter_acceptance_rate':
      return shareOfModelAnswers(recent.last(window), isDrafterEligible, isDraftAccepted);
  }
}
