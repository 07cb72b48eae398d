// Fenced code in the draft must be complete: fences closed, JSON blocks parseable, and
// JS/TS, Python and C-family blocks with balanced brackets and closed strings and comments.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { checkBalance, dialectOf } from '../text/code-syntax.ts';
import { parseJson } from '../text/json-schema.ts';

interface Block {
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

/** Illustrative JSON ("{ ... }", "// more fields") is an example, not data. */
function illustrative(body: string): boolean {
  return /\.\.\.|…|\/\/|\/\*/.test(body);
}

export function codeBlocksSignal(draft: DraftToCheck): SignalResult {
  const name = 'code_blocks' as const;
  if (!draft.answer.includes('```') && !draft.answer.includes('~~~')) return { name, applicable: false, score: 1, reason: 'no code blocks' };
  const blocks = fencedBlocks(draft.answer);
  if (blocks.length === 0) return { name, applicable: false, score: 1, reason: 'no code blocks' };
  let score = 1;
  const reasons: string[] = [];
  for (const b of blocks) {
    const label = b.lang ? `the ${b.lang} block` : 'a code block';
    if (b.lang === 'json' && b.closed && !illustrative(b.body) && b.body.trim()) {
      const parsed = parseJson(b.body);
      if (!parsed.ok) return { name, applicable: true, score: 0, hardFail: true, reason: `${label} at line ${b.line} is not valid JSON (${parsed.error})` };
    }
    if (!b.closed) {
      score = Math.min(score, 0.3);
      reasons.push(`${label} opened at line ${b.line} is never closed`);
      continue;
    }
    const dialect = dialectOf(b.lang);
    if (!dialect) continue;
    const r = checkBalance(b.body, dialect);
    if (!r.ok) {
      score = Math.min(score, 0.3);
      reasons.push(`${label} at line ${b.line} looks broken: ${r.problem} (line ${r.line} of the block)`);
    }
  }
  if (reasons.length > 0) return { name, applicable: true, score, reason: reasons.join('; ') };
  return { name, applicable: true, score: 1, reason: `${blocks.length} code block${blocks.length === 1 ? '' : 's'} well-formed` };
}
