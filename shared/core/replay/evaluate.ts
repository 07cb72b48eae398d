// Drafter selection (cost guide, strategy 1): each candidate drafter in front of the same
// verifier, replayed through the real engine, with its acceptance rate, cost and quality.
import { analyzeReplay, DEFAULT_TARGET_QUALITY, fromLedger, type ReplayReport } from './analyze.ts';
import { judgeTrace, type EngineRunOptions } from './judge.ts';
import type { ReplayPoint } from './metrics.ts';
import { prepareSelection, selectionLedgerShare, selectReplay, type PrepareOptions, type QualityMetric } from './prepare.ts';
import { ReplayInputError } from './replay-pricing.ts';
import type { TraceLine } from './trace.ts';

export interface DrafterEvaluation {
  drafter: string;
  queries: number;
  /** Share of queries the drafter's answer was accepted for, at the threshold. */
  acceptance_rate: number;
  cost_usd: number;
  quality: number | null;
  relative_quality: number | null;
  savings_pct: number | null;
  /** The drafter answering everything alone. */
  drafter_quality: number | null;
  /** Cheapest threshold reaching the target share of the verifier's quality. */
  recommended: ReplayPoint | null;
  pricing: string;
}

export interface EvaluationReport {
  /** Queries every drafter is measured on: those with an answer of every drafter and the verifier. */
  queries: number;
  /** Queries left out because a drafter or the verifier has no answer there (ids: the first 20). */
  excluded: { count: number; ids: string[] };
  /** Queries left out because a drafter's or the verifier's answer there has no label, while others have every label (ids: the first 20). */
  unlabelled: { count: number; ids: string[] };
  verifier: string;
  /**
   * As in the replay report: set when the queries come from the app's ledger (a biased set). Its
   * labels are counted over the answers of every drafter and the verifier on those queries.
   */
  from_ledger: ReplayReport['from_ledger'];
  threshold: number;
  target_quality: number;
  metric: QualityMetric;
  /** Null when not every query is labelled for every drafter and the verifier: each drafter's relative quality is then against the verifier on the queries that drafter is labelled on. */
  verifier_quality: number | null;
  verifier_cost_usd: number;
  drafters: DrafterEvaluation[];
  /**
   * The cheapest cascade among drafters reaching the target quality at the threshold (then the
   * higher acceptance); else the best relative quality. The seed ranks by acceptance alone, but a
   * drafter accepted more often can still cost more: its own price is paid on every query.
   */
  best: string | null;
}

export interface EvaluateOptions extends PrepareOptions, EngineRunOptions {
  drafters: readonly string[];
  verifier: string;
  threshold: number;
  targetQuality?: number;
}

export async function evaluateDrafters(lines: readonly TraceLine[], opts: EvaluateOptions): Promise<EvaluationReport> {
  if (opts.drafters.length === 0) throw new ReplayInputError('--drafters needs at least one model');
  if (opts.drafters.includes(opts.verifier)) throw new ReplayInputError(`"${opts.verifier}" cannot be both a drafter and the verifier`);
  const duplicate = opts.drafters.find((m, i) => opts.drafters.indexOf(m) !== i);
  if (duplicate) throw new ReplayInputError(`--drafters lists "${duplicate}" twice`);
  // One set of queries for every drafter: each on the queries it happens to have answered would
  // rank a drafter higher for missing the hard ones, against a verifier baseline of other queries.
  // Labels likewise: a drafter is not to be measured on the queries its own answers happen to be
  // labelled on. So the queries are selected once over every model and each drafter's pass is
  // prepared from that selection; a pass selecting again over its own pair would trim to what that
  // pair is labelled on whenever the whole set keeps every query for want of full labels.
  const selection = selectReplay(lines, [...opts.drafters, opts.verifier], opts.samples ?? 1);
  const { included, excluded, unlabelled } = selection;
  const target = opts.targetQuality ?? DEFAULT_TARGET_QUALITY;
  const drafters: DrafterEvaluation[] = [];
  let verifierQuality: number | null = null;
  let verifierCost = 0;
  // One progress count over every drafter's pass (each replays the same queries), not one that
  // starts again at 0 for each drafter.
  const progress = opts.onProgress;
  const total = included.length * opts.drafters.length;
  for (const [k, drafter] of opts.drafters.entries()) {
    const prepared = prepareSelection(selection, [drafter, opts.verifier], opts);
    const judgements = await judgeTrace(prepared, { ...opts, ...(progress ? { onProgress: (done: number) => progress(k * included.length + done, total) } : {}) });
    const report = analyzeReplay(prepared, judgements, { thresholds: [opts.threshold], targetQuality: target, atTargets: false });
    const point = report.points[0] as ReplayPoint;
    // The verifier's cost is the same in every pass (same queries). Its quality is too when every
    // query is labelled for every model; else each pass averages it over the queries its own pair
    // is labelled on, and no one figure is the verifier's on the report's queries.
    verifierQuality = selection.fullyLabelled ? report.baselines.always_verifier.quality : null;
    verifierCost = report.baselines.always_verifier.cost_usd;
    drafters.push({
      drafter,
      queries: report.queries,
      acceptance_rate: 1 - point.escalation_rate,
      cost_usd: point.cost_usd,
      quality: point.quality,
      relative_quality: point.relative_quality,
      savings_pct: point.savings_pct,
      drafter_quality: report.baselines.always_drafter.quality,
      recommended: report.recommended,
      pricing: report.pricing[0]?.description ?? '',
    });
  }
  return {
    queries: included.length,
    excluded: { count: excluded.length, ids: excluded.slice(0, 20).map((e) => e.id) },
    unlabelled: { count: unlabelled.length, ids: unlabelled.slice(0, 20).map((e) => e.id) },
    verifier: opts.verifier,
    // Of the selection, not of a pass: a pass counts only its own drafter's labels.
    from_ledger: fromLedger(selectionLedgerShare(selection)),
    threshold: opts.threshold,
    target_quality: target,
    metric: selection.metric,
    verifier_quality: verifierQuality,
    verifier_cost_usd: verifierCost,
    drafters,
    best: bestDrafter(drafters, target),
  };
}

export function bestDrafter(drafters: readonly DrafterEvaluation[], target: number): string | null {
  const reaching = drafters.filter((d) => d.relative_quality !== null && d.relative_quality >= target);
  if (reaching.length > 0) return [...reaching].sort((a, b) => a.cost_usd - b.cost_usd || b.acceptance_rate - a.acceptance_rate)[0]?.drafter ?? null;
  const rated = drafters.filter((d) => d.relative_quality !== null);
  return [...rated].sort((a, b) => (b.relative_quality ?? 0) - (a.relative_quality ?? 0))[0]?.drafter ?? null;
}
