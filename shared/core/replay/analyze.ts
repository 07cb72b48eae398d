// The replay report: the cascade's quality and cost at the asked thresholds, the baselines
// (drafter only, verifier only, oracle, random routing at the same escalation rates), and the
// cheapest threshold that keeps the asked share of the verifier's quality.
import { finalTierAt, type ItemJudgement } from './decision.ts';
import { baselines, labelledCount, oracleAtTarget, randomAtTarget, randomLike, reference, routingPoint, type Reference, type ReplayMatrix, type ReplayPoint, type Routing } from './metrics.ts';
import { LEDGER_BIAS_NOTE } from './importers/ledger.ts';
import { matrixOf, type LedgerShare, type PreparedReplay, type QualityMetric } from './prepare.ts';
import { cheapestReaching, TARGET_CHOICES } from './recommend.ts';

/** 101 thresholds, 0.00 to 1.00: the grid `--sweep` reports and the recommendation searches. */
export const SWEEP_THRESHOLDS: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

export const DEFAULT_TARGET_QUALITY = 0.95;

/** What each router needs to keep a share of the verifier's quality (smallest escalation for random and oracle). */
export interface AtTarget {
  validator: ReplayPoint | null;
  random: ReplayPoint | null;
  oracle: ReplayPoint | null;
}

export interface ReplayReport {
  queries: number;
  tiers: string[];
  /** Answers each drafter drew per query for the consistency check (1: the draft alone). */
  samples: number;
  metric: QualityMetric;
  /** Queries whose every tier's answer is labelled: all of `queries`, or 0 when none is (no quality). */
  labelled: number;
  /** tokens_per_second: the generation speed an energy-priced model's cost assumes (its trace has no cost for it). */
  pricing: { model: string; pricing: string; description: string; tokens_per_second?: number }[];
  /** Models whose token counts were counted from the answer text (the trace had no usage). */
  counted_usage: string[];
  excluded: { count: number; ids: string[] };
  /**
   * Queries with every tier's answer but not every label, left out of every figure (ids: the
   * first 20) so that quality, escalation and cost are measured on the same `queries`.
   */
  unlabelled: { count: number; ids: string[] };
  /**
   * Set when replayed queries come from the app's ledger (`cascadeflow import ledger`): how many,
   * how their answers are labelled, and why the set is biased (`note`). Null otherwise.
   */
  from_ledger: (LedgerShare & { note: string }) | null;
  baselines: {
    always_drafter: ReplayPoint;
    always_verifier: ReplayPoint;
    oracle: ReplayPoint;
    /** One per point: random routing with the same share of queries at each tier. */
    random: ReplayPoint[];
  };
  points: ReplayPoint[];
  target_quality: number;
  /** Cheapest sweep threshold with relative quality >= target_quality; null when none reaches it. */
  recommended: ReplayPoint | null;
  /** What each router needs to reach the target (smallest escalation for random and oracle). */
  at_target: AtTarget;
  /**
   * The same for each share the Replay view offers (TARGET_CHOICES), whatever the run's target:
   * the oracle and random figures need the per-query labels, which the report does not carry.
   */
  at_targets: (AtTarget & { target: number })[];
}

export interface AnalyzeOptions {
  thresholds: readonly number[];
  targetQuality?: number;
  /** False leaves `at_targets` empty, for a caller that never reads it (evaluate): each one runs the oracle and random searches. Default true. */
  atTargets?: boolean;
}

export function routingAt(judgements: readonly ItemJudgement[], tierCount: number, threshold: number): Routing {
  return {
    final: judgements.map((j) => finalTierAt(j, tierCount, threshold)),
    start: judgements.map((j) => j.start),
  };
}

export function sweepPoints(m: ReplayMatrix, judgements: readonly ItemJudgement[], thresholds: readonly number[]): { point: ReplayPoint; routing: Routing }[] {
  const ref = reference(m);
  return thresholds.map((t) => {
    const routing = routingAt(judgements, m.tierCount, t);
    return { point: routingPoint(m, routing, t, ref), routing };
  });
}

function atTarget(m: ReplayMatrix, grid: readonly ReplayPoint[], target: number, ref: Reference): AtTarget {
  return { validator: cheapestReaching(grid, target), random: randomAtTarget(m, target, ref), oracle: oracleAtTarget(m, target, ref) };
}

/** A report's from_ledger: the share of ledger queries replayed, with why the set is biased. */
export function fromLedger(share: LedgerShare | null): ReplayReport['from_ledger'] {
  return share === null ? null : { ...share, note: LEDGER_BIAS_NOTE };
}

export function analyzeReplay(p: PreparedReplay, judgements: readonly ItemJudgement[], opts: AnalyzeOptions): ReplayReport {
  if (judgements.length !== p.items.length) throw new Error(`expected ${p.items.length} judgements, got ${judgements.length}`);
  const target = opts.targetQuality ?? DEFAULT_TARGET_QUALITY;
  const m = matrixOf(p);
  const ref = reference(m);
  const asked = sweepPoints(m, judgements, opts.thresholds);
  const grid = sweepPoints(m, judgements, SWEEP_THRESHOLDS).map((s) => s.point);
  // The run's own target is usually one of the view's choices (the default is): measured once.
  const atTargets = opts.atTargets === false ? [] : TARGET_CHOICES.map((t) => ({ target: t, ...atTarget(m, grid, t, ref) }));
  const { target: _choice, ...at } = atTargets.find((a) => a.target === target) ?? { target, ...atTarget(m, grid, target, ref) };
  return {
    queries: p.items.length,
    tiers: p.tiers.map((t) => t.tier.model),
    samples: p.tiers[0]?.tier.samples ?? 1,
    metric: p.metric,
    labelled: labelledCount(m),
    pricing: p.tiers.map((t) => ({ model: t.tier.model, pricing: t.pricing, description: t.description, ...(t.assumedTokensPerSecond !== undefined ? { tokens_per_second: t.assumedTokensPerSecond } : {}) })),
    counted_usage: p.countedUsage,
    excluded: { count: p.excluded.length, ids: p.excluded.slice(0, 20).map((e) => e.id) },
    unlabelled: { count: p.unlabelled.length, ids: p.unlabelled.slice(0, 20).map((e) => e.id) },
    from_ledger: fromLedger(p.ledger),
    baselines: {
      ...baselines(m, ref),
      random: asked.map((s) => randomLike(m, s.routing, s.point.threshold, ref)),
    },
    points: asked.map((s) => s.point),
    target_quality: target,
    recommended: at.validator,
    at_target: at,
    at_targets: atTargets,
  };
}
