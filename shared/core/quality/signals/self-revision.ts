// Does a worked solution argue with itself? "However, we can add or subtract multiples of 5",
// "but since this 15 miles is included ... we should not subtract it again", "I apologize for
// the mistake": when a calculation changes course half-way, the model has noticed that its path
// does not fit and patched it rather than started again, and the patch is usually wrong.
//
// Only worked solutions count (shown calculations, no code). In prose, "however" is ordinary
// contrast ("it depends on the soil. However, a rough estimate is...") and in code
// explanations it introduces trade-offs, so there it says nothing about correctness.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { findCalculations } from '../text/calculations.ts';
import { quote } from '../text/prose.ts';

const REVISIONS: RegExp[] = [
  /\bhowever\b/i,
  /\bactually\b/i,
  /\bwait\s*[,.!]/i,
  /\bbut since\b/i,
  /\bon second thought\b/i,
  /\bI apologi[sz]e\b/i,
  /\b(?:I|we)(?:'ve| have)? made (?:a|an) (?:mistake|error)\b/i,
  /\b(?:my|the) (?:previous|earlier) (?:answer|calculation|step) (?:was|is) (?:wrong|incorrect)\b/i,
  /\blet(?:'s| me| us) (?:re-?(?:check|calculate|compute|evaluate|consider|examine|think|do)|try (?:again|a different)|correct (?:this|that))\b/i,
  /\bwe should not\b/i,
];
const ANY_REVISION = new RegExp(REVISIONS.map((re) => `(?:${re.source})`).join('|'), 'gi');
/**
 * "It depends on many factors. However, I can provide a rough estimate": a caveat before an
 * estimate is a concession, not a change of course.
 */
const CONCESSION = /^however,?\s+(?:I|we|they|it|this|here)\b[^.\n]{0,60}?\b(?:estimate|approximation|rough|ballpark|overview|general idea)/i;

const CODE = /```|~~~/;

/** Shown calculations, or an algebraic derivation with several equations. */
function isWorkedSolution(answer: string): boolean {
  if (CODE.test(answer)) return false;
  return findCalculations(answer).length > 0 || (answer.match(/=/g)?.length ?? 0) >= 2;
}

/** The sentence around a match, for the explanation. */
function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('\n', index - 1)) + 1;
  const ends = [text.indexOf('.', index), text.indexOf('\n', index)].filter((i) => i >= 0);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length).trim();
}

export function selfRevisionSignal(draft: DraftToCheck): SignalResult {
  const name = 'self_revision' as const;
  const answer = draft.answer;
  if (!isWorkedSolution(answer)) return { name, applicable: false, score: 1, reason: 'not a worked calculation' };
  const found = [...answer.matchAll(ANY_REVISION)]
    .filter((m) => !CONCESSION.test(answer.slice(m.index ?? 0, (m.index ?? 0) + 120)))
    .map((m) => sentenceAt(answer, m.index ?? 0));
  if (found.length === 0) return { name, applicable: true, score: 1, reason: 'the working goes straight to its result' };
  const score = found.length === 1 ? 0.4 : 0.15;
  return {
    name,
    applicable: true,
    score,
    reason: `the working changes course half-way ('${quote(found[0] ?? '', 70)}'${found.length > 1 ? `, and ${found.length - 1} more` : ''})`,
  };
}
