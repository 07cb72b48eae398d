// KaTeX, loaded on demand (load-math.ts) with its stylesheet and fonts, so the app's first load
// does not carry it and an answer without math never downloads it.
//
// It typesets the placeholders markdown-math.ts left in sanitized HTML, from their text: what
// KaTeX builds is its own markup from a string, never the model's HTML, and with `trust: false`
// it refuses \href, \url, \includegraphics, \htmlClass and the like (they render as errors), so
// sanitizing before typesetting lets nothing through that sanitizing after would have caught.
// It builds DOM nodes and sets their styles through the CSSOM, which the page's CSP
// (style-src 'self') allows, where a style="" attribute in HTML would be refused.
import katex, { type KatexOptions } from 'katex';
import 'katex/dist/katex.min.css';
// Copying a selection with typeset math copies its TeX ($…$), from KaTeX's MathML annotation.
import 'katex/contrib/copy-tex';
import { MATH_SELECTOR } from './markdown-math.ts';
import { matchMathAt } from './math-delimiters.ts';

const OPTIONS = {
  // Errors are caught below: KaTeX's own error node sets a style="" attribute, which the CSP refuses.
  throwOnError: true,
  trust: false,
  // What an untrusted command (\href, \htmlClass…) is typeset in: the app's warning colour.
  errorColor: 'var(--warn)',
  strict: 'ignore',
  output: 'htmlAndMathml',
  // A \rule or \kern of a thousand em, or a macro that expands without end, must not stall the chat.
  maxSize: 20,
  maxExpand: 1000,
} satisfies KatexOptions;

/** What a placeholder became: `data-math` on it. */
export type MathState = 'rendered' | 'error' | 'text';

/** Typesets every math placeholder under `root` not typeset yet; one that does not parse keeps its TeX. */
export function renderMathWithin(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>(MATH_SELECTOR)) {
    if (el.dataset.math) continue;
    el.dataset.math = renderOne(el);
  }
}

function renderOne(el: HTMLElement): MathState {
  const source = el.textContent ?? '';
  const math = matchMathAt(source);
  // A class="math" the model wrote in its own HTML, around something that is not math as written.
  if (!math || math.source !== source) return 'text';
  try {
    katex.render(math.tex, el, { ...OPTIONS, displayMode: math.display });
    return 'rendered';
  } catch (error) {
    el.textContent = source;
    el.classList.add('math-error');
    el.title = `Not typeset: ${error instanceof Error ? error.message : String(error)}`;
    return 'error';
  }
}
