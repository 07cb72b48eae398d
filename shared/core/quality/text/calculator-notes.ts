// GSM8K-style calculator notes ("She has 16 - 3 = <<16-3=13>>13 eggs"): the note is a
// calculation of its own, and so is the sentence around it, which can claim something else
// ("$3 + $3 + $3 + $4 = $<<2+3+3+4=12>>12"). The arithmetic check reads the line once with its
// notes and once without; this file gives the tokens without, when the sentence says more.
import { isExprToken } from './expression.ts';
import type { MathToken } from './math-tokens.ts';

/** Same arithmetic, whatever the spacing: "16 - 3" and "16-3". */
function sameMath(a: MathToken[], b: MathToken[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  return a.every((t, i) => {
    const u = b[i] as MathToken;
    if (t.kind !== u.kind) return false;
    if (t.kind === 'num' && u.kind === 'num') return t.value === u.value && t.percent === u.percent;
    if (t.kind === 'op' && u.kind === 'op') return t.op === u.op;
    return true;
  });
}

/** The calculation tokens right before index k, back to the first word, '=' or punctuation. */
function expressionBefore(tokens: MathToken[], k: number): MathToken[] {
  let i = k;
  while (i > 0 && isExprToken(tokens[i - 1] as MathToken)) i--;
  return tokens.slice(i, k);
}

/**
 * "She has 16 - 3 = <<16-3=13>>13 eggs": the sentence says exactly what its note says, which
 * the note's own check already covers.
 */
function repeatsNote(tokens: MathToken[], open: number, close: number): boolean {
  const inner = tokens.slice(open + 1, close);
  const eq = inner.findIndex((t) => t.kind === 'eq');
  const noteResult = inner.at(-1);
  const written = tokens[close + 1];
  // A chained note ("4*3+6=18+6=24") claims 18 for what the sentence says is 24: not a repeat.
  const chained = inner.filter((t) => t.kind === 'eq').length > 1;
  if (eq <= 0 || chained || tokens[open - 1]?.kind !== 'eq' || noteResult?.kind !== 'num' || written?.kind !== 'num') return false;
  return written.value === noteResult.value && sameMath(expressionBefore(tokens, open - 1), inner.slice(0, eq));
}

/**
 * The tokens outside GSM8K-style calculator notes ("<<48/2=24>>"), or null when there are none
 * or the sentence around each one only repeats it.
 */
export function withoutCalculatorNotes(text: string, tokens: MathToken[]): MathToken[] | null {
  if (!text.includes('<<')) return null;
  const out: MathToken[] = [];
  let noteStart = -1;
  let saysMore = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as MathToken;
    const mark = t.kind === 'brk' && t.end - t.start === 2 ? text.slice(t.start, t.end) : '';
    if (mark === '<<' && noteStart < 0) noteStart = k;
    else if (mark === '>>' && noteStart >= 0) {
      saysMore ||= !repeatsNote(tokens, noteStart, k);
      noteStart = -1;
    } else if (noteStart < 0) out.push(t);
  }
  // An unclosed "<<" is not a note.
  return noteStart < 0 && saysMore ? out : null;
}
