// The Copy button on an answer's code blocks: the app's own button, copying the block's code.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../renderer/src/components/markdown.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('copying a code block', () => {
  it('copies exactly the code of the block whose button was pressed, and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<Markdown source={'First:\n\n```python\nprint(1)\n```\n\nSecond:\n\n```js\nconst a = 2;\n```'} />);
    const buttons = screen.getAllByRole('button', { name: 'Copy the code' });
    expect(buttons).toHaveLength(2);
    await act(async () => {
      fireEvent.click(buttons[1] as HTMLElement);
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith('const a = 2;\n');
    expect(buttons[1]?.textContent).toBe('Copied');
  });

  it('adds no button while the answer streams, and an answer cannot bring its own', () => {
    const { rerender } = render(<Markdown source={'```\nx = 1\n```'} streaming />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<Markdown source={'<button class="code-copy">Copy</button>\n\nno code here'} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
