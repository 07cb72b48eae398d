import { describe, expect, it } from 'vitest';
import { searchSnippet } from '../../shared/core/search-snippet.ts';

/** The snippet with the match in brackets, to read the cut and the offsets at a glance. */
function marked(content: string, search: string, max?: number): string | null {
  const s = searchSnippet(content, search, max);
  if (!s) return null;
  return `${s.text.slice(0, s.matchStart)}[${s.text.slice(s.matchStart, s.matchStart + s.matchLength)}]${s.text.slice(s.matchStart + s.matchLength)}`;
}

const LONG =
  'Rust gives you two ways to read a file line by line. The first opens the file and wraps it in a BufReader; ' +
  'you can borrow the reader for the loop, so no copy is made. The second reads the whole file into a String, which is fine for small files only.';

describe('search snippet', () => {
  it('cuts a long message at words around the match, with more after it than before', () => {
    expect(marked(LONG, 'borrow', 60)).toBe('…you can [borrow] the reader for the loop, so no copy…');
  });

  it('finds the match whatever its case and marks the text as written', () => {
    expect(marked(LONG, 'BORROW THE', 60)).toBe('…you can [borrow the] reader for the loop, so no copy…');
  });

  it('puts a message of several lines on one line, and a whitespace run in the search matches one space', () => {
    const s = searchSnippet('First line.\n\n```rust\nlet reader = BufReader::new(file);\n```\nDone.', 'reader  =');
    expect(s?.text).toBe('First line. ```rust let reader = BufReader::new(file); ``` Done.');
    expect(s?.text.slice(s.matchStart, s.matchStart + s.matchLength)).toBe('reader =');
  });

  it('keeps a short message whole, without ellipses', () => {
    expect(marked('Use a borrow here.', 'borrow')).toBe('Use a [borrow] here.');
  });

  it('uses the whole room at the start and the end of a message', () => {
    expect(marked(LONG, 'Rust gives', 40)).toBe('[Rust gives] you two ways to read a file…');
    expect(marked(LONG, 'small files only', 40)).toBe('…which is fine for [small files only].');
  });

  it('treats the search as text, not a pattern', () => {
    expect(marked('Is (a+b)*c the same as a*c+b*c?', '(a+b)*c')).toBe('Is [(a+b)*c] the same as a*c+b*c?');
    expect(searchSnippet('abc', 'a.c')).toBeNull();
  });

  it('never cuts an emoji in half', () => {
    // No space to cut at: the cuts fall wherever the room ends, on either half of a pair.
    const text = `${'😀'.repeat(40)}borrow${'😀'.repeat(40)}`;
    for (let max = 30; max < 40; max++) {
      const s = searchSnippet(text, 'borrow', max);
      // A lone surrogate would not match (?:😀) and shows as a replacement character.
      expect(s?.text).toMatch(/^…(?:😀)+borrow(?:😀)+…$/u);
      expect(s?.text.slice(s.matchStart, s.matchStart + s.matchLength)).toBe('borrow');
    }
  });

  it('returns null without a match or a search', () => {
    expect(searchSnippet(LONG, 'lifetime')).toBeNull();
    expect(searchSnippet(LONG, '   ')).toBeNull();
  });
});
