// The fenced code blocks of a Markdown text (``` or ~~~, at most three spaces in, a longer
// fence closing a shorter one's content), with their language tag and whether they were closed.

export interface Block {
  lang: string;
  body: string;
  closed: boolean;
  line: number;
}

const FENCE_LINE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n`]*$/;

export function fencedBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  let open: { fence: string; lang: string; start: number; body: string[] } | null = null;
  lines.forEach((line, i) => {
    const m = FENCE_LINE.exec(line);
    if (!open) {
      if (m?.[1]) open = { fence: m[1], lang: (m[2] ?? '').toLowerCase(), start: i + 1, body: [] };
      return;
    }
    const fence = open.fence;
    if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && !m[2]) {
      out.push({ lang: open.lang, body: open.body.join('\n'), closed: true, line: open.start });
      open = null;
    } else open.body.push(line);
  });
  const last = open as { fence: string; lang: string; start: number; body: string[] } | null;
  if (last) out.push({ lang: last.lang, body: last.body.join('\n'), closed: false, line: last.start });
  return out;
}
