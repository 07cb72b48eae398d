// Self-consistency: when the drafter was asked the same question several times (a tier's
// `samples`), do its answers reach the same final answer? A model that knows the answer tends
// to reach it by every path; one that guesses scatters. This is the check that sees a fluent,
// well-computed solution built on a wrong setup, which nothing in a single text can show.
// Only final answers are compared (a number, a choice, a true/false verdict): two free-text
// answers can differ in every word and both be right.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { formatNumber } from '../text/numbers.ts';
import { stripCode } from '../text/prose.ts';
import { analyzeQuestion, asksArithmetic } from '../text/question.ts';
import { concludingNumber, explicitFinal, pickedChoice } from '../text/stated-answer.ts';
import { asksVerdict, closingVerdict } from '../text/verdicts.ts';
import { counted } from '../../words.ts';

type FinalAnswer = { kind: 'number'; value: number } | { kind: 'choice' | 'verdict'; value: string };

type Reader = (answer: string) => FinalAnswer | null;

/** How to read a final answer for this question, or null when its answers are free text. */
function readerFor(draft: DraftToCheck): Reader | null {
  if (asksVerdict(draft.query)) {
    return (answer) => {
      const v = closingVerdict(stripCode(answer));
      return v === null ? null : { kind: 'verdict', value: v };
    };
  }
  const shape = analyzeQuestion(draft.query);
  const choices = shape.choices;
  if (choices) {
    return (answer) => {
      const c = pickedChoice(draft.query, stripCode(answer), choices);
      return c === undefined ? null : { kind: 'choice', value: c };
    };
  }
  const explicitOnly = !shape.asksNumber && !asksArithmetic(draft.query);
  // A question that does not ask for a number may still get one ("Solve 3x + 2 = 11"): compare
  // numbers then only when the draft marks its answer explicitly ("#### 3", "the answer is 3").
  if (explicitOnly && explicitFinal(stripCode(draft.answer)) === null) return null;
  return (answer) => {
    const text = stripCode(answer);
    const stated = explicitFinal(text) ?? (explicitOnly ? null : concludingNumber(text));
    return stated === null ? null : { kind: 'number', value: stated.value };
  };
}

function same(a: FinalAnswer, b: FinalAnswer): boolean {
  if (a.kind === 'number' && b.kind === 'number') return Math.abs(a.value - b.value) <= Math.max(0.005, 1e-6 * Math.abs(a.value));
  return a.kind === b.kind && a.value === b.value;
}

function show(a: FinalAnswer): string {
  return a.kind === 'number' ? formatNumber(a.value) : a.value;
}

export function consistencySignal(draft: DraftToCheck): SignalResult {
  const name = 'consistency' as const;
  const samples = draft.samples ?? [];
  if (samples.length === 0) return { name, applicable: false, score: 1, reason: 'no other samples of the drafter to compare with' };
  const read = readerFor(draft);
  if (read === null) return { name, applicable: false, score: 1, reason: 'free-text answers are not compared' };
  const mine = read(draft.answer);
  if (mine === null) return { name, applicable: false, score: 1, reason: 'the draft states no final answer to compare' };

  const theirs = samples.map(read);
  const agreeing = theirs.filter((t) => t !== null && same(t, mine)).length;
  const n = samples.length;
  const score = agreeing / n;
  if (agreeing === n) {
    const who = n === 1 ? 'the other sample reaches' : `all ${n} other samples reach`;
    return { name, applicable: true, score, reason: `${who} the same answer (${show(mine)})` };
  }
  const who = agreeing === 0 ? `none of the ${counted(n, 'other sample')} reaches` : `only ${agreeing} of ${n} other samples reach${agreeing === 1 ? 'es' : ''}`;
  const others = [...new Set(theirs.filter((t): t is FinalAnswer => t !== null && !same(t, mine)).map(show))];
  const elsewhere = others.length > 0 ? `; they say ${others.slice(0, 3).join(', ')}` : '';
  return { name, applicable: true, score, reason: `${who} the draft's answer ${show(mine)}${elsewhere}` };
}
