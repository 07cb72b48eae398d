// Quality and cost of a routing over a replayed trace, and the baselines it is judged against.
// A routing is, per query, the tier whose answer is used (`final`) and the tier the cascade
// started at (`start`): the cascade pays every tier from start to final, as the engine does.
import { nanoToUsd } from '../pricing/money.ts';

/** Per query and tier: the answer's label (1/0, a score, or null = unlabelled) and its cost. */
export interface ReplayMatrix {
  tierCount: number;
  /** The tiers' model ids, first tier first: the keys of a point's `answered_by`. */
  tiers: readonly string[];
  labels: readonly (readonly (number | null)[])[];
  costNano: readonly (readonly number[])[];
}

export interface ReplayPoint {
  /** The acceptance threshold the point was measured at; null for a baseline that has none. */
  threshold: number | null;
  /** Share of queries answered above the first tier. */
  escalation_rate: number;
  /**
   * Share of queries each tier's answer was kept for, keyed by model id in tier order (sums to 1):
   * with three tiers, the middle one's share, which escalation_rate folds into the top's.
   */
  answered_by: Record<string, number>;
  /** Accuracy or mean score over the labelled queries; null when none is labelled. */
  quality: number | null;
  /** quality / always-verifier quality. */
  relative_quality: number | null;
  /** Total over every query of the trace. */
  cost_usd: number;
  /** Percent saved against always asking the top tier. */
  savings_pct: number | null;
}

export interface Routing {
  final: readonly number[];
  start: readonly number[];
}

interface Totals {
  escalationRate: number;
  /** Per tier index: share of queries whose answer came from it. */
  shares: readonly number[];
  quality: number | null;
  costNano: number;
}

/**
 * Queries whose every tier's answer is labelled: the set quality is averaged over. A replay sets
 * the others aside before measuring (prepare.ts, partitionByLabels), so that its routings' cost
 * and escalation are measured on the same queries; these functions still accept them.
 */
function isLabelled(row: readonly (number | null)[]): boolean {
  return row.every((v) => v !== null);
}

export function labelledCount(m: ReplayMatrix): number {
  return m.labels.filter(isLabelled).length;
}

function totals(m: ReplayMatrix, r: Routing): Totals {
  const n = m.labels.length;
  let escalated = 0;
  let qualitySum = 0;
  let labelled = 0;
  let costNano = 0;
  const answered = constant(m.tierCount, 0);
  for (let i = 0; i < n; i++) {
    const final = r.final[i] as number;
    const start = r.start[i] as number;
    const costs = m.costNano[i] as readonly number[];
    const labels = m.labels[i] as readonly (number | null)[];
    if (final > 0) escalated++;
    answered[final] = (answered[final] as number) + 1;
    for (let t = start; t <= final; t++) costNano += costs[t] as number;
    if (isLabelled(labels)) {
      labelled++;
      qualitySum += labels[final] as number;
    }
  }
  return { escalationRate: n === 0 ? 0 : escalated / n, shares: answered.map((c) => (n === 0 ? 0 : c / n)), quality: labelled === 0 ? null : qualitySum / labelled, costNano };
}

export interface Reference {
  /** Always-verifier quality and cost: what relative quality and savings are measured against. */
  quality: number | null;
  costNano: number;
}

export function pointOf(m: Pick<ReplayMatrix, 'tiers'>, t: Totals, threshold: number | null, ref: Reference): ReplayPoint {
  return {
    threshold,
    escalation_rate: t.escalationRate,
    answered_by: Object.fromEntries(m.tiers.map((model, k) => [model, t.shares[k] ?? 0])),
    quality: t.quality,
    relative_quality: t.quality === null || ref.quality === null || ref.quality === 0 ? null : t.quality / ref.quality,
    cost_usd: nanoToUsd(t.costNano),
    savings_pct: ref.costNano === 0 ? null : ((ref.costNano - t.costNano) / ref.costNano) * 100,
  };
}

const constant = (n: number, v: number): number[] => new Array<number>(n).fill(v);

export function alwaysVerifierTotals(m: ReplayMatrix): Totals {
  const top = m.tierCount - 1;
  const n = m.labels.length;
  return totals(m, { final: constant(n, top), start: constant(n, top) });
}

export function reference(m: ReplayMatrix): Reference {
  const t = alwaysVerifierTotals(m);
  return { quality: t.quality, costNano: t.costNano };
}

export function routingPoint(m: ReplayMatrix, r: Routing, threshold: number | null, ref: Reference = reference(m)): ReplayPoint {
  return pointOf(m, totals(m, r), threshold, ref);
}

/** The lowest tier whose answer is as good as any tier's; unlabelled queries stay on the first tier. */
export function oracleRouting(m: ReplayMatrix): Routing {
  const final = m.labels.map((row) => {
    if (!isLabelled(row)) return 0;
    const best = Math.max(...(row as number[]));
    return row.findIndex((v) => v === best);
  });
  return { final, start: constant(m.labels.length, 0) };
}

export interface Baselines {
  always_drafter: ReplayPoint;
  always_verifier: ReplayPoint;
  /** Escalates exactly the queries where a higher tier's answer is better (cascade costs: the drafter always runs). */
  oracle: ReplayPoint;
}

export function baselines(m: ReplayMatrix, ref: Reference = reference(m)): Baselines {
  const n = m.labels.length;
  return {
    always_drafter: routingPoint(m, { final: constant(n, 0), start: constant(n, 0) }, null, ref),
    always_verifier: pointOf(m, alwaysVerifierTotals(m), null, ref),
    oracle: routingPoint(m, oracleRouting(m), null, ref),
  };
}

/** Per tier: mean label over labelled queries, and the total cost of a cascade that stops there. */
function tierMeans(m: ReplayMatrix): { quality: (number | null)[]; pathCostNano: number[] } {
  const quality: (number | null)[] = [];
  const pathCostNano: number[] = [];
  const labelled = m.labels.map(isLabelled);
  const count = labelled.filter(Boolean).length;
  for (let t = 0; t < m.tierCount; t++) {
    let sum = 0;
    let cost = 0;
    m.labels.forEach((row, i) => {
      if (labelled[i]) sum += row[t] as number;
      const costs = m.costNano[i] as readonly number[];
      for (let k = 0; k <= t; k++) cost += costs[k] as number;
    });
    quality.push(count === 0 ? null : sum / count);
    pathCostNano.push(cost);
  }
  return { quality, pathCostNano };
}

/**
 * Random routing with the same share of queries ending at each tier as `r`: the expected value
 * over every such routing, computed exactly (no sampling). Costs are a cascade's: a query that
 * ends at tier j paid tiers 0..j.
 */
export function randomLike(m: ReplayMatrix, r: Routing, threshold: number | null, ref: Reference = reference(m)): ReplayPoint {
  const n = m.labels.length;
  const counts = constant(m.tierCount, 0);
  for (const f of r.final) counts[f] = (counts[f] as number) + 1;
  return randomWithShares(m, counts.map((c) => (n === 0 ? 0 : c / n)), threshold, ref);
}

function randomWithShares(m: ReplayMatrix, shares: readonly number[], threshold: number | null, ref: Reference): ReplayPoint {
  const means = tierMeans(m);
  let quality: number | null = 0;
  let costNano = 0;
  shares.forEach((p, t) => {
    const q = means.quality[t] ?? null;
    quality = quality === null || q === null ? null : quality + p * q;
    costNano += p * (means.pathCostNano[t] as number);
  });
  const escalationRate = shares.slice(1).reduce((a, b) => a + b, 0);
  return pointOf(m, { escalationRate, shares, quality, costNano: Math.round(costNano) }, threshold, ref);
}

/**
 * Random escalation from the first tier to the top (through every tier between) at the smallest
 * rate whose expected quality reaches `target` x always-verifier quality; null when no rate does.
 */
export function randomAtTarget(m: ReplayMatrix, target: number, ref: Reference = reference(m)): ReplayPoint | null {
  const means = tierMeans(m);
  const q0 = means.quality[0];
  const qTop = means.quality[m.tierCount - 1];
  if (q0 === null || q0 === undefined || qTop === null || qTop === undefined || ref.quality === null) return null;
  const goal = target * ref.quality;
  let e: number;
  if (q0 >= goal) e = 0;
  else if (qTop <= q0) return null;
  else e = (goal - q0) / (qTop - q0);
  if (e > 1 + 1e-12) return null;
  e = Math.min(1, e);
  const shares = constant(m.tierCount, 0);
  shares[0] = 1 - e;
  shares[m.tierCount - 1] = (shares[m.tierCount - 1] as number) + e;
  return randomWithShares(m, shares, null, ref);
}

/**
 * The oracle that escalates as few queries as possible to reach `target` x always-verifier
 * quality: the queries where escalation gains most, first. Null when even the full oracle falls short.
 */
export function oracleAtTarget(m: ReplayMatrix, target: number, ref: Reference = reference(m)): ReplayPoint | null {
  if (ref.quality === null) return null;
  const full = oracleRouting(m);
  const n = m.labels.length;
  const labelled = labelledCount(m);
  const goal = target * ref.quality;
  const final = constant(n, 0);
  const start = constant(n, 0);
  let sum = 0;
  const gains: { i: number; gain: number; extraCost: number }[] = [];
  m.labels.forEach((row, i) => {
    if (!isLabelled(row)) return;
    sum += row[0] as number;
    const f = full.final[i] as number;
    if (f === 0) return;
    const costs = m.costNano[i] as readonly number[];
    let extraCost = 0;
    for (let t = 1; t <= f; t++) extraCost += costs[t] as number;
    gains.push({ i, gain: (row[f] as number) - (row[0] as number), extraCost });
  });
  gains.sort((a, b) => b.gain - a.gain || a.extraCost - b.extraCost || a.i - b.i);
  const reached = () => labelled > 0 && sum / labelled >= goal - 1e-12;
  for (const g of gains) {
    if (reached()) break;
    final[g.i] = full.final[g.i] as number;
    sum += g.gain;
  }
  if (!reached()) return null;
  return routingPoint(m, { final, start }, null, ref);
}
