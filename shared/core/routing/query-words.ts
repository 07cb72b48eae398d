// The words of a query, for the built-in whole-word cues of detect-domain.ts. A cue like
// /(?<![\p{L}\p{N}_])(?:sum)s?(?![\p{L}\p{N}_])/iu can only match a whole run of letters, digits
// and underscores, so "does it match" is "is one of its spellings a word of the query". Looking
// words up replaces ~100 such regexes per query, whose Unicode classes were slow to compile and
// to run; the answers (which cue matched, and the text it matched first) are the same.

/** A maximal run of the characters the cues' boundaries exclude, matched the same way (iu). */
const WORD = /[\p{L}\p{N}_]+/giu;

/**
 * Lower case as the cues' case-insensitive matching sees ASCII letters: besides A-Z, only the
 * Kelvin sign (which toLowerCase turns into "k") and the long s fold to an ASCII letter.
 */
export function foldAscii(text: string): string {
  return text.toLowerCase().replace(/\u017f/g, 's');
}

export interface WordAt {
  index: number;
  text: string;
}

/** Each distinct word (folded) with its first occurrence, as written. */
export function firstWords(query: string): Map<string, WordAt> {
  const words = new Map<string, WordAt>();
  for (const m of query.matchAll(WORD)) {
    const key = foldAscii(m[0]);
    if (!words.has(key)) words.set(key, { index: m.index, text: m[0] });
  }
  return words;
}

/**
 * The spellings a whole-word cue matches: "sum" -> sum, sums; "eigenvalues?" -> eigenvalue,
 * eigenvalues, eigenvaluess (the cue adds an optional plural "s"). Null for a pattern that is
 * not plain lower-case ASCII letters (with an optional trailing "s?"): it stays a regex.
 */
export function spellingsOf(pattern: string): string[] | null {
  const plain = /^([a-z]+?)(s\?)?$/.exec(pattern);
  if (!plain?.[1]) return null;
  const stem = plain[1];
  return plain[2] ? [stem, `${stem}s`, `${stem}ss`] : [stem, `${stem}s`];
}

/** The earliest of a cue's spellings among the query's words. */
export function firstOf(words: ReadonlyMap<string, WordAt>, spellings: readonly string[]): WordAt | undefined {
  let first: WordAt | undefined;
  for (const s of spellings) {
    const w = words.get(s);
    if (w && (first === undefined || w.index < first.index)) first = w;
  }
  return first;
}
