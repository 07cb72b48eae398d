// A tokenizer for the arithmetic written in prose ("13 x 4 = 52", "$1,300 * 10/100 = $130",
// "<<9*2=18>>"). It keeps what the span finder needs to stay conservative: whether a token
// touches its neighbour (4R, f(2), 180m are not plain numbers) and where words interrupt.

export type Op = '+' | '-' | '*' | '/' | '^';

interface At {
  start: number;
  end: number;
  /** Whitespace separates this token from the previous one. */
  spaceBefore: boolean;
}

export type MathToken =
  | (At & { kind: 'num'; value: number; decimals: number; percent: boolean })
  | (At & { kind: 'op'; op: Op })
  | (At & { kind: 'lp' })
  | (At & { kind: 'rp' })
  | (At & { kind: 'eq'; approx: boolean })
  | (At & { kind: 'word'; word: string })
  /** Punctuation or a line break: a clean end of a calculation. */
  | (At & { kind: 'brk' })
  /** A question mark: the calculation before it is asked, not claimed. */
  | (At & { kind: 'ask' })
  /** A symbol the evaluator does not know (√, π, °, |, !): an attached calculation is skipped. */
  | (At & { kind: 'sym' });

const NUMBER = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+/y;
const LETTER = /\p{L}/u;

function isWordStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return LETTER.test(c);
}

function isWordPart(code: number, c: string): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 39;
  return LETTER.test(c);
}

const CURRENCY = new Set(['$', '€', '£', '¥']);
const TIMES = new Set(['*', '×', '∗', '·', '⋅']);
const DIVIDE = new Set(['/', '÷', '∕']);
const MINUS = new Set(['-', '−']);
const BREAKS = new Set([',', ';', ':', '"', "'", '`', '“', '”', '‘', '’', '#', '&', '@', '{', '}', '–', '—', '•', '≠', '≤', '≥', '→', '⇒', '≡', '<', '>']);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function nextNonSpace(text: string, i: number): string | undefined {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || CURRENCY.has(text[j] as string))) j++;
  return text[j];
}

export function tokenizeMath(text: string): MathToken[] {
  const out: MathToken[] = [];
  let i = 0;
  let space = true;
  let currencyAt = -1;
  const push = (t: MathToken) => {
    out.push(t);
    space = false;
  };
  const prev = () => out[out.length - 1];

  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\u00a0') {
      space = true;
      currencyAt = -1;
      i++;
      continue;
    }
    if (CURRENCY.has(c)) {
      // Transparent for the arithmetic, but kept in the quoted text ("$36").
      if (currencyAt < 0) currencyAt = i;
      i++;
      continue;
    }
    // Explicit fields, not a spread: this loop is the validator's hot path.
    const start = currencyAt >= 0 && isDigit(c) ? currencyAt : i;
    currencyAt = -1;
    const spaceBefore = space;
    if (c === '\n' || c === '\r') {
      // A line that starts with '=' continues the calculation above it.
      const next = nextNonSpace(text, c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1);
      if (next === '=' || next === '≈') {
        space = true;
        i++;
        continue;
      }
      push({ start, spaceBefore, end: i + 1, kind: 'brk' });
      space = true;
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]) && !isDigit(text[i - 1]))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const raw = m ? m[0] : c;
      let j = i + raw.length;
      if (text[j] === '.' && isDigit(text[j + 1])) {
        // 3.11.2, 192.168.0.1: a version or address, not a number.
        while (j < text.length && (isDigit(text[j]) || text[j] === '.')) j++;
        push({ start, spaceBefore, end: j, kind: 'sym' });
        i = j;
        continue;
      }
      let percent = false;
      if (text[j] === '%') {
        percent = true;
        j++;
      }
      const dot = raw.indexOf('.');
      const value = Number(raw.includes(',') ? raw.replace(/,/g, '') : raw);
      push({ start, spaceBefore, end: j, kind: 'num', value, decimals: dot < 0 ? 0 : raw.length - dot - 1, percent });
      i = j;
      continue;
    }
    if ((c === 'x' || c === 'X') && isTimesX(out[out.length - 1], nextNonSpace(text, i + 1))) {
      push({ start, spaceBefore, end: i + 1, kind: 'op', op: '*' });
      i++;
      continue;
    }
    if (isWordStart(c)) {
      let end = i + 1;
      while (end < text.length && isWordPart(text.charCodeAt(end), text[end] as string)) end++;
      const word = text.slice(i, end).toLowerCase();
      const p = prev();
      const after = nextNonSpace(text, end);
      if (word === 'of' && p && spaceBefore && isPartOf(out) && (isDigit(after) || after === '(')) {
        // "20% of 50", "1/3 of 90": a multiplication the draft wrote in words.
        push({ start, spaceBefore, end, kind: 'op', op: '*' });
      } else {
        push({ start, spaceBefore, end, kind: 'word', word });
      }
      i = end;
      continue;
    }
    if (c === '+') push({ start, spaceBefore, end: i + 1, kind: 'op', op: '+' });
    else if (MINUS.has(c)) push({ start, spaceBefore, end: i + 1, kind: 'op', op: '-' });
    else if (TIMES.has(c)) push({ start, spaceBefore, end: i + 1, kind: 'op', op: '*' });
    else if (DIVIDE.has(c)) push({ start, spaceBefore, end: i + 1, kind: 'op', op: '/' });
    else if (c === '^') push({ start, spaceBefore, end: i + 1, kind: 'op', op: '^' });
    else if (c === '²' || c === '³') {
      const p = prev();
      if (p && (p.kind === 'num' || p.kind === 'rp') && !spaceBefore) {
        push({ start, spaceBefore, end: i, kind: 'op', op: '^' });
        out.push({ start: i, end: i + 1, spaceBefore: false, kind: 'num', value: c === '²' ? 2 : 3, decimals: 0, percent: false });
      } else push({ start, spaceBefore, end: i + 1, kind: 'sym' });
    } else if (c === '=') {
      let end = i + 1;
      while (text[end] === '=') end++;
      push({ start, spaceBefore, end, kind: 'eq', approx: false });
      i = end;
      continue;
    } else if (c === '≈' || c === '≅') push({ start, spaceBefore, end: i + 1, kind: 'eq', approx: true });
    else if ((c === '<' || c === '>') && (text[i + 1] === c || text[i + 1] === '=')) {
      push({ start, spaceBefore, end: i + 2, kind: 'brk' });
      i += 2;
      continue;
    } else if (c === '!' && text[i + 1] === '=') {
      push({ start, spaceBefore, end: i + 2, kind: 'brk' });
      i += 2;
      continue;
    } else if (c === '(' || c === '[') push({ start, spaceBefore, end: i + 1, kind: 'lp' });
    else if (c === ')' || c === ']') push({ start, spaceBefore, end: i + 1, kind: 'rp' });
    else if (c === '?') push({ start, spaceBefore, end: i + 1, kind: 'ask' });
    else if (c === '.' || BREAKS.has(c)) push({ start, spaceBefore, end: i + 1, kind: 'brk' });
    else push({ start, spaceBefore, end: i + 1, kind: 'sym' });
    i++;
  }
  return out;
}

/** "13 x 4", "3x4", "2 x (3 + 4)": an x between a number and a number is a times sign. */
function isTimesX(before: MathToken | undefined, after: string | undefined): boolean {
  return !!before && (before.kind === 'num' || before.kind === 'rp') && (isDigit(after) || after === '(' || after === '.');
}

/** The tokens before "of" are a percentage ("20%") or a fraction ("1/3"). */
function isPartOf(tokens: MathToken[]): boolean {
  const a = tokens[tokens.length - 1];
  if (!a || a.kind !== 'num') return false;
  if (a.percent) return true;
  const op = tokens[tokens.length - 2];
  const b = tokens[tokens.length - 3];
  return !!op && !!b && op.kind === 'op' && op.op === '/' && b.kind === 'num' && !a.spaceBefore && !op.spaceBefore;
}
