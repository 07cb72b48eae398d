// Reading a replay report in the view: which sweep point reaches a target, which point a
// threshold gives, and how a trace's labels read. Pure, so the target can change without a re-run.
import type { AtTarget, ReplayReport } from '../../../../shared/core/replay/analyze.ts';
import type { ReplayPoint } from '../../../../shared/core/replay/metrics.ts';
import type { QualityMetric } from '../../../../shared/core/replay/prepare.ts';
import type { ReplayTraceInfo } from '../../../../shared/core/replay/library.ts';
import { formatPct } from '../../lib/format.ts';

/** The threshold whose quality comes closest to the verifier's (the cheaper one on a tie); null without labels. */
export function bestQuality(points: readonly ReplayPoint[]): ReplayPoint | null {
  let best: ReplayPoint | null = null;
  for (const p of points) {
    if (p.relative_quality === null) continue;
    const bq = best?.relative_quality ?? -Infinity;
    if (best === null || p.relative_quality > bq + 1e-12 || (Math.abs(p.relative_quality - bq) <= 1e-12 && p.cost_usd < best.cost_usd)) best = p;
  }
  return best;
}

/**
 * What the oracle and random routing need to keep `target` of the verifier's quality: the
 * report's figures for that share, or its run's when that is the share; null when it has neither.
 */
export function atTargetOf(report: Pick<ReplayReport, 'at_target' | 'at_targets' | 'target_quality'>, target: number): AtTarget | null {
  const same = (t: number) => Math.abs(t - target) < 1e-9;
  return report.at_targets.find((a) => same(a.target)) ?? (same(report.target_quality) ? report.at_target : null);
}

export function pointAt(points: readonly ReplayPoint[], threshold: number): ReplayPoint | null {
  return points.find((p) => p.threshold !== null && Math.abs(p.threshold - threshold) < 1e-9) ?? null;
}

/**
 * What the threshold slider says as it moves: the point's figures, which the cards show only to
 * the eye. "0.70: 77.8% kept by the drafter, 92.2% of the verifier's quality, saves 72.4%".
 */
export function thresholdValueText(p: ReplayPoint): string {
  const quality = p.relative_quality === null ? 'quality unknown' : `${formatPct(p.relative_quality, 1)} of the verifier's quality`;
  const saved = p.savings_pct === null ? 'savings unknown' : p.savings_pct < 0 ? `costs ${(-p.savings_pct).toFixed(1)}% more than the verifier alone` : `saves ${savings(p)}`;
  return `${p.threshold?.toFixed(2) ?? '–'}: ${formatPct(1 - p.escalation_rate, 1)} kept by the drafter, ${quality}, ${saved}`;
}

/** A point's savings_pct (already a percentage) as the cards write it: "72.4%", "–" when unknown. */
export const savings = (p: ReplayPoint): string => (p.savings_pct === null ? '–' : `${p.savings_pct.toFixed(1)}%`);

export const METRIC_LABEL: Record<QualityMetric, string> = {
  accuracy: 'accuracy (answers marked right or wrong)',
  score: 'mean judge score',
  agreement: "agreement with the recording's top model",
  none: 'no labels: cost and escalation only',
};

export function formatQuality(v: number | null, metric: QualityMetric): string {
  if (v === null) return '–';
  return metric === 'score' ? v.toFixed(2) : `${(v * 100).toFixed(1)}%`;
}

/** A drafter and a verifier to start with: a model without a price (usually the one you run) drafts. */
export function defaultTiers(trace: ReplayTraceInfo): { drafter: string | null; verifier: string | null } {
  const models = trace.models.map((m) => m.model);
  const drafter = trace.models.find((m) => !m.priced)?.model ?? models[1] ?? models[0] ?? null;
  const verifier = trace.models.find((m) => m.priced && m.model !== drafter)?.model ?? models.find((m) => m !== drafter) ?? null;
  return { drafter, verifier };
}
