// Does the draft address the question? A soft check: the question's key terms should show
// up in the answer (after light stemming). Whether a word problem's quantities are used is
// judged by final_answer. Short questions and short answers to them are fine; instructions ("rewrite",
// "summarize") and other non-topic words are ignored.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { contentTerms, hasWords, stem, stripCode } from '../text/prose.ts';

/** Coverage of the question's terms at or above this is full marks. */
const ENOUGH = 0.5;
/** Long prompts (pasted documents) are judged on at most this many of their terms. */
const MAX_TERMS = 12;
/** Extractions and one-line answers ("[5, 1, 3]") need not repeat the question's words. */
const SHORT_ANSWER = 25;

/**
 * "Rewrite your previous response with a metaphor in each sentence": the answer is about the
 * earlier answer's topic, not about the instruction's words.
 */
function revisesEarlierAnswer(draft: DraftToCheck, aTerms: Set<string>): boolean {
  const earlier = [...draft.messages].reverse().find((m) => m.role === 'assistant' && m.content.trim().length > 0);
  if (!earlier || aTerms.size === 0) return false;
  const prior = contentTerms(earlier.content);
  const shared = [...aTerms].filter((t) => prior.has(t)).length;
  return shared / aTerms.size >= 0.3;
}

function termsWithSurface(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/[\p{L}][\p{L}\p{N}'-]*/gu)) {
    const w = m[0].toLowerCase();
    const s = stem(w.replace(/'s$/, ''));
    if (!out.has(s)) out.set(s, w);
  }
  return out;
}

export function alignmentSignal(draft: DraftToCheck): SignalResult {
  const name = 'alignment' as const;
  const answer = stripCode(draft.answer);
  const qTerms = contentTerms(draft.query);
  if (answer.trim().length === 0) return { name, applicable: false, score: 1, reason: 'nothing to judge' };
  if (qTerms.size < 3) return { name, applicable: false, score: 1, reason: 'the question is too short to judge topic overlap' };
  if (!hasWords(answer, SHORT_ANSWER)) return { name, applicable: false, score: 1, reason: 'the answer is too short to judge topic overlap' };

  let score = 1;
  const reasons: string[] = [];
  {
    // A query stem counts when some answer word starts with it ("calcul" in "calculating").
    const haystack = ` ${answer.toLowerCase().replace(/[^a-z0-9\u00c0-\uffff]+/g, ' ')}`;
    const judged = Math.min(qTerms.size, MAX_TERMS);
    const aTerms = new Set<string>();
    for (const t of qTerms) {
      if (haystack.includes(` ${t}`)) aTerms.add(t);
      if (aTerms.size >= judged * ENOUGH) break; // enough is known: no need to scan a long prompt's other terms
    }
    const coverage = Math.min(1, aTerms.size / judged);
    if (coverage < ENOUGH && !revisesEarlierAnswer(draft, contentTerms(answer))) {
      score = Math.min(score, 0.6 + (0.4 * coverage) / ENOUGH);
      const surface = termsWithSurface(draft.query);
      const missing = [...qTerms].filter((t) => !aTerms.has(t)).slice(0, 4).map((t) => `'${surface.get(t) ?? t}'`);
      reasons.push(`the draft barely touches the question's terms (${Math.round(coverage * 100)}% covered; missing ${missing.join(', ')})`);
    }
  }
  if (reasons.length === 0) return { name, applicable: true, score: 1, reason: 'the draft addresses the question' };
  return { name, applicable: true, score, reason: reasons.join('; ') };
}
