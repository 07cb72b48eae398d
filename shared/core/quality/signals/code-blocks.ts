// Fenced code in the draft must be complete: fences closed, JSON blocks parseable, and
// JS/TS, Python and C-family blocks with balanced brackets and closed strings and comments.
// A "corrected version" that is the user's own code unchanged fixes nothing: the draft claims
// a bug it did not find.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { checkBalance, dialectOf, type CodeDialect } from '../text/code-syntax.ts';
import { fencedBlocks, type Block } from '../text/fenced-blocks.ts';
import { parseJson } from '../text/json-schema.ts';
import { counted } from '../../words.ts';

/** Illustrative JSON ("{ ... }", "// more fields") is an example, not data. */
function illustrative(body: string): boolean {
  return /\.\.\.|…|\/\/|\/\*/.test(body);
}

/**
 * Code compared as tokens: comments, docstrings, indentation, spacing and blank lines do not
 * make a fix. Comments are cut only where the language is known (Python's "//" divides). A "#"
 * or "//" inside a string literal is cut too, which is safe: both sides are cut the same way.
 */
function normalizedCode(code: string, dialect: CodeDialect | null): string {
  let text = code;
  if (dialect === 'python') text = text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '').replace(/(^|\s)#[^\n]*/g, '$1');
  else if (dialect !== null) text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/[^\n]*/g, '$1');
  return text.replace(/\s+/g, '');
}

/** Says it changed the code: "Here's the corrected version", "fixed code", "updated function". */
const CLAIMS_FIX = /\b(?:corrected|fixed|updated|revised|modified|repaired|amended)\s+(?:version|code|function|implementation|program|script|snippet)\b|\bhere(?:'s| is) the fix\b/i;

/** A block of the draft, presented as a fix, that is one of the user's blocks unchanged. */
function unchangedFix(draft: DraftToCheck, blocks: Block[]): Block | undefined {
  if (!CLAIMS_FIX.test(draft.answer)) return undefined;
  const lastUser = [...draft.messages].reverse().find((m) => m.role === 'user')?.content ?? draft.query;
  const given = fencedBlocks(lastUser).filter((b) => b.closed && b.body.trim());
  if (given.length === 0) return undefined;
  return blocks.find((b) => {
    if (!b.closed) return false;
    return given.some((g) => {
      // The user's block often has no language tag; the fix's tag then says what both are.
      const dialect = dialectOf(b.lang || g.lang);
      return normalizedCode(b.body, dialect) === normalizedCode(g.body, dialect);
    });
  });
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
  const noOp = unchangedFix(draft, blocks);
  if (noOp) {
    score = Math.min(score, 0.2);
    reasons.push(`the "corrected" code at line ${noOp.line} is the code from the question, unchanged`);
  }
  if (reasons.length > 0) return { name, applicable: true, score, reason: reasons.join('; ') };
  return { name, applicable: true, score: 1, reason: `${counted(blocks.length, 'code block')} well-formed` };
}
