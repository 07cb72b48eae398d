// Keeps an exported conversation's outline its own: the export's `#` title and `##` per message
// stay the only headings at those levels, whatever the questions and answers hold.
import type { Token } from 'marked';
import { lexMarkdown } from '../../lib/markdown.ts';

/**
 * `markdown` with each of its headings `by` levels lower (at most h6), as ATX headings; code
 * blocks, math, quotes, lists, tables and HTML exactly as written. The chat renderer's own lexer
 * decides what is a heading, so a `# comment` in a code block or a `$$` block is never one.
 */
export function demoteHeadings(markdown: string, by: number): string {
  return lexMarkdown(markdown)
    .map((t: Token) => {
      if (t.type !== 'heading') return t.raw;
      const depth = Math.min(6, (t as Token & { depth: number }).depth + by);
      // A setext heading's text may span lines; an ATX heading's is one.
      const text = t.text?.replace(/\s*\n\s*/g, ' ').trim() ?? '';
      const newlines = /\n*$/.exec(t.raw)?.[0] ?? '';
      return `${'#'.repeat(depth)}${text ? ` ${text}` : ''}${newlines}`;
    })
    .join('');
}

/**
 * Plain text as a fenced block, so none of it is read as Markdown: the fence is longer than any
 * run of backticks in the text, which therefore cannot close it.
 */
export function fencedText(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
