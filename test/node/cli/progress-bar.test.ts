// The progress line redrawn in place on a terminal: it must fit the terminal's width, or each
// redraw leaves the wrapped part of the last one behind.
import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../electron/node/cli/progress-bar.ts';

function drawn(columns: number | undefined, note: string): string[] {
  const out: string[] = [];
  let t = 0;
  const bar = createProgressBar({ total: 9, label: 'recording', write: (text) => out.push(text), isTTY: true, now: () => (t += 1000), ...(columns ? { columns } : {}) });
  bar.update({ done: 3, failed: 0, note });
  bar.finish({ done: 9, failed: 0, note });
  return out.map((text) => text.replace('\r\x1b[2K', '').replace(/\n$/, ''));
}

describe('progress line on a narrow terminal', () => {
  it('fits a 60-column terminal by narrowing the bar, keeping every figure', () => {
    const lines = drawn(60, '$0.000473 spent');
    for (const line of lines) expect(line.length).toBeLessThan(60);
    expect(lines[0]).toMatch(/^recording \[#+\.+\] 3\/9 · \$0\.000473 spent · 0:\d\d left$/);
    expect(lines[1]).toMatch(/^recording \[#+\] 9\/9 · \$0\.000473 spent$/);
  });

  it('cuts what still does not fit, marked with an ellipsis', () => {
    const [line] = drawn(40, '$0.000473 + llama3.2:3b (price unknown) spent');
    expect(line).toHaveLength(39);
    expect(line?.endsWith('…')).toBe(true);
  });

  it('leaves a line that fits, or an unknown width, as it was', () => {
    expect(drawn(120, '$1 spent')[0]).toMatch(/^recording \[#{8}\.{16}\] 3\/9/);
    expect(drawn(undefined, '$1 spent')[0]).toMatch(/^recording \[#{8}\.{16}\] 3\/9/);
  });
});

describe('progress line cleared', () => {
  const bar = (isTTY: boolean, out: string[]) => createProgressBar({ total: 2, label: 'replaying', write: (text) => out.push(text), isTTY, now: () => 0 });

  it('is wiped on a terminal, leaving the cursor at the start of an empty line', () => {
    const out: string[] = [];
    const b = bar(true, out);
    b.update({ done: 1, failed: 0 });
    b.clear();
    expect(out).toEqual(['\r\x1b[2Kreplaying [############............] 1/2 · 0:00 left', '\r\x1b[2K']);
  });

  it('keeps the lines written into a file or pipe, adding nothing', () => {
    const out: string[] = [];
    const b = bar(false, out);
    b.update({ done: 1, failed: 0 });
    b.clear();
    expect(out).toEqual(['replaying [############............] 1/2 · 0:00 left\n']);
  });
});
