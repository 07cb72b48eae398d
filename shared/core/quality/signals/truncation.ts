// Did the draft finish? A provider-reported cut-off is certain; a draft that stops in the
// middle of a calculation, a number or a sentence is cut off as surely, even when the provider
// said "stop" (recorded answers, proxies that drop the finish reason).
import type { DraftToCheck, SignalResult } from '../types.ts';
import { quote } from '../text/prose.ts';

const FUNCTION_WORD_END = /\b(?:the|a|an|to|of|and|or|for|with|from|by|in|on|at|is|are|was|were|be|that|which|this|as|than|into|but|if|because|its|their|your|our|can|will|would|should|must|has|have)$/i;

/** Words no list item ends on (case-sensitive on purpose), where FUNCTION_WORD_END would catch phrasal verbs too. */
const LIST_ITEM_DANGLING_END = /\b(?:the|a|an|and|or|but|nor|than|because|its|their|your|our|my)$/;

function tailProblem(answer: string): { reason: string; hard: boolean } | null {
  const text = answer.trimEnd();
  if (text.length === 0) return null;
  const tail = text.slice(-80);
  // A GSM8K-style calculator note "<<36*68/1" left open at the very end.
  const openNote = /<<[\d\s.,+\-*/=()x$%]*$/.exec(text);
  if (openNote) return { reason: `the draft stops inside a calculation ('${quote(openNote[0], 40)}')`, hard: true };
  // Ends on an operator or '=' (not a markdown rule or a list dash on its own line).
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
  const calculating = /\d\s*[-+*/×÷=]\s*\(?\$?\d/.test(lastLine);
  if ((calculating && /(?:\d|\))\s*[+\-*/×÷=^]\s*\$?$/.test(tail)) || /=\s*\$?$/.test(tail)) {
    return { reason: `the draft stops in the middle of a calculation ('…${quote(tail.slice(-30), 40)}')`, hard: true };
  }
  // "130,00": a number cut inside its digit groups.
  if (/\d,\d{1,2}$/.test(tail) && !/\d,\d{1,2}(?:,\d{1,2})+$/.test(tail)) {
    return { reason: `the draft stops in the middle of a number ('…${quote(tail.slice(-20), 30)}')`, hard: true };
  }
  if (/:$/.test(lastLine) && lastLine.split(/\s+/).length >= 3 && !/^[-*#>|]/.test(lastLine)) {
    return { reason: `the draft ends by announcing something it never gives ('${quote(lastLine, 50)}')`, hard: false };
  }
  // "= <<90*2=180>>1": the number written after a calculator note stops inside the note's result.
  const afterNote = /<<[^<>]*=\s*(-?[\d.,]+)>>\s*\$?(\d[\d.,]*)$/.exec(text);
  if (afterNote?.[1] && afterNote[2] && afterNote[1] !== afterNote[2] && afterNote[1].startsWith(afterNote[2])) {
    return { reason: `the draft stops in the middle of a number ('…${quote(tail.slice(-24), 30)}')`, hard: true };
  }
  // "In each room, Bob washes 2 sheets,": a line of working left open at a comma.
  if (/,$/.test(lastLine) && /^[A-Za-z]/.test(lastLine) && /\d/.test(lastLine) && lastLine.split(/\s+/).length >= 4) {
    return { reason: `the draft stops mid-sentence ('…${quote(lastLine.slice(-40), 45)}')`, hard: false };
  }
  // "2. Put the": a list item may be a fragment, and may end on a preposition ("- Log in"), but not
  // on an article, a conjunction or a possessive (lower case: "Plan A" and "Vitamin A" are whole).
  const item = /^(?:[-*+]|\d+[.)])\s+(.+)$/.exec(lastLine)?.[1];
  if (item !== undefined && item.split(/\s+/).length >= 2 && LIST_ITEM_DANGLING_END.test(item)) {
    return { reason: `the draft stops mid-sentence ('…${quote(lastLine.slice(-40), 45)}')`, hard: false };
  }
  const prose = /^[A-Za-z("'*]/.test(lastLine) && !/^(?:[-*+]|\d+[.)])\s/.test(lastLine) && lastLine.split(/\s+/).length >= 6;
  if (prose && FUNCTION_WORD_END.test(lastLine) && !/[.!?)"'`*:;]$/.test(lastLine)) {
    return { reason: `the draft stops mid-sentence ('…${quote(lastLine.slice(-40), 45)}')`, hard: false };
  }
  return null;
}

export function truncationSignal(draft: DraftToCheck): SignalResult {
  const name = 'truncation' as const;
  switch (draft.finishReason) {
    case 'length':
      return { name, applicable: true, score: 0, hardFail: true, reason: 'the draft was cut off at the token limit' };
    case 'content_filter':
      return { name, applicable: true, score: 0, hardFail: true, reason: "the provider's content filter stopped the draft" };
    case 'cancelled':
      return { name, applicable: true, score: 0, hardFail: true, reason: 'the draft was cancelled before it finished' };
    default:
      break;
  }
  const problem = tailProblem(draft.answer);
  if (problem) return { name, applicable: true, score: problem.hard ? 0 : 0.25, hardFail: problem.hard, reason: problem.reason };
  return { name, applicable: true, score: 1, reason: 'the draft finished normally' };
}
