// Math in an answer that streams in: the HTML is built anew for every chunk, but each formula is
// typeset by KaTeX once, not once per chunk, and what shows is what typesetting afresh shows.
import { cleanup, render } from '@testing-library/react';
import katex from 'katex';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../renderer/src/components/markdown.tsx';
import { loadMath } from '../../renderer/src/lib/load-math.ts';
import { renderMarkdown } from '../../renderer/src/lib/markdown.ts';
import { createTypesetCache, renderMathWithin } from '../../renderer/src/lib/math-render.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Loaded before the first chunk, as it is once an earlier answer held math: every chunk's math is
// then typeset in the commit that shows it.
beforeAll(async () => {
  await loadMath();
});

/**
 * A long answer with `steps` inline formulas, a display one, one repeated and one that does not
 * parse, prices among them. `v` makes its TeX differ from another test's: the renderer keeps
 * what it typeset for the whole page, and every test here is to start with none of it.
 */
function longAnswer(v: string, steps: number): { text: string; distinct: number; placeholders: number } {
  const lines = Array.from({ length: steps }, (_, i) => `Step ${i}: the term $${v}_{${i}} = \\frac{${i}}{n+${i}}$ grows; the ruler costs $5 and the book $10.`);
  lines.push(`$$\\sum_{k=1}^{n} ${v}_k = \\int_0^1 f(x)\\,dx$$`);
  lines.push(`Again $${v}_{0} = \\frac{0}{n+0}$, and a typo stays as written: $\\frac{${v}}{$ here.`);
  // The steps, the sum, the typo; the repeated step is no new formula but one more placeholder.
  return { text: lines.join('\n\n'), distinct: steps + 2, placeholders: steps + 3 };
}

/** What the answer shows after each of `n` chunks of about the same length. */
const prefixes = (text: string, n: number): string[] => Array.from({ length: n }, (_, i) => text.slice(0, Math.ceil((text.length * (i + 1)) / n)));

/** The answer's HTML as typesetting it from scratch makes it, with nothing kept from before. */
function typesetAfresh(markdown: string): string {
  const el = document.createElement('div');
  el.innerHTML = renderMarkdown(markdown);
  renderMathWithin(el, createTypesetCache(0));
  return el.innerHTML;
}

describe('math in an answer that streams in', () => {
  // Typesetting every formula again on every chunk made 354 KaTeX calls here, for 12 formulas.
  it('typesets each formula once over 60 chunks, not once per chunk it shows in', () => {
    const { text, distinct, placeholders } = longAnswer('a', 10);
    const typeset = vi.spyOn(katex, 'render');
    const { container, rerender } = render(<Markdown source="" streaming />);
    for (const prefix of prefixes(text, 60)) rerender(<Markdown source={prefix} streaming />);
    rerender(<Markdown source={text} />);
    expect(container.querySelectorAll('[data-math]')).toHaveLength(placeholders);
    expect(typeset).toHaveBeenCalledTimes(distinct);
  });

  it('shows after every chunk what typesetting that text afresh shows: closed math typeset, open math as text, the typo marked', () => {
    const { text, placeholders } = longAnswer('b', 6);
    const { container, rerender } = render(<Markdown source="" streaming />);
    const shown = () => container.querySelector('.markdown')?.innerHTML;
    for (const prefix of prefixes(text, 40)) {
      rerender(<Markdown source={prefix} streaming />);
      expect(shown()).toBe(typesetAfresh(prefix));
    }
    rerender(<Markdown source={text} />);
    expect(shown()).toBe(typesetAfresh(text));
    expect(container.querySelectorAll('[data-math="rendered"]')).toHaveLength(placeholders - 1);
    const repeated = [...container.querySelectorAll('.katex annotation')].map((a) => a.textContent).filter((tex) => tex === 'b_{0} = \\frac{0}{n+0}');
    expect(repeated).toHaveLength(2);
    const typo = container.querySelector('.math-error');
    expect(typo?.textContent).toBe('$\\frac{b}{$');
    expect(typo?.getAttribute('title')).toMatch(/^Not typeset: KaTeX parse error/);
  });

  it('keeps only as many formulas as it has room for: one pushed out is typeset again, and right', () => {
    const typeset = vi.spyOn(katex, 'render');
    const root = document.createElement('div');
    const show = (cache: ReturnType<typeof createTypesetCache>) => {
      root.innerHTML = renderMarkdown('$c_1$ and $c_2$');
      renderMathWithin(root, cache);
      return [...root.querySelectorAll('annotation')].map((a) => a.textContent);
    };
    const roomForOne = createTypesetCache(1);
    expect([show(roomForOne), show(roomForOne)]).toEqual([
      ['c_1', 'c_2'],
      ['c_1', 'c_2'],
    ]);
    expect(typeset).toHaveBeenCalledTimes(4);
    const roomForTwo = createTypesetCache(2);
    show(roomForTwo);
    show(roomForTwo);
    expect(typeset).toHaveBeenCalledTimes(6);
  });
});
