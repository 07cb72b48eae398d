// Which text of an answer is math: TeX delimiters found, prices, code and escaped dollars left
// alone, and math still streaming in kept as text until its closing delimiter arrives.
import { describe, expect, it } from 'vitest';
import { matchMathAt, matchMathBlock, nextMathBlockStart, nextMathStart } from '../../renderer/src/lib/math-delimiters.ts';
import { renderMarkdown } from '../../renderer/src/lib/markdown.ts';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

/** Each math placeholder of the rendered Markdown: its class and the TeX as written. */
const mathIn = (markdown: string) =>
  [...dom(renderMarkdown(markdown)).querySelectorAll('.math')].map((el) => ({ display: el.classList.contains('math-display'), source: el.textContent, block: el.tagName === 'DIV' }));

describe('math delimiters', () => {
  it('finds each kind of delimiter at the start of the text', () => {
    expect(matchMathAt('$$\\frac{a}{b}$$ rest')).toEqual({ source: '$$\\frac{a}{b}$$', tex: '\\frac{a}{b}', display: true });
    expect(matchMathAt('\\[x^2\\] rest')).toEqual({ source: '\\[x^2\\]', tex: 'x^2', display: true });
    expect(matchMathAt('\\(x_1\\) rest')).toEqual({ source: '\\(x_1\\)', tex: 'x_1', display: false });
    expect(matchMathAt('$e^{i\\pi}$ rest')).toEqual({ source: '$e^{i\\pi}$', tex: 'e^{i\\pi}', display: false });
    expect(matchMathAt('x $y$')).toBeNull();
  });

  it('reads money as money: no math between two prices', () => {
    expect(matchMathAt('$5 and $10')).toBeNull();
    expect(matchMathAt('$5-$10 a month')).toBeNull();
    expect(matchMathAt('$ 5 and 10$')).toBeNull();
    expect(mathIn('It costs $5 and $10, or $20/month vs $30/month.')).toEqual([]);
    expect(dom(renderMarkdown('It costs $5 and $10.')).textContent?.trim()).toBe('It costs $5 and $10.');
  });

  it('keeps an escaped \\$ a dollar sign, outside math and inside it', () => {
    expect(mathIn('Write \\$x\\$ for a literal $x$.')).toEqual([{ display: false, source: '$x$', block: false }]);
    expect(dom(renderMarkdown('\\$5 and \\$6')).textContent?.trim()).toBe('$5 and $6');
    expect(matchMathAt('$a \\$ b$ c')).toEqual({ source: '$a \\$ b$', tex: 'a \\$ b', display: false });
    expect(nextMathStart('costs \\$5 or \\(x\\)')).toBe(13);
  });

  it('never reads math in code spans or code blocks', () => {
    expect(mathIn('Run `echo $HOME $PATH` and `$x$`.')).toEqual([]);
    expect(mathIn('```latex\n$$\\frac{a}{b}$$\n```\n\n    $y$ indented code')).toEqual([]);
    // A `$` outside a code span and one inside it do not pair up: the code wins.
    expect(mathIn('Set $x then run `echo a$` now.')).toEqual([]);
    expect(dom(renderMarkdown('Set $x then run `echo a$` now.')).querySelector('code')?.textContent).toBe('echo a$');
    expect(dom(renderMarkdown('Run `echo $HOME`.')).querySelector('code')?.textContent).toBe('echo $HOME');
  });

  it('leaves an unclosed delimiter as text while the answer streams in, then typesets it once closed', () => {
    expect(matchMathAt('$$\\frac{a}{b')).toBeNull();
    expect(matchMathAt('\\[x + ')).toBeNull();
    expect(mathIn('The ratio is\n\n$$\\frac{a}{b')).toEqual([]);
    expect(dom(renderMarkdown('The ratio is\n\n$$\\frac{a}{b')).textContent).toContain('$$\\frac{a}{b');
    // The second `$` of an open `$$` does not open `$…$` with what streams in next.
    expect(mathIn('$$a + b, where $c$ is')).toEqual([{ display: false, source: '$c$', block: false }]);
    expect(mathIn('The ratio is\n\n$$\\frac{a}{b}$$')).toEqual([{ display: true, source: '$$\\frac{a}{b}$$', block: true }]);
  });

  it('takes display math on its own lines as a block, whatever its lines begin with', () => {
    const source = '$$\n- a\n# b\n$$';
    expect(matchMathBlock(`${source}\nnext`)).toEqual({ raw: `${source}\n`, math: { source, tex: '\n- a\n# b\n', display: true } });
    expect(matchMathBlock('$$a$$ and text')).toBeNull();
    expect(mathIn(`Before:\n${source}\nAfter.`)).toEqual([{ display: true, source, block: true }]);
    expect(dom(renderMarkdown(`Before:\n${source}\nAfter.`)).querySelector('ul, h1')).toBeNull();
    expect(mathIn('Where \\[E = mc^2\\] holds')).toEqual([{ display: true, source: '\\[E = mc^2\\]', block: false }]);
    expect(nextMathBlockStart('text\n  \\[x\\]')).toBe(5);
    expect(nextMathBlockStart('$$x$$ in a line')).toBe(-1);
  });

  it('does not let math run across paragraphs or hold nothing', () => {
    expect(matchMathAt('$$a\n\nb$$')).toBeNull();
    expect(matchMathAt('$$ $$')).toBeNull();
    expect(mathIn('Pay $5\n\nthen x$ more')).toEqual([]);
  });

  it('keeps the placeholder inert text: markup written inside math stays text', () => {
    const el = dom(renderMarkdown('$<img src=x onerror=alert(1)>$'));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.math')?.textContent).toBe('$<img src=x onerror=alert(1)>$');
  });
});
