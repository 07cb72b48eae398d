// Which domain does a query belong to? Built-in `code` and `math` are recognized from cues
// (code fences, stack traces, language names; arithmetic, equations, "solve"); the user's own
// domains from their keywords (whole words, case-insensitive). Every decision says which words
// or patterns matched, so a user can see why a query went to a given tier list.

import { escapeRegExp } from '../escape-regexp.ts';
import { firstOf, firstWords, foldAscii, spellingsOf, type WordAt } from './query-words.ts';

export interface DomainDetection {
  domain: string;
  reasons: string[];
}

export interface DomainKeywords {
  keywords?: string[];
}

export const BUILT_IN_DOMAINS = ['code', 'math', 'general'] as const;

interface CueBase {
  /** What the reason shows: the matched word, or a description for patterns. */
  label: string | null;
  weight: number;
}

interface PatternCue extends CueBase {
  re: RegExp;
  /**
   * Lower-case text every match contains: when the folded query lacks it the regex is not run
   * (compiling and running every cue's regex on every query was most of the routing time).
   */
  literal?: string;
}

/** A whole-word cue: matches when one of its spellings is a word of the query (query-words.ts). */
interface WordCue extends CueBase {
  spellings: string[];
}

type Cue = PatternCue | WordCue;

/**
 * The plain text a word pattern starts with ("hash ?map" -> "hash", "c\\+\\+" -> "c++"): stops at
 * the first regex operator, dropping a character a following quantifier makes optional.
 */
function literalOf(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || /[\w\s]/.test(next)) break;
      out += next;
      i++;
    } else if ('?*{'.includes(c)) {
      return out.slice(0, -1).toLowerCase();
    } else if ('+()[]|^$.'.includes(c)) {
      break;
    } else {
      out += c;
    }
  }
  return out.toLowerCase();
}

/** Whole words (plural allowed), case-insensitive. */
const words = (list: string, weight: number): Cue[] =>
  list.split('|').map((w): Cue => {
    const spellings = spellingsOf(w);
    if (spellings) return { label: null, spellings, weight };
    return { label: null, re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${w})s?(?![\\p{L}\\p{N}_])`, 'iu'), weight, literal: literalOf(w) };
  });

const CODE_CUES: Cue[] = [
  { label: '```', re: /```/, weight: 3 },
  { label: 'a stack trace', re: /Traceback \(most recent call last\)|^\s+at [\w.$<>]+ ?\(.*:\d+(?::\d+)?\)|^\s+at .+\.(?:java|kt|scala):\d+\)|panicked at '/m, weight: 3 },
  { label: null, re: /\b(?:[A-Z][a-z]+)*(?:Error|Exception)\b(?=:|\s|$)/, weight: 2 },
  { label: null, re: /\b(?:segmentation fault|null pointer|undefined is not a function|syntax error|compile error|compilation error|stack overflow|core dumped|exit code \d+)\b/i, weight: 2 },
  { label: 'def', re: /\bdef \w+\s*\(/, weight: 2 },
  { label: 'function', re: /\bfunction\b/i, weight: 1 },
  { label: 'class', re: /\bclass \w+\s*(?:[:({]|extends\b|implements\b)/, weight: 2 },
  { label: 'import', re: /^\s*(?:import\s+[\w{*]|from\s+[\w.]+\s+import\b|#include\s*[<"]|using\s+[\w.]+;|require\(['"])/m, weight: 2 },
  { label: 'code syntax', re: /(?:=>|===|!==|&&|\|\||::|->)\s*\S|;\s*$|\b(?:const|let|var)\s+\w+\s*=|\bconsole\.log\(|\bprint\(|\bSystem\.out\./m, weight: 2 },
  { label: null, re: /\b[\w-]+\.(?:py|js|mjs|cjs|ts|tsx|jsx|java|cpp|cc|hpp|rs|go|rb|php|cs|kt|swift|sql|sh|ya?ml|toml|html|css|scss|vue|ipynb|json)\b/i, weight: 2 },
  ...words('python|javascript|typescript|java|c\\+\\+|c#|rust|golang|kotlin|swift|ruby|php|sql|bash|powershell|html|css|react|node\\.js|nodejs|django|flask|kubernetes|docker|regex|json|yaml|api|git|npm|pip|linux|shell', 1),
  ...words('code|coding|program|programming|script|compile|compiler|debug|debugging|bug|refactor|algorithm|recursion|recursive|array|linked list|hash ?map|database|endpoint|repository|library|framework|variable|method|implement|implementation|unit test|runtime|lambda', 1),
];

const MATH_CUES: Cue[] = [
  { label: 'an arithmetic expression', re: /\d\s*[-+*/×÷^]\s*\(?\d/, weight: 2 },
  { label: 'an equation', re: /\b\d*[a-z]\s*[-+*/^]\s*\d+\s*=|=\s*-?\d*[a-z]\b(?!\w)|\b[a-z]\^\d|\bf\([a-z]\)/, weight: 2 },
  { label: null, re: /[√π∑∫≤≥≠∞]/, weight: 2 },
  { label: null, re: /\d+(?:\.\d+)?%/, weight: 1 },
  { label: 'several numbers', re: /(?:\d+(?:\.\d+)?\D+){2}\d/, weight: 1 },
  ...words('calculate|compute|solve|equation|integral|derivative|differentiate|integrate|probability|theorem|prove|proof|polynomial|quadratic|logarithm|factorial|matrix|matrices|eigenvalues?', 2),
  ...words('percent|percentage|average|mean|median|sum|product|fraction|ratio|remainder|divisible|prime|factor|vector|geometry|triangle|circle|area|perimeter|volume|algebra|arithmetic|how many|how much|total|interest rate|profit', 1),
];

interface Compiled {
  name: string;
  cues: Cue[];
}

const MIN_BUILT_IN = 2;
const cache = new WeakMap<object, Compiled[]>();

/** A user keyword as a whole-word (or whole-phrase) match; works for "c++" and ".net" too. */
function keywordCue(keyword: string): PatternCue {
  const body = escapeRegExp(keyword.trim()).replace(/\s+/g, '\\s+');
  return { label: keyword.trim(), re: new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu'), weight: 1 };
}

function compile(domains: Record<string, DomainKeywords>): Compiled[] {
  const hit = cache.get(domains);
  if (hit) return hit;
  const out: Compiled[] = [];
  for (const [name, d] of Object.entries(domains)) {
    const cues = (d.keywords ?? []).filter((k) => k.trim().length > 0).map(keywordCue);
    if (cues.length > 0) out.push({ name, cues });
  }
  cache.set(domains, out);
  return out;
}

interface Match {
  name: string;
  weight: number;
  labels: string[];
}

/** What the cues see of a query: the text, its folded form, and its words (computed on demand). */
interface QueryView {
  text: string;
  folded: string;
  words(): ReadonlyMap<string, WordAt>;
}

function viewOf(query: string): QueryView {
  let words: Map<string, WordAt> | undefined;
  return { text: query, folded: foldAscii(query), words: () => (words ??= firstWords(query)) };
}

/** The text a cue matches first in the query, or null. */
function firstMatch(cue: Cue, q: QueryView): string | null {
  if ('spellings' in cue) return firstOf(q.words(), cue.spellings)?.text ?? null;
  if (cue.literal && !q.folded.includes(cue.literal)) return null;
  return cue.re.exec(q.text)?.[0] ?? null;
}

function match(name: string, cues: Cue[], q: QueryView): Match {
  const labels: string[] = [];
  let weight = 0;
  for (const cue of cues) {
    const matched = firstMatch(cue, q);
    if (matched === null) continue;
    const label = cue.label ?? matched.trim().replace(/\s+/g, ' ');
    if (labels.some((l) => l.toLowerCase() === label.toLowerCase())) continue;
    labels.push(label);
    weight += cue.weight;
  }
  return { name, weight, labels };
}

const listed = (labels: string[]) => labels.slice(0, 6).map((l) => `'${l}'`).join(', ');

export function detectDomain(query: string, domains: Record<string, DomainKeywords> = {}, override?: string): DomainDetection {
  if (override && override.trim()) return { domain: override.trim(), reasons: [`domain "${override.trim()}" was set by the request`] };

  const custom = compile(domains);
  const extra = (name: string) => custom.find((c) => c.name === name)?.cues ?? [];
  // A user domain named like a built-in adds its keywords to the built-in cues.
  const q = viewOf(query);
  const builtIns = [match('code', [...CODE_CUES, ...extra('code')], q), match('math', [...MATH_CUES, ...extra('math')], q)]
    .filter((m) => m.weight >= MIN_BUILT_IN)
    .sort((a, b) => b.weight - a.weight);
  const users = custom
    .filter((c) => c.name !== 'code' && c.name !== 'math')
    .map((c) => match(c.name, c.cues, q))
    .filter((m) => m.labels.length > 0)
    .sort((a, b) => b.labels.length - a.labels.length);

  const bestBuiltIn = builtIns[0];
  const bestUser = users[0];
  // The user's own keywords are more specific than generic cues: they win unless the built-in
  // domain matched strictly more distinct words or patterns.
  if (bestUser && (!bestBuiltIn || bestUser.labels.length >= bestBuiltIn.labels.length)) {
    const reasons = [`matched ${listed(bestUser.labels)}`];
    if (bestBuiltIn) reasons.push(`preferred the "${bestUser.name}" keywords over built-in "${bestBuiltIn.name}" (${listed(bestBuiltIn.labels)})`);
    return { domain: bestUser.name, reasons };
  }
  if (bestBuiltIn) {
    const reasons = [`matched ${listed(bestBuiltIn.labels)}`];
    const runnerUp = builtIns[1] ?? bestUser;
    if (runnerUp) reasons.push(`also looked like "${runnerUp.name}" (${listed(runnerUp.labels)})`);
    return { domain: bestBuiltIn.name, reasons };
  }
  return { domain: 'general', reasons: ['no code, math or custom-domain cues matched'] };
}
