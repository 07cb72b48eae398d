// When the question asks for a number or a choice, the draft must commit to one, and the
// number must be plausible:
// - it follows from the draft's own working (an explicit "#### 30" that appears nowhere in the
//   working came from nowhere);
// - a count of things is a whole number (you cannot have 83.33 pieces);
// - the working uses the quantities the question gives (an ignored "15-minute encore" is a
//   skipped step);
// - the draft does not argue with its own result ("since you can't have half a bolt",
//   "which is not possible"): that means a step before it went wrong;
// - a true/false or yes/no verdict is the same at the end as at the start;
// - from whole-number givens, a result that is a rounded repeating decimal (666.67) or only
//   "approximately" right is a weaker hint of a mis-step;
// - a step of the working is not silently rounded: "43 / 5.5 = 8" is right only up to a
//   rounding the draft never mentions, and every step after it inherits the error.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { findCalculations } from '../text/calculations.ts';
import { formatNumber, numbersAt, numbersIn, wordNumbersIn } from '../text/numbers.ts';
import { quote, stripCode } from '../text/prose.ts';
import { analyzeQuestion, asksArithmetic } from '../text/question.ts';
import { concludingNumber, explicitFinal, lastLines, pickedChoice } from '../text/stated-answer.ts';
import { asksVerdict, contradictoryVerdicts } from '../text/verdicts.ts';

/** The draft notices that its own result cannot be right, then patches or shrugs. */
const DOUBTS_RESULT: RegExp[] = [
  /\b(?:can(?:not|'t|’t)|cannot|could not|couldn't) (?:have|buy|sell|make|use|get|build|plant|bake|hire|order|take|remove|give) (?:a |an )?(?:half|fraction(?:al)?|part(?:ial)?|portion|decimal|negative|non-whole|\d+\.\d+)\b[^.\n]{0,40}/i,
  /\bround(?:ed|ing)?\b[^.\n]{0,30}\bto the (?:nearest|closest) (?:whole|integer)\b[^.\n]{0,20}/i,
  /\b(?:is not|isn't|isn’t|not) an? (?:whole number|integer)\b[^.\n]{0,30}/i,
  /\b(?:which|this|that) is (?:still )?not possible\b[^.\n]{0,30}/i,
  /\bit(?:'s| is) not possible to (?:have|buy|sell|make|get|give)\b[^.\n]{0,30}/i,
  /\b(?:a |an )?negative (?:number|amount|value|quantity) (?:of|means|is)\b[^.\n]{0,30}/i,
  /\b(?:a )?(?:mistake|error|typo|inconsistency|contradiction) in the (?:question|problem|information)\b[^.\n]{0,20}/i,
  /\bthe (?:question|problem) (?:is|seems|appears) (?:to be )?(?:flawed|inconsistent|contradictory|wrong)\b/i,
  /\b(?:this|the) answer is (?:inexact|not exact)\b/i,
];


/** Words by which a draft (or the question) owns up to rounding. */
const ROUNDING_SAID = /\b(?:round(?:ed|ing|s)?|whole|full|complete|nearest|approximate(?:ly)?|approx|about|roughly|around|almost|nearly|estimate[ds]?|at least|at most|partial|fraction(?:al)?|remainder|left ?over|truncat\w*|floor|ceil\w*)\b|≈|~/i;

/**
 * "43 / (1 + 1 + 7/2) = 8": a step whose exact result is not whole (7.82), written as a whole
 * number, with no word of rounding in the question or the draft. The arithmetic check lets
 * "10 / 3 = 3" pass as a truncation a reader would accept; here it is a doubt, not a failure.
 */
function silentlyRounded(query: string, prose: string, answer: string): { computed: string; expected: number; written: number } | null {
  if (ROUNDING_SAID.test(prose) || ROUNDING_SAID.test(query)) return null;
  // The whole answer, as the arithmetic check passes it: findCalculations leaves code out itself,
  // and its one-entry memo then serves both checks instead of parsing a draft with code twice.
  for (const c of findCalculations(answer)) {
    if (!c.correct || !Number.isInteger(c.written) || Number.isInteger(c.expected)) continue;
    const off = Math.abs(c.expected - c.written);
    if (off >= 0.05 && off < 1) return c;
  }
  return null;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)) || Math.round(a) === b || Math.abs(a - b) < 0.01;
}

/** 666.67 = 2000/3 rounded: a repeating decimal shown rounded. */
function roundedRepeating(raw: string, value: number): boolean {
  const decimals = (/\.(\d+)$/.exec(raw)?.[1] ?? '').length;
  if (decimals < 2) return false;
  for (let d = 3; d <= 12; d++) {
    const scaled = value * d;
    const exact = Math.round(scaled);
    const representable = Math.abs(exact / d - Math.round((exact / d) * 10 ** decimals) / 10 ** decimals) < 1e-9;
    if (!representable && Math.abs(scaled - exact) <= d * 0.5 * 10 ** -decimals + 1e-9) return true;
  }
  return false;
}

const DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g;

/** Quantities the question gives that the working never uses. */
/** Compares numbers written differently (0.012 vs 1.2 / 100) without float noise. */
const key = (n: number) => (Math.abs(n) >= 1e6 ? Math.round(n) : Math.round(n * 1e6) / 1e6);

interface Given {
  value: number;
  raw: string;
  /** For a fraction "1/4": its denominator, which "16 / 4" uses. */
  denominator?: number;
}

function givenQuantities(query: string): Given[] {
  const out: Given[] = [];
  let text = query.replace(DATE, ' ');
  text = text.replace(/(?<![\d.,/])(\d+)\/(\d+)(?![\d./])/g, (m, a: string, b: string) => {
    if (Number(b) !== 0) out.push({ value: Number(a) / Number(b), raw: m, denominator: Number(b) });
    return ' ';
  });
  // "$400 000": thousands grouped with spaces.
  text = text.replace(/(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]*\d)/g, (m) => {
    out.push({ value: Number(m.replace(/ /g, '')), raw: m });
    return ' ';
  });
  for (const n of numbersIn(text)) out.push({ value: n, raw: String(n) });
  const seen = new Set<number>();
  return out.filter((g) => {
    const trivial = g.denominator === undefined && (g.value <= 1 || (Number.isInteger(g.value) && g.value >= 1800 && g.value <= 2100));
    if (trivial || seen.has(key(g.value))) return false;
    seen.add(key(g.value));
    return true;
  });
}

/** "8 customers: the first 3..., the next 2..., the last 3...": a total of other givens adds nothing. */
function isTotalOfOthers(target: number, others: number[]): boolean {
  const n = Math.min(others.length, 10);
  for (let mask = 1; mask < 1 << n; mask++) {
    if ((mask & (mask - 1)) === 0) continue; // at least two parts
    let sum = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) sum += others[i] as number;
    if (key(sum) === key(target)) return true;
  }
  return false;
}

/** Quantities the question gives that the working never uses. */
function unusedQuantities(query: string, answerNumbers: number[], answer: string): string[] {
  // Pasted documents (reviews, tables) are not word problems: their numbers need not all be used.
  if (query.length > 1200) return [];
  const given = givenQuantities(query);
  if (given.length < 2 || given.length > 10) return [];
  const used = new Set<number>([...answerNumbers, ...wordNumbersIn(answer)].map(key));
  const has = (n: number) => used.has(key(n));
  const present = (g: Given) => {
    const n = g.value;
    if (has(n) || has(n / 100) || has(n * 100) || has(1 + n / 100) || has(1 - n / 100)) return true;
    return g.denominator !== undefined && (has(g.denominator) || has(1 - n) || has(1 / n));
  };
  const values = given.map((g) => g.value);
  return given.filter((g) => !present(g) && !isTotalOfOthers(g.value, values.filter((v) => v !== g.value))).map((g) => g.raw);
}

interface Issue {
  score: number;
  reason: string;
}

function verdictCheck(answer: string): SignalResult {
  const name = 'final_answer' as const;
  const conflict = contradictoryVerdicts(stripCode(answer));
  if (!conflict) return { name, applicable: true, score: 1, reason: 'the draft keeps to one verdict' };
  return { name, applicable: true, score: 0.2, reason: `the draft first says ${conflict.opening}, then concludes ${conflict.closing}` };
}

export function finalAnswerSignal(draft: DraftToCheck): SignalResult {
  const name = 'final_answer' as const;
  const shape = analyzeQuestion(draft.query);
  if (asksVerdict(draft.query)) return verdictCheck(draft.answer);
  if (!shape.asksNumber && !shape.choices) {
    // "What is 17 * 23?" asks for a number, but a bare calculation has no givens or working to
    // check here; the arithmetic check re-does it.
    const reason = asksArithmetic(draft.query) ? 'the question is a bare calculation, which the arithmetic check re-does' : 'the question does not ask for a number or a choice';
    return { name, applicable: false, score: 1, reason };
  }
  const text = stripCode(draft.answer);
  if (text.trim().length === 0) return { name, applicable: false, score: 1, reason: 'nothing to judge' };

  if (shape.choices) {
    const picked = pickedChoice(draft.query, text, shape.choices);
    if (!picked) return { name, applicable: true, score: 0.35, reason: `the question lists choices (${shape.choices.join(', ')}) but the draft does not pick one` };
    return { name, applicable: true, score: 1, reason: `the draft picks choice ${picked}` };
  }

  const numbers = numbersAt(text);
  if (numbers.length === 0 && wordNumbersIn(text).length === 0 && !/\b(?:none|no|zero|nobody|nothing|not any)\b/i.test(text)) return { name, applicable: true, score: 0.2, reason: 'the question asks for a number but the draft gives none' };
  const stated = explicitFinal(text) ?? concludingNumber(text);
  const issues: Issue[] = [];
  const wordAnswer = /\b(?:none|no|zero|nobody|nothing)\b/i.test(lastLines(text)) || wordNumbersIn(lastLines(text)).length > 0;
  if (!stated && !wordAnswer) issues.push({ score: 0.75, reason: 'the draft does not end with a clear final number' });

  if (stated?.explicit) {
    const working = numbers.filter((n) => n.index < stated.index);
    if (working.length >= 2 && !working.some((n) => close(n.value, stated.value))) {
      issues.push({ score: 0.35, reason: `the final answer ${stated.raw} does not follow from the draft's working` });
    }
  }
  if (stated && shape.countOf && !Number.isInteger(stated.value)) {
    issues.push({ score: 0.15, reason: `the question asks how many ${shape.countOf}, but the draft's answer ${stated.raw} is not a whole number` });
  }
  const rounded = silentlyRounded(draft.query, text, draft.answer);
  if (rounded) {
    issues.push({ score: 0.6, reason: `the working rounds ${rounded.computed} = ${formatNumber(rounded.expected)} to ${formatNumber(rounded.written)} without saying so` });
  }
  for (const re of DOUBTS_RESULT) {
    const m = re.exec(text);
    if (m) {
      issues.push({ score: 0.5, reason: `the draft argues with its own result ('${quote(m[0].trim(), 60)}')` });
      break;
    }
  }
  if (stated && stated.value < 0 && /\bhow (?:many|much|long|far)\b/i.test(draft.query)) {
    issues.push({ score: 0.5, reason: `the draft answers a "how much/many" question with a negative number (${stated.raw})` });
  }
  const givens = numbersIn(draft.query);
  // Money is legitimately rounded to cents; other exact questions rarely have rounded answers.
  const money = /\$|€|£|\b(?:dollars?|cents?|euros?|pounds sterling|cost|price|pay|paid|spend|spent|earn|earned|profit|salary|budget)\b/i.test(draft.query);
  if (stated && !shape.countOf && !money && givens.length > 0 && givens.every((n) => Number.isInteger(n))) {
    if (roundedRepeating(stated.raw, stated.value)) {
      issues.push({ score: 0.6, reason: `from whole-number givens the draft arrives at a rounded fraction (${stated.raw}), a sign of a mis-step` });
    } else if (/\b(?:approximately|roughly|about|around)\s+\$?\d|≈/i.test(stated.line)) {
      issues.push({ score: 0.7, reason: 'from whole-number givens the draft only arrives at an approximate answer' });
    }
  }
  const unused = unusedQuantities(draft.query, numbers.map((n) => n.value), text);
  if (unused.length > 0) {
    issues.push({ score: unused.length >= 2 ? 0.4 : 0.6, reason: `the working never uses the question's ${unused.slice(0, 4).join(', ')}` });
  }
  if (issues.length === 0) return { name, applicable: true, score: 1, reason: `the draft states a final answer (${stated?.raw})` };
  issues.sort((a, b) => a.score - b.score);
  // Independent doubts compound.
  const score = Math.max(0.05, issues.reduce((s, i) => s * i.score, 1));
  return { name, applicable: true, score, reason: issues.map((i) => i.reason).join('; ') };
}
