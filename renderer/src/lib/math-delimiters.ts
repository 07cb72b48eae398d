// Where an answer's math is: the TeX delimiters models write ($$…$$, \[…\], \(…\), $…$), told
// apart from money ("costs $5 and $10") and from math still streaming in. Pure text scanning:
// the Markdown renderer (markdown-math.ts) asks only where marked has not found code, so code
// spans and blocks are never read as math.

export interface MathSpan {
  /** As written, delimiters included: what the chat shows until KaTeX renders it, or if it cannot. */
  source: string;
  /** What KaTeX typesets. */
  tex: string;
  display: boolean;
}

const PAIRS = [
  { open: '$$', close: '$$', display: true },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
] as const;

/** Index of the first unescaped `close` at or after `from`, or -1. `\$` inside math is a dollar sign. */
function findClose(src: string, close: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src.startsWith(close, i)) return i;
    if (src[i] === '\\') i++;
  }
  return -1;
}

/**
 * Math holds something and stays within one paragraph. A backtick means the delimiters straddle
 * a code span (`$` outside, `$` inside the code): the code wins, as it does in Markdown.
 */
const isMathBody = (tex: string): boolean => tex.trim() !== '' && !tex.includes('`') && !/\n[ \t]*\n/.test(tex);

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/**
 * `$…$` as Pandoc reads it, so prices stay prices: the opening `$` is followed by a non-space,
 * and the first `$` after it closes only if a non-space precedes it and no digit follows
 * ("$5 and $10": the second `$` has a space before it, so there is no math).
 */
function matchDollar(src: string): MathSpan | null {
  if (isSpace(src[1]) || src[1] === '$') return null;
  const end = findClose(src, '$', 1);
  if (end < 0 || isSpace(src[end - 1]) || /\d/.test(src[end + 1] ?? '')) return null;
  const tex = src.slice(1, end);
  return isMathBody(tex) ? { source: src.slice(0, end + 1), tex, display: false } : null;
}

/**
 * The math that starts exactly at the beginning of `src`, or null. An opening delimiter without
 * its closing one (an answer still streaming in) is not math yet: it stays text until it closes.
 */
export function matchMathAt(src: string): MathSpan | null {
  for (const { open, close, display } of PAIRS) {
    if (!src.startsWith(open)) continue;
    const end = findClose(src, close, open.length);
    if (end < 0) return null;
    const tex = src.slice(open.length, end);
    return isMathBody(tex) ? { source: src.slice(0, end + close.length), tex, display } : null;
  }
  return src.startsWith('$') ? matchDollar(src) : null;
}

/** Where in `src` math could start: a `$`, `\(` or `\[` not escaped by a backslash; -1 when none. */
export function nextMathStart(src: string): number {
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '$') return i;
    if (src[i] === '\\') {
      if (src[i + 1] === '(' || src[i + 1] === '[') return i;
      i++;
    }
  }
  return -1;
}

const BLOCK_OPENER = /^ {0,3}(?=\$\$|\\\[)/;
const BLOCK_LINE = /\n {0,3}(?:\$\$|\\\[)/;

/**
 * Display math standing on its own lines (`$$` or `\[` at a line's start, up to three spaces in,
 * its closing delimiter ending a line): a block of its own, so a line of it that begins with `-`
 * or `#` is never read as a list or a heading. `raw` is all the source it takes.
 */
export function matchMathBlock(src: string): { raw: string; math: MathSpan } | null {
  const indent = BLOCK_OPENER.exec(src);
  if (!indent) return null;
  const math = matchMathAt(src.slice(indent[0].length));
  if (!math?.display) return null;
  const rest = /^[ \t]*(?:\n|$)/.exec(src.slice(indent[0].length + math.source.length));
  return rest ? { raw: src.slice(0, indent[0].length + math.source.length + rest[0].length), math } : null;
}

/**
 * Where a later line of `src` may open display math (the index that line starts at), or -1, so a
 * paragraph ends before it. Only after a newline: marked asks from the middle of a line.
 */
export function nextMathBlockStart(src: string): number {
  const m = BLOCK_LINE.exec(src);
  return m ? m.index + 1 : -1;
}
