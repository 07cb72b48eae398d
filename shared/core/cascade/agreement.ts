// Do two answers agree? Used by audit sampling to measure how often an accepted draft
// differs from what the top tier would have said. Numbers and choices must match exactly;
// free text is compared by normalized word overlap.

export interface Agreement {
  agrees: boolean;
  /** 1 for an exact match of the extracted answer; word-overlap similarity otherwise. */
  similarity: number;
  basis: 'number' | 'choice' | 'text';
}

const FINAL_MARKERS = [/####\s*\$?(-?[\d,]*\.?\d+)/, /answer\s*(?:is|:)\s*\**\$?(-?[\d,]*\.?\d+)/i, /\\boxed\{\s*\$?(-?[\d,]*\.?\d+)\s*\}/];

export function extractFinalNumber(text: string): number | null {
  for (const re of FINAL_MARKERS) {
    const m = re.exec(text);
    if (m?.[1]) return parseNumber(m[1]);
  }
  const all = text.match(/-?\d[\d,]*\.?\d*/g);
  const last = all?.[all.length - 1];
  return last ? parseNumber(last) : null;
}

export function extractChoice(text: string): string | null {
  const m = /\b(?:answer|option|choice)\s*(?:is|:)?\s*\(?([A-E])\)?\b/i.exec(text) ?? /^\s*\(?([A-E])\)?[.):]?\s*$/m.exec(text);
  return m?.[1] ? m[1].toUpperCase() : null;
}

function parseNumber(s: string): number | null {
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 2));
}

export function textSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 && wb.size === 0) return 1;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

export function compareAnswers(draft: string, reference: string, expects: 'number' | 'choice' | 'text' = 'text'): Agreement {
  if (expects === 'choice') {
    const a = extractChoice(draft);
    const b = extractChoice(reference);
    if (a !== null && b !== null) return { agrees: a === b, similarity: a === b ? 1 : 0, basis: 'choice' };
  }
  if (expects === 'number' || expects === 'choice') {
    const a = extractFinalNumber(draft);
    const b = extractFinalNumber(reference);
    if (a !== null && b !== null) {
      const same = Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      return { agrees: same, similarity: same ? 1 : 0, basis: 'number' };
    }
  }
  const similarity = textSimilarity(draft, reference);
  return { agrees: similarity >= 0.5, similarity, basis: 'text' };
}
