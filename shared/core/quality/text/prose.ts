// Text helpers shared by the signals: separating prose from code, normalizing the math
// notations models use (LaTeX, markdown bold), content words with a light stemmer.

const FENCE_BLOCK = /^[ \t]{0,3}(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[ \t]*$|(?![\s\S]))/gm;
const INLINE_CODE = /`[^`\n]*`/g;

/** The draft without fenced code blocks and inline code: code is not prose arithmetic. */
export function stripCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~')) return text;
  return text.replace(FENCE_BLOCK, '\n').replace(INLINE_CODE, ' ');
}

const LATEX_SIMPLE: Array<[RegExp, string]> = [
  [/\\times/g, ' × '],
  [/\\cdot/g, ' · '],
  [/\\div/g, ' ÷ '],
  [/\\approx/g, ' ≈ '],
  [/\\neq?\b/g, ' ≠ '],
  [/\\le(q)?\b/g, ' ≤ '],
  [/\\ge(q)?\b/g, ' ≥ '],
  [/\\sqrt/g, '√'],
  [/\\pi\b/g, 'π'],
  [/\\left|\\right/g, ''],
  [/\\[()[\]]/g, ' '],
  [/\\%/g, '%'],
  [/\\\$/g, '$'],
  [/\\[,;! ]/g, ' '],
  [/\\(?:text|mathrm|textbf|mathbf)\{([^{}]*)\}/g, ' $1 '],
];
const LATEX_FRAC = /\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g;

/** Prose ready for the arithmetic scanner: code removed, LaTeX and markdown emphasis normalized. */
export function mathReadyProse(text: string): string {
  let t = stripCode(text);
  if (t.includes('\\')) {
    t = t.replace(LATEX_FRAC, '(($1)/($2))');
    for (const [re, to] of LATEX_SIMPLE) t = t.replace(re, to);
  }
  // Markdown escapes ("17 \\* 4") and bold markers would otherwise hide or fake operators.
  if (t.includes('\\')) t = t.replace(/\\([*_#[\]()<>+\-.!|])/g, '$1');
  if (t.includes('**') || t.includes('__')) t = t.replace(/\*\*|__/g, ' ');
  return t;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being am ' +
    'do does did doing have has had having will would shall should can could may might must this that these those it its ' +
    'i me my we our you your he him his she her they them their what which who whom whose when where why how there here ' +
    'not no nor so than too very just also only own same such both each few more most other some any all many much ' +
    'please tell give show explain describe write list provide make create help need want like know think use using ' +
    'answer question response respond previous above below following one two three first second new get let ' +
    'up down out over under again further once s t don doesn didn isn aren wasn weren won wouldn shouldn couldn can\'t ' +
    'start starting sentence sentences word words letter paragraph rewrite rephrase summarize summary brief briefly short ' +
    'detail detailed example examples way ways thing things something anything everything someone anyone everyone ' +
    // Instructions and formats: a poem asked for does not say "poem".
    'craft compose draft rework revise modify edit incorporate imagine pretend suppose embody embrace role act task now begin ' +
    'take moment critique construct vivid descriptive catchy intriguing persuasive engaging unique creative allusion metaphor ' +
    'simile poem story essay email letter blog post tweet slogan headline paragraph opening reply format style tone outline ' +
    'using use include including ensure keep make sure must should would could also please'
  ).split(/\s+/),
);

/** Tried in order; the first that fits is removed. */
const SUFFIXES = ['ingly', 'edly', 'ing', 'ed', 'ly', 'ment', 'ness', 'ation', 'ion', 'er', 'est', 'ical', 'al', 'ancy', 'ency', 'ance', 'ence', 'ant', 'ent', 'ic', 'ine', 'ity', 'ous', 'ive', 'y'];
/** The suffixes by their last letter, in the same order: stem() runs on every word of a draft. */
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const suffix of SUFFIXES) {
  const last = suffix.at(-1) as string;
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix]);
}

/**
 * Strips common English suffixes so "calculates", "calculated", "calculating" meet, and so do
 * the forms of one family ("pregnant", "pregnancy"; "allergic", "allergy").
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  // Every suffix below leaves at least four letters: shorter words keep their form.
  if (w.length < 5) return w;
  for (const suffix of SUFFIXES_BY_LAST.get(w.at(-1) as string) ?? []) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

const WORD = /[\p{L}][\p{L}\p{N}'-]*/gu;

/** Distinct stemmed content words (no stopwords, no one- and two-letter words). */
export function contentTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase().replace(/'s$/, '');
    if (w.length < 3 || STOPWORDS.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** At least `n` whitespace-separated words (stops counting there). */
export function hasWords(text: string, n: number): boolean {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length && count < n; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count >= n;
}

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** First `max` characters of a phrase for quoting in a reason, on one line. */
export function quote(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
