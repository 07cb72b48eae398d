// Did the draft decline, or hedge so much that it does not commit to an answer?
//
// A flat refusal ("I can't help with that") is a hard failure. The validator cannot tell
// whether a request is truly off-limits, but the verifier can: if it is, the verifier refuses
// too and the cost is one extra call; if it is not, accepting the refusal loses the answer.
// A disclaimer in front of a real answer ("As an AI I have no opinions, but...") only costs a
// little, and hedges lower the score by how many distinct ones the draft uses.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { quote, wordCount } from '../text/prose.ts';

const REFUSALS: RegExp[] = [
  /\bI(?:'m| am)? (?:sorry|afraid),? (?:but )?I (?:can(?:not|'t|’t)|am unable to|'m unable to|am not able to|won't|will not)\b[^.\n]*/i,
  /\bI (?:can(?:not|'t|’t)|am unable to|'m unable to|am not able to|won't|will not|must decline to) (?:help(?! but)|assist|provide|answer|comply|do that|fulfill|complete|generate|create|write|share|give|support)\b[^.\n]*/i,
  /\bas an AI(?: language model| assistant| model)?,? I (?:can(?:not|'t|’t)|don't|do not|am unable|am not able|have no)\b[^.\n]*/i,
  /\bI (?:do not|don't|don’t) (?:know(?: the answer)?|have (?:enough )?information (?:about|on|to)|have access to (?:real-time|current|the internet|live))\b[^.\n]*/i,
  /\b(?:I'm|I am) not able to (?:browse|access|answer)\b[^.\n]*/i,
];

const HEDGES: RegExp[] = [
  /\bI(?:'m| am) not (?:entirely |completely |100% |quite )?(?:sure|certain|confident)\b/i,
  /\bI (?:can(?:not|'t)|can’t) be (?:sure|certain)\b/i,
  /\bI (?:may|might|could) be (?:wrong|mistaken)\b/i,
  /\bit(?:'s| is) (?:hard|difficult|impossible) to (?:say|tell|know)\b/i,
  /\b(?:my best guess|I(?:'m| am) guessing|I would guess|if I recall correctly|don't quote me)\b/i,
  /\b(?:may|might) not be (?:accurate|correct|reliable)\b/i,
  /\b(?:please|you (?:may|might|should) want to) (?:double[- ]check|verify)\b/i,
  /\bI(?:'m| am) unable to (?:determine|verify|confirm)\b/i,
];

/** One scan for all hedges; distinct phrases are counted. */
const ANY_HEDGE = new RegExp(HEDGES.map((re) => `(?:${re.source})`).join('|'), 'gi');
const ANY_REFUSAL = new RegExp(REFUSALS.map((re) => `(?:${re.source})`).join('|'), 'i');

/** A refusal is the whole answer when little else is said besides it. */
const SUBSTANTIVE_WORDS = 60;

export function refusalSignal(draft: DraftToCheck): SignalResult {
  const name = 'refusal' as const;
  const answer = draft.answer;
  if (answer.trim().length === 0) return { name, applicable: false, score: 1, reason: 'nothing to judge' };
  const m = ANY_REFUSAL.exec(answer);
  if (m) {
    const rest = wordCount(answer) - wordCount(m[0]);
    if (rest < SUBSTANTIVE_WORDS) {
      return { name, applicable: true, score: 0, hardFail: true, reason: `the draft declines to answer ('${quote(m[0])}')` };
    }
    return { name, applicable: true, score: 0.85, reason: `the draft carries a disclaimer ('${quote(m[0])}')` };
  }
  // Hedges inside quotes belong to a character or a quoted text, and hedges the user wrote
  // ("...but he are not sure", to be corrected) belong to the user.
  const own = answer.replace(/"[^"\n]*"|“[^”\n]*”/g, ' ');
  const conversation = draft.messages.map((m) => m.content).join('\n').toLowerCase();
  const hedges: string[] = [];
  const seen = new Set<string>();
  for (const h of own.matchAll(ANY_HEDGE)) {
    const norm = h[0].toLowerCase().replace(/^i am /, "i'm ");
    if (seen.has(norm) || conversation.includes(norm.replace(/^i'm /, ''))) continue;
    seen.add(norm);
    hedges.push(h[0]);
  }
  if (hedges.length > 0) {
    const score = Math.max(0.2, 1 - 0.3 * hedges.length);
    return { name, applicable: true, score, reason: `the draft hedges (${hedges.map((h) => `'${quote(h, 40)}'`).join(', ')})` };
  }
  return { name, applicable: true, score: 1, reason: 'the draft answers without refusing or hedging' };
}
