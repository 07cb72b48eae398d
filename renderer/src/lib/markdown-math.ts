// Math in Markdown: marked extensions that turn the math math-delimiters.ts finds into
// placeholders holding the TeX as written (`<span class="math math-inline">$x^2$</span>`, a
// `<div class="math math-display">` for a block). They pass the sanitizer as plain text; KaTeX,
// loaded only when a placeholder is on screen, typesets them afterwards (math-render.ts).
import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import { matchMathAt, matchMathBlock, nextMathBlockStart, nextMathStart, type MathSpan } from './math-delimiters.ts';

export const MATH_CLASSES = ['math', 'math-inline', 'math-display'] as const;
/** Every placeholder KaTeX has to render. */
export const MATH_SELECTOR = '.math';

interface MathToken extends Tokens.Generic {
  math: MathSpan;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const placeholder = (tag: 'span' | 'div', { source, display }: MathSpan): string =>
  `<${tag} class="math ${display ? 'math-display' : 'math-inline'}">${escapeHtml(source)}</${tag}>`;

const mathOf = (token: Tokens.Generic): MathSpan => (token as MathToken).math;

const mathBlock: TokenizerAndRendererExtension = {
  name: 'mathBlock',
  level: 'block',
  start: (src) => {
    const at = nextMathBlockStart(src);
    return at < 0 ? undefined : at;
  },
  tokenizer: (src) => {
    const block = matchMathBlock(src);
    return block ? ({ type: 'mathBlock', raw: block.raw, math: block.math } satisfies MathToken) : undefined;
  },
  renderer: (token) => `${placeholder('div', mathOf(token))}\n`,
};

const mathInline: TokenizerAndRendererExtension = {
  name: 'mathInline',
  level: 'inline',
  start: (src) => {
    const at = nextMathStart(src);
    return at < 0 ? undefined : at;
  },
  tokenizer: (src) => {
    const math = matchMathAt(src);
    if (math) return { type: 'mathInline', raw: math.source, math } satisfies MathToken;
    // A `$$` still waiting for its closing pair (mid-stream) is text, both dollars: its second
    // one must not open `$…$` math with whatever streams in next.
    if (src.startsWith('$$')) return { type: 'text', raw: '$$', text: '$$' };
    return undefined;
  },
  renderer: (token) => placeholder('span', mathOf(token)),
};

export const mathExtensions = { extensions: [mathBlock, mathInline] };
