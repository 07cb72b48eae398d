// Symbolic steps in a draft ("z - x = y/2 - 2y + y", then "z - x = -3y/2"): when two
// statements of a derivation give the same left side in the same variables, their right sides
// must be the same expression. Whether two expressions are the same is checked by evaluating
// both at a few fixed points (two different polynomials or rational functions agree at a few
// arbitrary points only by coincidence), so no computer algebra is needed.
//
// Conservative on purpose: only lines that are pure algebra over single-letter variables
// are read, only a step the draft announces as a rewrite ("simplifying, we get") is
// compared, and a right side the question itself gives (a system "y = 2x + 3", "y = 5 - x")
// is never taken for a step.

export type Node =
  | { k: 'num'; v: number; decimal: boolean }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '^'; a: Node; b: Node };

export interface Statement {
  /** The left side as written, spaces removed: statements are paired by it. */
  lhs: string;
  rhs: Node;
  rhsText: string;
  vars: string;
  /** Where the statement's line starts in the text. */
  index: number;
  /** The statement's line, for the reason shown to the user. */
  line: string;
}

export interface WrongStep {
  before: Statement;
  after: Statement;
}

/** English words of one or two letters that are not products of variables ("we", "is"...). */
const SHORT_WORDS = new Set(['a', 'i', 'is', 'at', 'an', 'or', 'of', 'in', 'to', 'if', 'by', 'be', 'no', 'so', 'we', 'it', 'as', 'on', 'up', 'me', 'my', 'us', 'do', 'go', 'he', 'am']);

/** LaTeX as drafts write it, turned into plain infix; null when it uses something else. */
function fromLatex(text: string): string | null {
  let s = text
    .replace(/\\[()[\]]|\$\$?/g, ' ')
    .replace(/\\left|\\right|\\,|\\;|\\!/g, '')
    .replace(/\\cdot|\\times/g, '*')
    .replace(/\\div/g, '/');
  for (let guard = 0; guard < 20 && s.includes('\\frac'); guard++) {
    const next = s.replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/, '(($1)/($2))');
    if (next === s) return null;
    s = next;
  }
  if (s.includes('\\')) return null;
  return s.replace(/\{/g, '(').replace(/\}/g, ')').replace(/[−–]/g, '-').replace(/[×·]/g, '*').replace(/÷/g, '/');
}

type Tok = { t: 'num'; v: number; decimal: boolean } | { t: 'var'; name: string } | { t: 'op'; op: string } | { t: '(' } | { t: ')' };

function tokenize(expr: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(expr.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]), decimal: num[0].includes('.') });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(expr.slice(i));
    if (word) {
      const w = word[0];
      // "xy" is x times y; anything longer, or a short English word, is prose.
      if (w.length > 2 || SHORT_WORDS.has(w.toLowerCase())) return null;
      for (const name of w) out.push({ t: 'var', name });
      i += w.length;
      continue;
    }
    if ('+-*/^'.includes(c)) out.push({ t: 'op', op: c });
    else if (c === '(') out.push({ t: '(' });
    else if (c === ')') out.push({ t: ')' });
    else return null;
    i++;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly t: Tok[]) {}

  parse(): Node | null {
    const n = this.sum();
    return n && this.i === this.t.length ? n : null;
  }

  private op(...ops: string[]): string | null {
    const p = this.t[this.i];
    return p?.t === 'op' && ops.includes(p.op) ? p.op : null;
  }

  private sum(): Node | null {
    let a = this.product();
    for (let op = this.op('+', '-'); a && op; op = this.op('+', '-')) {
      this.i++;
      const b = this.product();
      if (!b) return null;
      a = { k: 'bin', op: op as '+' | '-', a, b };
    }
    return a;
  }

  /** An atom right after another ("3y", "4(y/2)", "(a)(b)") multiplies it. */
  private startsAtom(): boolean {
    const p = this.t[this.i];
    return p?.t === 'num' || p?.t === 'var' || p?.t === '(';
  }

  private product(): Node | null {
    let a = this.unary();
    while (a) {
      const op = this.op('*', '/');
      if (op) this.i++;
      else if (!this.startsAtom()) break;
      const b = this.unary();
      if (!b) return null;
      a = { k: 'bin', op: (op ?? '*') as '*' | '/', a, b };
    }
    return a;
  }

  private unary(): Node | null {
    const op = this.op('-', '+');
    if (op) {
      this.i++;
      const a = this.unary();
      return a && op === '-' ? { k: 'neg', a } : a;
    }
    return this.power();
  }

  private power(): Node | null {
    const base = this.atom();
    if (base && this.op('^')) {
      this.i++;
      const exp = this.unary();
      return exp ? { k: 'bin', op: '^', a: base, b: exp } : null;
    }
    return base;
  }

  private atom(): Node | null {
    const p = this.t[this.i];
    if (!p) return null;
    this.i++;
    if (p.t === 'num') return { k: 'num', v: p.v, decimal: p.decimal };
    if (p.t === 'var') return { k: 'var', name: p.name };
    if (p.t === '(') {
      const inner = this.sum();
      if (!inner || this.t[this.i]?.t !== ')') return null;
      this.i++;
      return inner;
    }
    return null;
  }
}

export function parseAlgebra(expr: string): Node | null {
  const toks = tokenize(expr);
  return toks && toks.length > 0 ? new Parser(toks).parse() : null;
}

export function evaluate(n: Node, at: ReadonlyMap<string, number>): number {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'var':
      return at.get(n.name) ?? Number.NaN;
    case 'neg':
      return -evaluate(n.a, at);
    case 'bin': {
      const a = evaluate(n.a, at);
      const b = evaluate(n.b, at);
      if (n.op === '+') return a + b;
      if (n.op === '-') return a - b;
      if (n.op === '*') return a * b;
      if (n.op === '/') return a / b;
      return a ** b;
    }
  }
}

export function variablesOf(n: Node, into = new Set<string>()): Set<string> {
  if (n.k === 'var') into.add(n.name);
  else if (n.k === 'neg') variablesOf(n.a, into);
  else if (n.k === 'bin') {
    variablesOf(n.a, into);
    variablesOf(n.b, into);
  }
  return into;
}

export function hasDecimal(n: Node): boolean {
  if (n.k === 'num') return n.decimal;
  if (n.k === 'neg') return hasDecimal(n.a);
  if (n.k === 'bin') return hasDecimal(n.a) || hasDecimal(n.b);
  return false;
}

/** Fixed, unremarkable points: no root, pole or symmetry of a draft's expression sits on all of them. */
const POINTS = [
  [1.37, 2.91, 0.53, 4.19],
  [2.23, 0.71, 3.47, 1.61],
  [3.11, 1.83, 2.39, 0.87],
];

/** Same expression? Null when it cannot tell (too few points where both are defined). */
export function sameExpression(a: Node, b: Node, vars: readonly string[]): boolean | null {
  // Rounded decimals ("0.33y") only match their exact form approximately.
  const tolerance = hasDecimal(a) || hasDecimal(b) ? 1e-2 : 1e-9;
  let compared = 0;
  for (const p of POINTS) {
    const at = new Map(vars.map((v, i) => [v, (p[i % p.length] as number) + Math.floor(i / p.length)]));
    const x = evaluate(a, at);
    const y = evaluate(b, at);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    compared++;
    if (Math.abs(x - y) > tolerance * Math.max(1, Math.abs(x), Math.abs(y))) return false;
  }
  return compared >= 2 ? true : null;
}

/** A line of the draft read as "left = right", each side parsed (null when it is not algebra). */
export interface EquationLine {
  left: string;
  right: string;
  lhs: Node | null;
  rhs: Node | null;
  /** Where the line starts in the text. */
  index: number;
  line: string;
}

let memo: { text: string; lines: EquationLine[] } | null = null;

/** The draft's lines of the form "left = right", parsed once for both checks that read them. */
export function parsedEquationLines(text: string): EquationLine[] {
  if (memo?.text === text) return memo.lines;
  const out: EquationLine[] = [];
  let index = 0;
  for (const raw of text.split('\n')) {
    const lineStart = index;
    index += raw.length + 1;
    if (!raw.includes('=')) continue;
    const plain = fromLatex(raw);
    if (plain === null) continue;
    // Prose before a colon ("Combining terms, we get:") or a numbered list marker is not part of it.
    const body = plain.replace(/^\s*(?:\d+[.)]\s+|[-*•]\s+)/, '').replace(/^.*:\s*/, '').trim().replace(/[.,;]$/, '');
    const sides = body.split('=');
    if (sides.length !== 2) continue;
    const [left, right] = sides.map((side) => side.trim()) as [string, string];
    out.push({ left, right, lhs: parseAlgebra(left), rhs: parseAlgebra(right), index: lineStart, line: raw.trim() });
  }
  memo = { text, lines: out };
  return out;
}

/** "Simplifying, we get", "Combining terms", "so", "therefore": the next line rewrites the last. */
const REWRITE_CUE = /\b(?:simplif\w*|combin\w*|expand\w*|distribut\w*|collect\w*|factor\w*|cancel\w*|we get|this gives|gives us|which gives|reduc\w*|therefore|thus|hence|so)\b|=>|→/i;

/** The algebraic statements of a draft, one per line ("LHS = RHS"), in order. */
export function algebraStatements(text: string): Statement[] {
  const out: Statement[] = [];
  for (const { left, right, lhs, rhs, index, line } of parsedEquationLines(text)) {
    if (!lhs || !rhs) continue;
    const vars = [...variablesOf(rhs)].sort();
    if (vars.length === 0 || variablesOf(lhs).size === 0) continue;
    out.push({ lhs: left.replace(/\s+/g, ''), rhs, rhsText: right, vars: vars.join(','), index, line });
  }
  return out;
}

/**
 * Steps where a statement rewrites the one before it (same left side, same variables, a
 * rewrite cue between them) into a different expression.
 */
export function wrongAlgebraSteps(text: string, question: string): WrongStep[] {
  const given = question.replace(/\s+/g, '');
  const statements = algebraStatements(text).filter((s) => !given.includes(s.rhsText.replace(/\s+/g, '')));
  const wrong: WrongStep[] = [];
  for (let i = 1; i < statements.length; i++) {
    const before = statements[i - 1] as Statement;
    const after = statements[i] as Statement;
    if (before.lhs !== after.lhs || before.vars !== after.vars) continue;
    const between = text.slice(before.index + before.line.length, after.index + after.line.indexOf('='));
    if (!REWRITE_CUE.test(between)) continue;
    if (sameExpression(before.rhs, after.rhs, before.vars.split(',')) === false) wrong.push({ before, after });
  }
  return wrong;
}
