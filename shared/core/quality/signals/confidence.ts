// How sure was the model of its own tokens? Only when the provider returned logprobs.
// Uses the mean token probability and the share of very unlikely tokens, both robust to the
// handful of low-probability tokens every fluent answer contains (names, numbers, word choice).
import type { DraftToCheck, SignalResult } from '../types.ts';

/** A token this unlikely is a guess. */
const LOW_P = 0.1;
/** Fewer tokens than this say nothing reliable. */
const MIN_TOKENS = 3;

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export function confidenceSignal(draft: DraftToCheck): SignalResult {
  const name = 'confidence' as const;
  const lps = draft.logprobs?.filter((t) => t.token.trim().length > 0) ?? [];
  if (lps.length < MIN_TOKENS) return { name, applicable: false, score: 1, reason: 'no token probabilities to judge confidence' };
  let sum = 0;
  let low = 0;
  for (const t of lps) {
    const p = Number.isFinite(t.logprob) ? Math.exp(Math.min(0, t.logprob)) : 0;
    sum += p;
    if (p < LOW_P) low++;
  }
  const mean = sum / lps.length;
  const lowShare = low / lps.length;
  // Confident answers sit around a mean of 0.85+ with under 10% guessed tokens; 0.45 / 35% is guessing.
  const fromMean = clamp01((mean - 0.45) / 0.4);
  const fromLow = clamp01(1 - (lowShare - 0.1) / 0.25);
  const score = 0.6 * fromMean + 0.4 * fromLow;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const detail = `mean token probability ${mean.toFixed(2)}, ${pct(lowShare)} of tokens below ${LOW_P}`;
  return {
    name,
    applicable: true,
    score,
    reason: score >= 0.75 ? `the model was confident (${detail})` : `the model was unsure of many tokens (${detail})`,
  };
}
