// Combines the signals into one verdict on a draft: accept it, or escalate to the next tier.
//
// The score is a product of per-signal discounts: score = Π (1 - w × (1 - s)) over the
// applicable signals, where s is the signal's score and w its weight in SIGNAL_WEIGHTS. A
// weight is the largest share of trust one signal can take away on its own, so a signal that
// checks correctness (arithmetic, JSON, tool arguments, cut-off) can sink a draft alone, while
// a soft heuristic (topic overlap) can only lower it, and several small doubts compound.
// A plain weighted average would let ten passing checks outvote one wrong calculation.
// Signals that do not apply (no logprobs, no JSON requested) are left out, not counted as passes.
import { SIGNAL_NAMES, type DraftToCheck, type QualityVerdict, type SignalName, type SignalResult } from './types.ts';
import { SIGNALS } from './signals/index.ts';

export const SIGNAL_WEIGHTS: Readonly<Record<SignalName, number>> = Object.freeze({
  /** Cut off, filtered or cancelled: the answer is incomplete for certain. */
  truncation: 1,
  /** Empty, looping or garbled output is not an answer. */
  degenerate: 1,
  /** A recomputed step that is wrong is direct evidence of a wrong answer. */
  arithmetic: 1,
  /** The caller asked for machine-readable output; anything else breaks it. */
  json_format: 1,
  tool_calls: 1,
  /** A flat refusal is decisive; hedges are a strong hint the model knows it is guessing. */
  refusal: 0.9,
  /** No final number, one that does not follow from the working, or 83.33 pieces. */
  final_answer: 0.8,
  /** A worked solution that changes course half-way usually patched a wrong step: a strong hint. */
  self_revision: 0.6,
  /**
   * Other samples of the drafter reaching other answers: the model is guessing. Strong, but
   * not proof (the majority can be wrong too): half the samples disagreeing escalates at the
   * default threshold, one dissenter in four does not.
   */
  consistency: 0.9,
  /** Broken code is usually a broken answer, but the balance check is only a heuristic. */
  code_blocks: 0.7,
  /** Token probabilities correlate with correctness, loosely: a hint, never proof. */
  confidence: 0.6,
  /** Word overlap with the question is the weakest evidence: paraphrases and instructions miss it. */
  alignment: 0.3,
});

/** Doubts smaller than this are not worth mentioning. */
const MENTION = 0.02;

function fmt(n: number): string {
  return n.toFixed(2);
}

/** "0.70 < 0.70" would read as a contradiction; show a third decimal when two hide the gap. */
function fmtPair(score: number, threshold: number): [string, string] {
  if (fmt(score) !== fmt(threshold)) return [fmt(score), fmt(threshold)];
  return [score.toFixed(3), threshold.toFixed(3)];
}

function penalty(s: SignalResult): number {
  return SIGNAL_WEIGHTS[s.name] * (1 - Math.min(1, Math.max(0, s.score)));
}

export function combineScore(signals: SignalResult[]): number {
  let score = 1;
  for (const s of signals) if (s.applicable) score *= 1 - penalty(s);
  return Math.min(1, Math.max(0, score));
}

/** The acceptance rule: no hard failure and a score at or above the threshold. */
export function acceptedAt(verdict: Pick<QualityVerdict, 'score' | 'hardFailure'>, threshold: number): boolean {
  return !verdict.hardFailure && verdict.score >= threshold;
}

export function validateDraft(draft: DraftToCheck, threshold: number): QualityVerdict {
  const signals = SIGNAL_NAMES.map((name) => SIGNALS[name](draft));
  const applicable = signals.filter((s) => s.applicable);
  const hard = applicable.filter((s) => s.hardFail === true);
  const score = combineScore(applicable);
  const hardFailure = hard.length > 0;
  const accepted = acceptedAt({ score, hardFailure }, threshold);

  const doubts = applicable
    .filter((s) => s.hardFail !== true && penalty(s) >= MENTION)
    .sort((a, b) => penalty(b) - penalty(a));
  const reasons = [...hard.map((s) => s.reason), ...doubts.map((s) => s.reason)];

  const [shown, bar] = fmtPair(score, threshold);
  let explanation: string;
  if (hardFailure) {
    explanation = `escalated: ${hard.map((s) => s.reason).join('; ')}`;
  } else if (!accepted) {
    explanation = `escalated: score ${shown} < ${bar}: ${doubts.slice(0, 3).map((s) => s.reason).join('; ') || 'no single check failed, but the checks together fall short'}`;
  } else if (doubts.length === 0) {
    explanation = `accepted: all checks passed (score ${shown} >= ${bar})`;
  } else {
    explanation = `accepted: score ${shown} >= ${bar} despite: ${doubts.slice(0, 2).map((s) => s.reason).join('; ')}`;
  }
  return { score, threshold, accepted, signals, reasons, explanation, hardFailure };
}

/**
 * Why a rejected draft was escalated, in the words the chat shows: the verdict's explanation
 * without its "escalated: " prefix. The live event and the stored run both use it, so the
 * marker does not change its text when the run finishes.
 */
export function escalationReason(verdict: Pick<QualityVerdict, 'explanation'>): string {
  return verdict.explanation.replace(/^(escalated|rejected|accepted):\s*/i, '');
}
