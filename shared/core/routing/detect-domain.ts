// Which domain does a query belong to? Built-in `code` and `math` are recognized from cues
// (code fences, stack traces, language names; arithmetic, equations, "solve"); the user's own
// domains from their keywords (whole words, case-insensitive). Every decision says which words
// or patterns matched, so a user can see why a query went to a given tier list.

export interface DomainDetection {
  domain: string;
  reasons: string[];
}

export interface DomainKeywords {
  keywords?: string[];
}

export const BUILT_IN_DOMAINS = ['code', 'math', 'general'] as const;

interface Cue {
  /** What the reason shows: the matched word, or a description for patterns. */
  label: string | null;
  re: RegExp;
  weight: number;
}

/** Whole words (plural allowed), case-insensitive. */
const words = (list: string, weight: number): Cue[] =>
  list.split('|').map((w) => ({ label: null, re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${w})s?(?![\\p{L}\\p{N}_])`, 'iu'), weight }));

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

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A user keyword as a whole-word (or whole-phrase) match; works for "c++" and ".net" too. */
function keywordCue(keyword: string): Cue {
  const body = escapeRegex(keyword.trim()).replace(/\s+/g, '\\s+');
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

function match(name: string, cues: Cue[], query: string): Match {
  const labels: string[] = [];
  let weight = 0;
  for (const cue of cues) {
    const m = cue.re.exec(query);
    if (!m) continue;
    const label = cue.label ?? m[0].trim().replace(/\s+/g, ' ');
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
  const builtIns = [match('code', [...CODE_CUES, ...extra('code')], query), match('math', [...MATH_CUES, ...extra('math')], query)]
    .filter((m) => m.weight >= MIN_BUILT_IN)
    .sort((a, b) => b.weight - a.weight);
  const users = custom
    .filter((c) => c.name !== 'code' && c.name !== 'math')
    .map((c) => match(c.name, c.cues, query))
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
