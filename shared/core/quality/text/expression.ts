// A small, safe evaluator for the arithmetic found in drafts (no eval). Each value carries
// an error bound from the rounding of the numbers as written, so "0.33 * 300 = 100" is not
// called wrong. Percentages can be read as fractions (20% = 0.2) or as plain numbers.
import type { MathToken } from './math-tokens.ts';

export interface Approx {
  v: number;
  /** Largest error explained by the rounding of the operands as written. */
  e: number;
}

export interface EvalOptions {
  /** Read 20% as 0.2 (true) or as 20 (false). */
  percentAsFraction: boolean;
  /** Standard operator precedence (true) or strict left-to-right, as people sometimes write. */
  precedence: boolean;
  /** Read an unspaced "2/5" inside spaced operators as one fraction ("12.8 / 2/5" = 32). */
  tightFractions?: boolean;
  /** Calculator-style percent: "$80 - 25%" is 80 minus 25% of 80. */
  relativePercent?: boolean;
}

type ExprToken = Extract<MathToken, { kind: 'num' | 'op' | 'lp' | 'rp' }>;

class Parser {
  private i = 0;
  constructor(
    private readonly t: ExprToken[],
    private readonly o: EvalOptions,
  ) {}

  run(): Approx | null {
    const v = this.o.precedence ? this.sum() : this.chain();
    if (!v || this.i !== this.t.length || !Number.isFinite(v.v)) return null;
    return v;
  }

  private number(p: Extract<ExprToken, { kind: 'num' }>): Approx {
    const scale = p.percent && this.o.percentAsFraction ? 0.01 : 1;
    const e = p.decimals > 0 ? 0.5 * 10 ** -p.decimals : 0;
    return { v: p.value * scale, e: e * scale };
  }

  /** "24 2/3": a whole number, a space, then a proper fraction written tight. */
  private mixedFraction(whole: Extract<ExprToken, { kind: 'num' }>): Approx | null {
    const [num, slash, den] = [this.t[this.i], this.t[this.i + 1], this.t[this.i + 2]];
    if (whole.decimals > 0 || whole.percent || num?.kind !== 'num' || !num.spaceBefore || num.decimals > 0) return null;
    if (slash?.kind !== 'op' || slash.op !== '/' || slash.spaceBefore || den?.kind !== 'num' || den.spaceBefore || den.decimals > 0) return null;
    if (!(num.value < den.value) || den.value === 0) return null;
    this.i += 3;
    return { v: num.value / den.value, e: 0 };
  }

  private peek(): ExprToken | undefined {
    return this.t[this.i];
  }

  private isOp(...ops: string[]): boolean {
    const p = this.peek();
    return !!p && p.kind === 'op' && ops.includes(p.op);
  }

  /** Implicit multiplication: "2(3 + 4)", "(2)(3)". */
  private implicitNext(): boolean {
    const p = this.peek();
    const before = this.t[this.i - 1];
    return !!p && !!before && !p.spaceBefore && p.kind === 'lp' && (before.kind === 'num' || before.kind === 'rp');
  }

  private sum(): Approx | null {
    let left = this.product();
    while (left && this.isOp('+', '-')) {
      const op = (this.t[this.i++] as { op: string }).op;
      const pct = this.peek();
      const after = this.t[this.i + 1];
      if (this.o.relativePercent && pct?.kind === 'num' && pct.percent && (!after || after.kind === 'rp' || (after.kind === 'op' && (after.op === '+' || after.op === '-')))) {
        this.i++;
        const share = { v: left.v * (pct.value / 100), e: left.e * (pct.value / 100) };
        left = apply(op, left, share);
        continue;
      }
      const right = this.product();
      if (!right) return null;
      left = apply(op, left, right);
    }
    return left;
  }

  private product(): Approx | null {
    let left = this.unary();
    while (left && (this.isOp('*', '/') || this.implicitNext())) {
      const op = this.implicitNext() ? '*' : (this.t[this.i++] as { op: string }).op;
      const right = this.unary();
      if (!right) return null;
      left = apply(op, left, right);
    }
    return left;
  }

  /** Left to right, ignoring precedence between + - * / ("5 + 3 x 2 = 16"). */
  private chain(): Approx | null {
    let left = this.unary();
    while (left && (this.isOp('+', '-', '*', '/') || this.implicitNext())) {
      const op = this.implicitNext() ? '*' : (this.t[this.i++] as { op: string }).op;
      const right = this.unary();
      if (!right) return null;
      left = apply(op, left, right);
    }
    return left;
  }

  private unary(): Approx | null {
    if (this.isOp('-', '+')) {
      const op = (this.t[this.i++] as { op: string }).op;
      const v = this.unary();
      return v && op === '-' ? { v: -v.v, e: v.e } : v;
    }
    return this.power();
  }

  private power(): Approx | null {
    const base = this.atom();
    if (base && this.isOp('^')) {
      this.i++;
      const exp = this.unary();
      if (!exp) return null;
      return apply('^', base, exp);
    }
    return base;
  }

  private atom(): Approx | null {
    const p = this.peek();
    if (!p) return null;
    if (p.kind === 'num') {
      this.i++;
      const value = this.number(p);
      const mixed = this.mixedFraction(p);
      if (mixed) return { v: value.v + (value.v < 0 ? -mixed.v : mixed.v), e: mixed.e };
      const slash = this.peek();
      const den = this.t[this.i + 1];
      if (this.o.tightFractions && slash?.kind === 'op' && slash.op === '/' && !slash.spaceBefore && den?.kind === 'num' && !den.spaceBefore) {
        this.i += 2;
        return apply('/', value, this.number(den));
      }
      return value;
    }
    if (p.kind === 'lp') {
      this.i++;
      const v = this.o.precedence ? this.sum() : this.chain();
      const close = this.peek();
      if (!v || !close || close.kind !== 'rp') return null;
      this.i++;
      return v;
    }
    return null;
  }
}

function apply(op: string, a: Approx, b: Approx): Approx {
  switch (op) {
    case '+':
      return { v: a.v + b.v, e: a.e + b.e };
    case '-':
      return { v: a.v - b.v, e: a.e + b.e };
    case '*':
      return { v: a.v * b.v, e: Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e };
    case '/': {
      if (Math.abs(b.v) < 1e-12) return { v: NaN, e: 0 };
      const lo = Math.abs(b.v) - b.e;
      const e = lo > 0 ? (Math.abs(a.v) * b.e + Math.abs(b.v) * a.e) / (Math.abs(b.v) * lo) : Infinity;
      return { v: a.v / b.v, e };
    }
    default: {
      const v = a.v ** b.v;
      const de = a.e > 0 ? Math.abs(b.v * a.v ** (b.v - 1)) * a.e : 0;
      const ee = b.e > 0 && a.v > 0 ? Math.abs(v * Math.log(a.v)) * b.e : 0;
      return { v, e: de + ee };
    }
  }
}

export function isExprToken(t: MathToken): t is ExprToken {
  return t.kind === 'num' || t.kind === 'op' || t.kind === 'lp' || t.kind === 'rp';
}

/** Evaluates tokens of numbers, operators and parentheses; null when they do not form an expression. */
export function evaluateTokens(tokens: MathToken[], options: EvalOptions): Approx | null {
  const expr: ExprToken[] = [];
  for (const t of tokens) {
    if (!isExprToken(t)) return null;
    expr.push(t);
  }
  if (expr.length === 0) return null;
  return new Parser(expr, options).run();
}

/** True for "52", "-3", "(7)": a number as written rather than a computation. */
export function isLoneNumber(tokens: MathToken[]): boolean {
  const core = tokens.filter((t) => t.kind !== 'lp' && t.kind !== 'rp');
  if (core.length === 1) return core[0]?.kind === 'num';
  return core.length === 2 && core[0]?.kind === 'op' && (core[0].op === '-' || core[0].op === '+') && core[1]?.kind === 'num';
}
