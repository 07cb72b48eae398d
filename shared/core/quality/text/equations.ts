// Equations in one unknown, as drafts solve them ("Q + 2Q + 2(2Q) = 700", then "5Q = 700",
// then "Q = 140"). Every legal step (moving terms, multiplying both sides, combining like
// terms) keeps the solution, so each line is reduced to its root and consecutive lines of one
// derivation must share it. Only lines linear in a single variable are read: their root is
// exact from three evaluations, with no computer algebra.
import { parsedEquationLines, evaluate, hasDecimal, variablesOf } from './algebra.ts';

/** A line "L = R" linear in one variable, reduced to its solution. */
export interface Equation {
  variable: string;
  /** The value of the variable that makes the line true. */
  root: number;
  /** "x = 42": the derivation has ended; what follows is a check or a new one. */
  solved: boolean;
  /** Written with rounded decimals: its root is only approximately the exact one. */
  decimal: boolean;
  index: number;
  line: string;
}

export interface WrongEquationStep {
  before: Equation;
  after: Equation;
}

/** Points to read a one-variable line at: two give its slope, the third proves it straight. */
const LINE_POINTS = [0, 1, 2.5] as const;

function linearEquations(text: string): Equation[] {
  const out: Equation[] = [];
  for (const { lhs, rhs, index, line } of parsedEquationLines(text)) {
    if (!lhs || !rhs) continue;
    const vars = new Set([...variablesOf(lhs), ...variablesOf(rhs)]);
    if (vars.size !== 1) continue;
    const [variable] = [...vars] as [string];
    const f = (x: number) => evaluate(lhs, new Map([[variable, x]])) - evaluate(rhs, new Map([[variable, x]]));
    const [a, b, c] = LINE_POINTS.map(f) as [number, number, number];
    const slope = b - a;
    if (![a, b, c].every(Number.isFinite) || Math.abs(slope) < 1e-12) continue;
    if (Math.abs(a + LINE_POINTS[2] * slope - c) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(c))) continue;
    const solved = (lhs.k === 'var' && variablesOf(rhs).size === 0) || (rhs.k === 'var' && variablesOf(lhs).size === 0);
    out.push({ variable, root: -a / slope, solved, decimal: hasDecimal(lhs) || hasDecimal(rhs), index, line });
  }
  return out;
}

/** A new derivation starts here ("Let x be...", "To check:"), not a rewrite of the last line. */
const NEW_DERIVATION = /\b(?:let|suppose|assume|denote|represents?|stands? for|check|verify|plug(?:ging)? .{0,20}back)\b/i;

/**
 * Steps from one equation in x to the next that change its solution: "Q + 2Q + 2(2Q) = 700"
 * (Q = 100) followed by "5Q = 700" (Q = 140). Moving terms, multiplying both sides or
 * combining like terms never changes the root, so a changed root is a slip, whatever the
 * draft's wording between the lines. Lines the question itself gives are not the draft's steps.
 */
export function wrongEquationSteps(text: string, question: string): WrongEquationStep[] {
  const given = question.replace(/\s+/g, '');
  const eqs = linearEquations(text).filter((e) => !given.includes(e.line.replace(/\s+/g, '')));
  const wrong: WrongEquationStep[] = [];
  for (let i = 1; i < eqs.length; i++) {
    const before = eqs[i - 1] as Equation;
    const after = eqs[i] as Equation;
    if (before.variable !== after.variable || before.solved) continue;
    const between = text.slice(before.index + before.line.length, after.index);
    if (NEW_DERIVATION.test(between)) continue;
    const slack = before.decimal || after.decimal ? 0.02 : 1e-6;
    if (Math.abs(before.root - after.root) > slack * Math.max(1, Math.abs(before.root))) wrong.push({ before, after });
  }
  return wrong;
}
