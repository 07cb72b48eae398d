// Finds the worked calculations in a draft ("16 - 3 = 13", "425/5+17=91+17=108",
// "<<9*2=18>>") and recomputes them. Deliberately conservative: anything touching a letter,
// an unknown symbol or a word like "of"/"million" is not plain arithmetic and is skipped,
// so algebra (x + 3 = 5), units (180m), dates, versions and "1 = one" never count as errors.
import { evaluateTokens, isLoneNumber, type Approx } from './expression.ts';
import type { MathToken } from './math-tokens.ts';
import { tokenizeMath } from './math-tokens.ts';
import { mathReadyProse } from './prose.ts';
import { withoutCalculatorNotes } from './calculator-notes.ts';
import { withoutUnitWords } from './unit-words.ts';

export interface Calculation {
  /** As written, on one line: "13 x 4 = 56". */
  text: string;
  /** The computed side and what it really equals. */
  computed: string;
  expected: number;
  /** What the draft wrote for it (the other side's value). */
  written: number;
  correct: boolean;
}

/** Words that, right before a calculation, make its first number part of a larger expression. */
const LEADING_TAINT = new Set([
  'of', 'times', 'plus', 'minus', 'by', 'over', 'than', 'per', 'divided', 'multiplied', 'from', 'half', 'twice', 'double',
  'triple', 'quarter', 'third', 'thirds', 'fourth', 'fifth', 'squared', 'cubed', 'root', 'sqrt', 'log', 'ln', 'sin', 'cos',
  'tan', 'exp', 'factorial', 'mod', 'modulo',
]);
/** Words that, right after a calculation, change the last number's scale or meaning. */
const TRAILING_TAINT = new Set([
  'million', 'millions', 'billion', 'billions', 'trillion', 'thousand', 'thousands', 'hundred', 'hundreds', 'k', 'm', 'bn',
  'dozen', 'dozens', 'cents', 'cent', 'percent', 'pct', 'squared', 'cubed', 'factorial', 'mod', 'modulo', 'lakh', 'crore',
]);
const ORDINAL = new Set(['st', 'nd', 'rd', 'th']);
/** A calculation the draft itself calls wrong, or only supposes, is not a claim. */
const DISOWNED_AFTER = new Set(['false', 'incorrect', 'wrong', 'not', 'isn', 'mistake', 'error', 'invalid', 'untrue', 'impossible', 'contradiction', 'typo', 'doesn']);
const DISOWNED_BEFORE = new Set(['if', 'suppose', 'supposing', 'assume', 'assuming', 'claims', 'claimed', 'claim', 'says', 'said', 'wrote', 'incorrectly', 'mistakenly', 'not', 'whether', 'instead']);
/** Lines about other number systems or modular arithmetic (1 + 1 = 10 in binary). */
const OTHER_ARITHMETIC = /\b(?:binary|base[- ]?\d+|hex(?:adecimal)?|octal|mod|modulo|modular|clock|congruent|remainder of)\b/i;

interface Part {
  tokens: MathToken[];
  lone: boolean;
  decimals: number;
  percent: boolean;
  /** Its value in each of INTERPRETATIONS read so far: the first at once, the rest on demand. */
  values: Approx[];
}

/** Readings a careful person might intend; a calculation is right if any of them makes it right. */
const INTERPRETATIONS = [
  { percentAsFraction: true, precedence: true },
  { percentAsFraction: false, precedence: true },
  { percentAsFraction: true, precedence: false },
  { percentAsFraction: false, precedence: false },
  { percentAsFraction: true, precedence: true, tightFractions: true },
  { percentAsFraction: false, precedence: true, tightFractions: true },
  { percentAsFraction: true, precedence: true, relativePercent: true },
] as const;

function inRun(t: MathToken): boolean {
  return t.kind === 'num' || t.kind === 'op' || t.kind === 'lp' || t.kind === 'rp' || t.kind === 'eq';
}

function isWord(t: MathToken | undefined, set: Set<string>): boolean {
  return !!t && t.kind === 'word' && set.has(t.word);
}

/** Runs of calculation tokens, split where a parenthesis has no partner. */
function runs(tokens: MathToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!inRun(tokens[i] as MathToken)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && inRun(tokens[j] as MathToken)) j++;
    // Unmatched parentheses ("(since 5 + 3 = 8)", "2) 3 + 4 = 7") become boundaries.
    const breaks = new Set<number>();
    const stack: number[] = [];
    for (let k = i; k < j; k++) {
      const t = tokens[k] as MathToken;
      if (t.kind === 'lp') stack.push(k);
      else if (t.kind === 'rp') {
        if (stack.length) stack.pop();
        else breaks.add(k);
      }
    }
    for (const k of stack) breaks.add(k);
    let s = i;
    for (let k = i; k <= j; k++) {
      if (k === j || breaks.has(k)) {
        if (k > s) out.push([s, k]);
        s = k + 1;
      }
    }
    i = j;
  }
  return out;
}

function taintedLeft(text: string, tokens: MathToken[], s: number): boolean {
  const first = tokens[s] as MathToken;
  const before = tokens[s - 1];
  if (first.kind === 'num' && gluedDigits(text, before, first) && tokens[s - 2]?.kind === 'num') return true;
  if (first.kind === 'op') {
    const next = tokens[s + 1];
    const unary = first.op === '-' && !!next && !next.spaceBefore && (first.spaceBefore || !before || before.kind === 'brk');
    if (!unary) return true;
  }
  if (before && !first.spaceBefore && (before.kind === 'word' || before.kind === 'sym')) return true;
  // "√ 5 = ..." or "x ∑ 3": an unknown symbol right before, attached to a number on its far side.
  const beyond = tokens[s - 2];
  if (before?.kind === 'sym' && beyond && (beyond.kind === 'num' || beyond.kind === 'op' || beyond.kind === 'rp')) return true;
  return isWord(before, LEADING_TAINT);
}

/** "36,00", "5:30", "1,5": a comma or colon between digits makes them one thing, not a number. */
function gluedDigits(text: string, punct: MathToken | undefined, beyond: MathToken | undefined): boolean {
  if (punct?.kind !== 'brk' || punct.spaceBefore || beyond?.kind !== 'num' || beyond.spaceBefore) return false;
  const c = text.slice(punct.start, punct.end);
  return c === ',' || c === ':';
}

function taintedRight(text: string, tokens: MathToken[], e: number): boolean {
  const last = tokens[e - 1] as MathToken;
  const after = tokens[e];
  if (last.kind === 'op') return true;
  if (last.kind === 'num' && gluedDigits(text, after, tokens[e + 1])) return true;
  // "= 24th floor" is 24; "= 180m" may be a unit with a scale.
  if (after && !after.spaceBefore && ((after.kind === 'word' && !ORDINAL.has(after.word)) || after.kind === 'sym')) return true;
  const beyond = tokens[e + 1];
  if (after?.kind === 'sym' && beyond && (beyond.kind === 'num' || beyond.kind === 'op' || beyond.kind === 'lp')) return true;
  return isWord(after, TRAILING_TAINT);
}

function disowned(tokens: MathToken[], s: number, e: number): boolean {
  if (tokens[e]?.kind === 'ask') return true;
  for (let k = e; k < Math.min(tokens.length, e + 4); k++) {
    const t = tokens[k];
    if (t?.kind === 'ask') return true;
    if (isWord(t, DISOWNED_AFTER)) return true;
    if (t?.kind === 'brk' && k > e) break;
  }
  for (let k = s - 1; k >= Math.max(0, s - 4); k--) {
    const t = tokens[k];
    if (isWord(t, DISOWNED_BEFORE)) return true;
    if (t?.kind === 'brk') break;
  }
  return false;
}

/** A side of a calculation, read in the first interpretation only: most agree at once. */
function makePart(tokens: MathToken[]): Part | null {
  if (tokens.length === 0) return null;
  const first = evaluateTokens(tokens, INTERPRETATIONS[0]);
  if (!first) return null;
  const nums = tokens.filter((t) => t.kind === 'num');
  const last = nums[nums.length - 1];
  return {
    tokens,
    lone: isLoneNumber(tokens),
    decimals: last && last.kind === 'num' ? last.decimals : 0,
    percent: nums.some((t) => t.kind === 'num' && t.percent),
    values: [first],
  };
}

/**
 * Reads the part in every interpretation, before it may be called wrong; false when one of them
 * is not an expression (then the part is not judged at all).
 */
function readFully(p: Part): boolean {
  for (let i = p.values.length; i < INTERPRETATIONS.length; i++) {
    const v = evaluateTokens(p.tokens, INTERPRETATIONS[i] as (typeof INTERPRETATIONS)[number]);
    if (!v) return false;
    p.values.push(v);
  }
  return true;
}

function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

interface Rounding {
  /** Decimals shown by the lone number ("3.33" -> 2). */
  decimals: number;
  /** The exact value it stands for. */
  exact: Approx;
}

/** Equal up to the operands' rounding, or up to the displayed precision of a rounded result. */
function close(a: Approx, b: Approx, approx: boolean, rounding: Rounding | null): boolean {
  const diff = Math.abs(a.v - b.v);
  const slack = a.e + b.e + 1e-9 * Math.max(1, Math.abs(a.v), Math.abs(b.v));
  if (diff <= slack) return true;
  if (approx && diff <= 0.02 * Math.max(Math.abs(a.v), Math.abs(b.v)) + slack) return true;
  if (!rounding) return false;
  const { decimals, exact } = rounding;
  const representable = Math.abs(exact.v - roundTo(exact.v, decimals)) <= 1e-9 * Math.max(1, Math.abs(exact.v));
  // 10/3 = 3.33 (rounded) and 10/3 = 3 (truncated) are fine; 13 x 4 = 53 is not.
  return !representable && diff < 10 ** -decimals + slack;
}

/** Do the two sides agree when read in interpretations i and j? */
function agreeAt(a: Part, b: Part, i: number, j: number, approx: boolean): boolean {
  const va = a.values[i] as Approx;
  const vb = b.values[j] as Approx;
  let rounding: Rounding | null = null;
  if (a.lone || b.lone) {
    const [lone, idx, exact] = a.lone ? [a, i, vb] : [b, j, va];
    const fraction = lone.percent && INTERPRETATIONS[idx]?.percentAsFraction === true;
    rounding = { decimals: lone.decimals + (fraction ? 2 : 0), exact };
  }
  return close(va, vb, approx, rounding);
}

function agree(a: Part, b: Part, approx: boolean): boolean {
  for (let i = 0; i < a.values.length; i++) {
    for (let j = 0; j < b.values.length; j++) if (agreeAt(a, b, i, j, approx)) return true;
  }
  return false;
}

/** "16 - 3 = 13 - 4 = 9": the next step starts from the previous result (a running total). */
function continues(prev: Part, next: Part): boolean {
  if (next.lone) return false;
  const first = next.tokens.find((t) => t.kind === 'num');
  if (!first || first.kind !== 'num') return false;
  return prev.values.some((v) => Math.abs(v.v - first.value) <= 1e-9 * Math.max(1, Math.abs(v.v)) + v.e || Math.abs(v.v - first.value / 100) <= 1e-12 + v.e);
}

function sliceText(text: string, tokens: MathToken[], from: number, to: number): string {
  const a = tokens[from];
  const b = tokens[to - 1];
  if (!a || !b) return '';
  // Up to the '=' that ends this part, so unit words taken out of it are quoted too.
  const next = tokens[to];
  const raw = text.slice(a.start, next?.kind === 'eq' ? next.start : b.end).trimEnd();
  return /\s\s|\n/.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
}

/**
 * The lines that can hold a calculation: those with '=' or '≈', each joined with the lines
 * above it when it continues them ("= 19" under "(4 + 14 + 1)"). Tokenizing only these keeps
 * the check fast on long prose.
 */
function equationLines(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let group: string[] = [];
  let hasEq = false;
  const flush = () => {
    if (hasEq) out.push(group.join('\n'));
    group = [];
    hasEq = false;
  };
  for (const line of lines) {
    if (!/^\s*[=≈]/.test(line)) flush();
    group.push(line);
    if (line.includes('=') || line.includes('≈')) hasEq = true;
  }
  flush();
  return out;
}

let memo: { draft: string; result: Calculation[] } | null = null;

/** Every checkable calculation in the draft, in order. */
export function findCalculations(draft: string): Calculation[] {
  if (memo?.draft === draft) return memo.result;
  const text = mathReadyProse(draft);
  const found: Calculation[] = [];
  if (text.includes('=') || text.includes('≈')) for (const chunk of equationLines(text)) checkChunk(chunk, found);
  memo = { draft, result: found };
  return found;
}

function checkChunk(text: string, found: Calculation[]): void {
  if (OTHER_ARITHMETIC.test(text)) return;
  const tokens = tokenizeMath(text);
  const before = found.length;
  checkTokens(text, withoutUnitWords(tokens), found);
  // "$3 + $3 + $3 + $4 = $<<2+3+3+4=12>>12": the calculator note is checked above; the
  // sentence around it is a claim of its own.
  const sentence = withoutCalculatorNotes(text, tokens);
  if (!sentence) return;
  const known = new Set(found.slice(before).map((c) => c.text));
  for (const c of checkTokens(text, withoutUnitWords(sentence), [])) if (!known.has(c.text)) found.push(c);
}

function checkTokens(text: string, tokens: MathToken[], found: Calculation[]): Calculation[] {
  for (const [s, e] of runs(tokens)) {
    if (!tokens.slice(s, e).some((t) => t.kind === 'eq')) continue;
    if (disowned(tokens, s, e)) continue;

    // Split at '=' into parts, remembering each part's token range.
    const ranges: Array<[number, number]> = [];
    const approxAfter: boolean[] = [];
    let ps = s;
    for (let k = s; k < e; k++) {
      const t = tokens[k] as MathToken;
      if (t.kind === 'eq') {
        ranges.push([ps, k]);
        approxAfter.push(t.approx);
        ps = k + 1;
      }
    }
    ranges.push([ps, e]);
    const parts: Array<Part | null> = ranges.map(([a, b]) => makePart(tokens.slice(a, b)));
    if (taintedLeft(text, tokens, s)) parts[0] = null;
    // "...with a total of at least 3 = 18 + 11 - 3": a lone number after a word may end a phrase.
    const before = tokens[s - 1];
    if (parts[0]?.lone && before?.kind === 'word') parts[0] = null;
    if (taintedRight(text, tokens, e)) parts[parts.length - 1] = null;

    for (let k = 0; k + 1 < parts.length; k++) {
      const a = parts[k];
      const b = parts[k + 1];
      if (!a || !b || (a.lone && b.lone)) continue;
      const approx = approxAfter[k] === true;
      const [ra, rb] = [ranges[k] as [number, number], ranges[k + 1] as [number, number]];
      const written = `${sliceText(text, tokens, ra[0], ra[1])} ${approx ? '≈' : '='} ${sliceText(text, tokens, rb[0], rb[1])}`;
      const computedPart = a.lone ? b : a;
      const writtenPart = a.lone ? a : b;
      const computedRange = a.lone ? rb : ra;
      // Right in the first reading: done. Otherwise every reading is tried, and a side that one
      // of them cannot read is not judged.
      const ok = agreeAt(a, b, 0, 0, approx) || (readFully(a) && readFully(b) ? agree(a, b, approx) || continues(a, b) : null);
      if (ok === null) continue;
      if (writtenPart.percent && !computedPart.percent) readFully(writtenPart);
      found.push({
        text: written,
        computed: sliceText(text, tokens, computedRange[0], computedRange[1]),
        expected: (computedPart.values[0] as Approx).v,
        written: (writtenPart.values[writtenPart.percent && !computedPart.percent ? 1 : 0] ?? (writtenPart.values[0] as Approx)).v,
        correct: ok,
      });
    }
  }
  return found;
}
