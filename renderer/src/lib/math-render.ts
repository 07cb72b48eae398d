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
import { matchMathAt, type MathSpan } from './math-delimiters.ts';
import { RecentCache } from './recent-cache.ts';

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

/** What KaTeX made of one formula: the element holding its nodes, or why the TeX does not parse. */
type Typeset = { nodes: HTMLElement } | { error: string };

/**
 * Typeset formulas by TeX and display mode. A streamed answer's HTML is built anew for every
 * chunk, placeholders and all, so without this every formula in it would be typeset again on
 * every chunk: chunks × formulas KaTeX calls for a long answer. What KaTeX makes depends only on
 * the TeX and the display mode, so each formula is typeset once and its nodes copied after.
 * A copy keeps the styles KaTeX set through the CSSOM: cloning copies an element's style
 * declarations without parsing a style="" attribute, which the CSP would refuse
 * (test/e2e/chat-math.test.ts checks it in Chromium).
 */
export type TypesetCache = RecentCache<string, Typeset>;

/** `limit` formulas at most: the least recently shown one goes first. 0 keeps nothing (every formula typeset each time). */
export const createTypesetCache = (limit: number): TypesetCache => new RecentCache<string, Typeset>(limit);

// Several long answers' worth of formulas, kept as DOM nodes for as long as the page lives.
const typesetCache = createTypesetCache(500);

/** Typesets every math placeholder under `root` not typeset yet; one that does not parse keeps its TeX. */
export function renderMathWithin(root: HTMLElement, cache: TypesetCache = typesetCache): void {
  for (const el of root.querySelectorAll<HTMLElement>(MATH_SELECTOR)) {
    if (el.dataset.math) continue;
    el.dataset.math = renderOne(el, cache);
  }
}

function renderOne(el: HTMLElement, cache: TypesetCache): MathState {
  const source = el.textContent ?? '';
  const math = matchMathAt(source);
  // A class="math" the model wrote in its own HTML, around something that is not math as written.
  if (!math || math.source !== source) return 'text';
  // The first word tells the modes apart; the TeX after it is the whole rest.
  const key = `${math.display ? 'display' : 'inline'} ${math.tex}`;
  let typeset = cache.get(key);
  if (typeset === undefined) {
    typeset = typesetOnce(math, el.ownerDocument);
    cache.set(key, typeset);
  }
  if ('nodes' in typeset) {
    el.replaceChildren(...Array.from(typeset.nodes.childNodes, (node) => node.cloneNode(true)));
    return 'rendered';
  }
  el.textContent = source;
  el.classList.add('math-error');
  el.title = `Not typeset: ${typeset.error}`;
  return 'error';
}

function typesetOnce({ tex, display }: MathSpan, doc: Document): Typeset {
  const nodes = doc.createElement('span');
  try {
    katex.render(tex, nodes, { ...OPTIONS, displayMode: display });
    return { nodes };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
