// Which tier answers a query at a given threshold, from the verdicts the engine gave its drafts.
// Pure: the sweep derives every threshold's routing from one engine pass without re-running it.
import type { QualityVerdict } from '../quality/types.ts';

/**
 * The validator's acceptance rule, as validateDraft applies it (shared/core/quality/decide.ts).
 * The quality module does not export it yet; test/core/replay checks this copy against full
 * engine runs at several thresholds so the two cannot drift apart unnoticed.
 */
export function acceptedAt(verdict: Pick<QualityVerdict, 'score' | 'hardFailure'>, threshold: number): boolean {
  return !verdict.hardFailure && verdict.score >= threshold;
}

/** What the engine made of one query's drafts. */
export interface ItemJudgement {
  /** The tier the engine's routing started at (0 unless it skipped the drafter). */
  start: number;
  /** Per tier index: the verdict on its answer; null = the call failed; undefined = not reached. */
  verdicts: (QualityVerdict | null | undefined)[];
}

/** The tier whose answer the engine would use at `threshold`, from the verdicts of the strict pass. */
export function finalTierAt(j: ItemJudgement, tierCount: number, threshold: number): number {
  const top = tierCount - 1;
  for (let t = j.start; t < top; t++) {
    const v = j.verdicts[t];
    if (v === undefined) throw new Error(`tier ${t} was not judged: the strict pass must reach every tier a lower threshold uses`);
    if (v !== null && acceptedAt(v, threshold)) return t;
  }
  return top;
}
