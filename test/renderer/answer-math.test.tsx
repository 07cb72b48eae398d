// Math in an answer, typeset by KaTeX (loaded on demand): the TeX stays available to copy, TeX
// that does not parse shows as written, and nothing KaTeX builds can link or run anything.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/components/markdown.tsx';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { outcome } from './fixtures.ts';

afterEach(cleanup);

const typeset = async (container: HTMLElement, count: number) => {
  await waitFor(() => expect(container.querySelectorAll('[data-math]')).toHaveLength(count));
};

describe('math in an answer', () => {
  it('typesets $$\\frac{a}{b}$$ with KaTeX, keeping its TeX in the MathML annotation', async () => {
    render(<AssistantAnswer text={'The ratio:\n\n$$\\frac{a}{b}$$'} outcome={outcome()} actions={{}} />);
    const answer = screen.getByTestId('assistant-message');
    await typeset(answer, 1);
    const math = answer.querySelector('div.math');
    expect(math?.getAttribute('data-math')).toBe('rendered');
    expect(math?.querySelector('.katex-display .katex')).not.toBeNull();
    expect(math?.querySelector('annotation[encoding="application/x-tex"]')?.textContent).toBe('\\frac{a}{b}');
  });

  it('typesets inline math but leaves prices and code as written', async () => {
    const { container } = render(<Markdown source={'Area $\\pi r^2$ costs $5 and $10; run `echo $x$`.'} />);
    await typeset(container, 1);
    expect(container.querySelectorAll('.katex')).toHaveLength(1);
    expect(container.querySelector('.katex annotation')?.textContent).toBe('\\pi r^2');
    expect(container.textContent).toContain('costs $5 and $10; run echo $x$.');
  });

  it('shows TeX that does not parse as written, marked as an error, and the rest of the answer still typeset', async () => {
    const { container } = render(<Markdown source={'Bad: $\\frac{a}{$ and good: $x^2$'} />);
    await typeset(container, 2);
    const bad = container.querySelector('.math-error');
    expect(bad?.textContent).toBe('$\\frac{a}{$');
    expect(bad?.getAttribute('title')).toMatch(/^Not typeset: KaTeX parse error/);
    expect(container.querySelectorAll('.katex')).toHaveLength(1);
    expect(container.querySelector('p')?.textContent).toMatch(/^Bad: \$\\frac\{a\}\{\$ and good: /);
  });

  it('lets no link, class or markup through KaTeX: untrusted commands stay errors', async () => {
    const { container } = render(<Markdown source={'$\\href{javascript:alert(1)}{x}$ $\\htmlClass{nav}{y}$ $\\url{https://evil.example}$'} />);
    await typeset(container, 3);
    expect(container.querySelector('a, [href], .nav, script')).toBeNull();
    const attributes = [...container.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
    expect(attributes.join(' ')).not.toMatch(/javascript:|evil\.example/);
    // Typeset as the command's name in the error colour; the TeX itself is only text, to copy.
    expect([...container.querySelectorAll('.katex-html')].map((el) => el.textContent)).toEqual(['\\href', '\\htmlClass', '\\url']);
    expect(container.querySelector('annotation')?.textContent).toBe('\\href{javascript:alert(1)}{x}');
  });

  it('typesets math that has closed while the answer streams, and keeps a half-open $$ as text', async () => {
    const { container, rerender } = render(<Markdown source={'So $x$ and $$\\frac{a}{'} streaming />);
    await typeset(container, 1);
    expect(container.querySelector('.math-error')).toBeNull();
    expect(container.textContent).toContain('$$\\frac{a}{');
    rerender(<Markdown source={'So $x$ and $$\\frac{a}{b}$$'} streaming />);
    await typeset(container, 2);
    expect(container.querySelectorAll('.katex')).toHaveLength(2);
    expect(container.textContent).not.toContain('$$');
  });
});
