// The threshold a replay recommends: the cheapest sweep point that keeps the target share of the
// verifier's quality. One rule for the CLI's report and the Replay view.
import type { ReplayPoint } from './metrics.ts';

/**
 * The shares of the verifier's quality the Replay view offers to keep. A report measures what
 * every router needs for each of them (`at_targets`), so the view can switch without a new run.
 */
export const TARGET_CHOICES = [0.9, 0.95, 0.99] as const;

/**
 * Lowest cost first; among equal costs the higher quality; among points that route the recording
 * alike (same cost and quality), the highest threshold. Below it the recording cannot tell the
 * thresholds apart, but live traffic can: a lower one accepts drafts the recording never showed,
 * and 0 accepts every draft, turning the soft checks off.
 */
export function cheapestReaching(points: readonly ReplayPoint[], target: number): ReplayPoint | null {
  let best: ReplayPoint | null = null;
  for (const p of points) {
    if (p.relative_quality === null || p.relative_quality < target - 1e-12) continue;
    if (best === null || p.cost_usd < best.cost_usd) {
      best = p;
      continue;
    }
    if (p.cost_usd !== best.cost_usd) continue;
    const q = p.quality ?? 0;
    const bq = best.quality ?? 0;
    if (q > bq || (q === bq && (p.threshold ?? 0) > (best.threshold ?? 0))) best = p;
  }
  return best;
}
