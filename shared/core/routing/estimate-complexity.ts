// How hard does a query look? A cheap, explainable estimate from the text alone: length,
// several questions in one, technical vocabulary, requests for proofs, the amount of code and
// the constraints stated. Used to skip the drafter for queries it would likely fail.
import { COMPLEXITY_LEVELS, type Complexity } from '../config/schema.ts';
import type { ChatMessage } from '../model.ts';
import { counted } from '../words.ts';

export interface ComplexityEstimate {
  level: Complexity;
  /** 0 = trivial ... 1 = expert. */
  score: number;
  reasons: string[];
}

/** Lower bounds of each level on the score. */
const LEVEL_FLOORS: Array<[Complexity, number]> = [
  ['expert', 0.7],
  ['hard', 0.5],
  ['moderate', 0.3],
  ['simple', 0.1],
  ['trivial', 0],
];

const TECHNICAL = new RegExp(
  `(?<![\\p{L}])(?:${[
    'algorithm', 'asymptotic', 'amortized', 'big-?o', 'complexity', 'concurren\\w*', 'parallelism', 'distributed', 'consensus', 'byzantine', 'raft', 'paxos',
    'kubernetes', 'microservices?', 'mutex', 'deadlocks?', 'race condition', 'lock-free', 'latency', 'throughput', 'cach(?:e|ing) invalidation', 'sharding',
    'eigen\\w*', 'gradient', 'derivatives?', 'integrals?', 'differential', 'theorem', 'lemma', 'corollary', 'topolog\\w*', 'manifold', 'stochastic', 'bayesian',
    'regression', 'neural', 'transformer', 'backpropagation', 'cryptograph\\w*', 'elliptic', 'compiler', 'kernel', 'quantum', 'thermodynamic\\w*', 'entropy',
    'polynomial', 'recursion', 'dynamic programming', 'homomorphism', 'isomorphism', 'invariant', 'induction', 'convergen\\w*', 'optimization', 'np-hard',
    'np-complete', 'heuristic', 'probabilistic', 'variance', 'covariance', 'fourier', 'laplace', 'tensor', 'lagrangian', 'hamiltonian', 'relativity',
    'macroeconomic\\w*', 'jurisprudence', 'pharmacokinetic\\w*', 'epidemiolog\\w*', 'genom\\w*', 'protein folding',
  ].join('|')})(?![\\p{L}])`,
  'giu',
);
const ASKS_FOR_CODE = /\b(?:write|implement|create|build|code|fix|debug|refactor)\b[^.?!\n]{0,40}\b(?:function|program|script|class|method|code|query|algorithm|api|endpoint|component|bug)s?\b/i;
const CHANGE_CODE = /\b(?:refactor|fix|debug|optimi[sz]e|rewrite|port|convert|migrate|parallelize)\b/i;
const PROOF = /\b(?:prove|proof|derive|derivation|show that|demonstrate that|formally|rigorous(?:ly)?)\b/i;
const CONSTRAINTS = /\b(?:must(?: not)?|should not|without using|at most|at least|exactly|no more than|only use|in O\([^)]*\)|time complexity|space complexity|constraints?|edge cases?|optimi[sz]e|efficient(?:ly)?|thread-safe|production-ready)\b/gi;
const REASONING = /\b(?:step by step|explain why|compare|trade-?offs?|design|architect\w*|analy[sz]e|evaluate|critique|pros and cons|justify)\b/gi;

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function codeLines(query: string): number {
  let lines = 0;
  for (const m of query.matchAll(/```[^\n]*\n([\s\S]*?)(?:```|$)/g)) lines += (m[1] ?? '').split('\n').filter((l) => l.trim()).length;
  return lines;
}

function distinct(matches: IterableIterator<RegExpMatchArray>): string[] {
  return [...new Set([...matches].map((m) => m[0].toLowerCase()))];
}

export function levelOf(score: number): Complexity {
  for (const [level, floor] of LEVEL_FLOORS) if (score >= floor) return level;
  return 'trivial';
}

export function estimateComplexity(query: string, messages: ChatMessage[] = []): ComplexityEstimate {
  const reasons: string[] = [];
  let score = 0;
  const prose = query.replace(/```[\s\S]*?(?:```|$)/g, ' ');
  const wordsCount = (prose.match(/\S+/g) ?? []).length;

  if (wordsCount > 150) {
    score += 0.3;
    reasons.push(`long request (${wordsCount} words)`);
  } else if (wordsCount > 60) {
    score += 0.2;
    reasons.push(`detailed request (${wordsCount} words)`);
  } else if (wordsCount > 20) {
    score += 0.12;
    reasons.push(`a few sentences (${wordsCount} words)`);
  } else if (wordsCount >= 6) {
    score += 0.08;
  }

  if (ASKS_FOR_CODE.test(prose)) {
    score += 0.1;
    reasons.push('asks for code');
  }

  const questions = (prose.match(/\?(?=\s|$)/g) ?? []).length;
  const items = (prose.match(/^\s*(?:\d+[.)]|[-*•]|\(?[a-h]\))\s+\S/gm) ?? []).length;
  const parts = Math.max(questions, items >= 2 ? items : 0);
  if (parts >= 2) {
    score += Math.min(0.25, 0.08 * (parts - 1));
    reasons.push(`${parts} separate ${questions >= items ? 'questions' : 'parts'}`);
  }

  const technical = distinct(prose.matchAll(TECHNICAL));
  if (technical.length > 0) {
    score += Math.min(0.3, 0.08 * technical.length);
    reasons.push(`technical terms: ${technical.slice(0, 4).map((t) => `'${t}'`).join(', ')}`);
  }

  if (PROOF.test(prose)) {
    score += 0.25;
    reasons.push('asks for a proof or derivation');
  }

  const code = codeLines(query);
  if (code > 0) {
    score += code > 60 ? 0.3 : code > 20 ? 0.2 : 0.1;
    reasons.push(`${counted(code, 'line')} of code`);
    if (CHANGE_CODE.test(prose)) {
      score += 0.1;
      reasons.push('asks to change the code');
    }
  }

  const constraints = distinct(prose.matchAll(CONSTRAINTS));
  if (constraints.length > 0) {
    score += Math.min(0.2, 0.06 * constraints.length);
    reasons.push(`constraints: ${constraints.slice(0, 4).map((c) => `'${c}'`).join(', ')}`);
  }

  const reasoning = distinct(prose.matchAll(REASONING));
  if (reasoning.length > 0) {
    score += Math.min(0.15, 0.05 * reasoning.length);
    reasons.push(`asks to ${reasoning.slice(0, 3).map((r) => `'${r}'`).join(', ')}`);
  }

  const numbers = (prose.match(/\d+(?:\.\d+)?/g) ?? []).length;
  if (numbers >= 4) {
    score += 0.05;
    reasons.push(`${numbers} numbers to work with`);
  }

  if (messages.length > 4) {
    score += 0.05;
    reasons.push(`long conversation (${messages.length} messages)`);
  }

  score = clamp01(score);
  if (reasons.length === 0) reasons.push(wordsCount < 6 ? `short question (${counted(wordsCount, 'word')}) with no technical cues` : 'plain question with no technical cues');
  return { level: levelOf(score), score, reasons };
}

/** Negative when a is easier than b, 0 when equal, positive when harder. */
export function compareComplexity(a: Complexity, b: Complexity): number {
  return COMPLEXITY_LEVELS.indexOf(a) - COMPLEXITY_LEVELS.indexOf(b);
}
