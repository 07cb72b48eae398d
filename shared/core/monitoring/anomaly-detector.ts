// Rolling-window z-scores over two series, kept in memory and seeded from the ledger's last rows:
//
// - query_cost: a query's cost against the last `window` queries answered by the same tier. A
//   cascade's costs are bimodal (cheap drafts, dear escalations); pooled, every escalation would
//   look like a spike when escalations are rare, so each final tier has its own window.
//   The spread is floored at 10% of the mean (and 1 micro-USD): with a perfectly steady history a
//   query 5% dearer than usual is not three sigmas away from anything meaningful.
//   A query cheaper than `minSpikeUsd` is no spike whatever its z-score: a local drafter's costs
//   are millionths of a dollar, and a long answer is many sigmas above them while costing nothing
//   worth an alert. It still joins the window.
// - verifier_share: the share of the last `recent` multi-tier queries that called a tier above the
//   drafter, against the share over the `window` queries before them. A single query's 0/1 is no
//   use to a z-score; the share's standard error under the baseline rate is
//   sqrt(p0 (1 - p0) / recent), with p0 smoothed ((k + 1) / (n + 2)) so a spotless baseline does
//   not make the first escalation infinitely surprising.
// Only increases are anomalies: cheaper queries and fewer escalations are good news.
// Answers served from the response cache are in neither series: no tier answered them, and their
// $0s in a tier's window would lower its mean and widen its spread until a real spike hid in it.
import { usdToNano } from '../pricing/money.ts';
import { isMultiTier, type QueryDigest } from './digest.ts';
import { mean, sampleStd } from './stats.ts';

export const ANOMALY_SERIES = ['query_cost', 'verifier_share'] as const;
export type AnomalySeries = (typeof ANOMALY_SERIES)[number];

export interface AnomalyOptions {
  window: number;
  threshold: number;
  minSamples: number;
  recent: number;
  /** USD: a query that cost less is never reported as a cost spike. */
  minSpikeUsd: number;
}

export interface Anomaly {
  series: AnomalySeries;
  queryId: string;
  at: number;
  /** query_cost: nano-USD; verifier_share: a 0-1 ratio. */
  value: number;
  /** The window's mean, in the value's unit. */
  mean: number;
  /** The spread the z-score divides by (after the floors). */
  sigma: number;
  zScore: number;
  /** mean + threshold * sigma: the value had to exceed this. */
  bound: number;
  /** Values in the baseline window. */
  samples: number;
  /** query_cost: the final tier whose window was used. */
  tier: number | null;
  /** query_cost: the model that answered the query, and whether it runs on this machine. */
  model: string | null;
  local: boolean | null;
}

export interface AnomalyDetector {
  /** Feeds one recorded query; returns the anomalies it shows (0, 1 or 2). */
  observe(d: QueryDigest): Anomaly[];
  /** Replays history (oldest first) without reporting. */
  seed(history: readonly QueryDigest[]): void;
}

export const MIN_RELATIVE_SPREAD = 0.1;
export const MIN_SPREAD_NANO = 1_000;

export function createAnomalyDetector(opts: AnomalyOptions): AnomalyDetector {
  const costByTier = new Map<number, number[]>();
  const verifierUse: number[] = [];
  const minSpikeNano = usdToNano(opts.minSpikeUsd);

  function costAnomaly(d: QueryDigest): Anomaly | null {
    let ring = costByTier.get(d.finalTier);
    if (!ring) costByTier.set(d.finalTier, (ring = []));
    let found: Anomaly | null = null;
    if (ring.length >= opts.minSamples) {
      const m = mean(ring);
      const sigma = Math.max(sampleStd(ring), MIN_RELATIVE_SPREAD * Math.abs(m), MIN_SPREAD_NANO);
      const z = (d.costNano - m) / sigma;
      if (z > opts.threshold && d.costNano >= minSpikeNano) {
        found = {
          series: 'query_cost',
          queryId: d.id,
          at: d.createdAt,
          value: d.costNano,
          mean: m,
          sigma,
          zScore: z,
          bound: m + opts.threshold * sigma,
          samples: ring.length,
          tier: d.finalTier,
          model: d.finalModel,
          local: d.finalLocal,
        };
      }
    }
    ring.push(d.costNano);
    if (ring.length > opts.window) ring.shift();
    return found;
  }

  function shareAnomaly(d: QueryDigest): Anomaly | null {
    if (!isMultiTier(d)) return null;
    verifierUse.push(d.usedVerifier ? 1 : 0);
    if (verifierUse.length > opts.window + opts.recent) verifierUse.shift();
    const baseline = verifierUse.slice(0, Math.max(0, verifierUse.length - opts.recent));
    if (baseline.length < opts.minSamples) return null;
    const recent = verifierUse.slice(-opts.recent);
    const p0 = (baseline.reduce((s, x) => s + x, 0) + 1) / (baseline.length + 2);
    const p1 = mean(recent);
    const sigma = Math.sqrt((p0 * (1 - p0)) / recent.length);
    const z = (p1 - p0) / sigma;
    if (!(z > opts.threshold)) return null;
    return { series: 'verifier_share', queryId: d.id, at: d.createdAt, value: p1, mean: p0, sigma, zScore: z, bound: Math.min(1, p0 + opts.threshold * sigma), samples: baseline.length, tier: null, model: null, local: null };
  }

  function observe(d: QueryDigest): Anomaly[] {
    if (d.cacheHit) return [];
    const out: Anomaly[] = [];
    const cost = costAnomaly(d);
    if (cost) out.push(cost);
    const share = shareAnomaly(d);
    if (share) out.push(share);
    return out;
  }

  return {
    observe,
    seed(history) {
      for (const d of history) observe(d);
    },
  };
}
