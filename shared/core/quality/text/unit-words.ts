// Units written inside a calculation ("15 floors * 8 units/floor * 3/4 = 36 x 3/4") hide it
// from the arithmetic scanner, which stops at every word. This pass drops such unit words so
// the calculation is checked like "15 * 8 * 3/4 = 36 x 3/4", and is wary of the two ways that
// could turn a right calculation into a wrong-looking one:
// - scale words change the number ("2 dozen", "5 thousand", "30 percent"): never dropped;
// - conversions ("1 hour + 30 minutes = 90 minutes", "2 x 1 hour = 120 minutes", "1 year /
//   3 months = 4"): when a line names two units of the same kind, nothing on it is dropped.
import type { MathToken } from './math-tokens.ts';

/** Words that are not units: scale, connectives, comparisons, verbs that start a new clause. */
const NOT_UNITS = new Set(
  (
    'million millions billion billions trillion thousand thousands hundred hundreds k m bn dozen dozens cents cent percent ' +
    'pct squared cubed factorial mod modulo lakh crore of times plus minus by over than divided multiplied from half twice ' +
    'double triple quarter third thirds fourth fifth root sqrt log ln sin cos tan exp and or is are was were be to the a an ' +
    'in on at each every which that so then this it its for with equals equal makes gives total more less fewer left remaining ' +
    'if not no x am pm'
  ).split(' '),
);
/** Units of one kind: two of them on a line mean the line converts between them. */
const KINDS: ReadonlyArray<readonly string[]> = [
  ['second', 'sec', 'minute', 'min', 'hour', 'hr', 'h', 'day', 'week', 'month', 'year', 'yr', 'decade', 'century'],
  ['inch', 'foot', 'feet', 'ft', 'yard', 'yd', 'mile', 'mi', 'mm', 'cm', 'meter', 'metre', 'km', 'kilometer', 'kilometre'],
  ['ounce', 'oz', 'pound', 'lb', 'gram', 'g', 'kg', 'kilogram', 'ton', 'tonne'],
  ['cup', 'pint', 'pt', 'quart', 'qt', 'gallon', 'gal', 'ml', 'milliliter', 'liter', 'litre', 'l'],
  ['dollar', 'quarter', 'dime', 'nickel', 'penny', 'euro'],
  ['watt', 'w', 'kw', 'kilowatt', 'wh', 'kwh', 'mwh', 'joule', 'j', 'kj', 'calorie', 'cal', 'kcal'],
  ['bit', 'byte', 'kb', 'mb', 'gb', 'tb'],
];
const KIND_OF = new Map(KINDS.flatMap((units, kind) => units.map((u) => [u, kind] as const)));

/** At most this many words between a number and its operator ("dollars per hour"). */
const MAX_UNIT_WORDS = 3;

type WordToken = Extract<MathToken, { kind: 'word' }>;

function unitWord(t: MathToken | undefined): t is WordToken {
  return !!t && t.kind === 'word' && /^[a-z]+$/.test(t.word) && (t.word === 'per' || !NOT_UNITS.has(t.word));
}

function singular(word: string): string {
  if (word === 'feet') return 'foot';
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') && word.length > 2 ? word.slice(0, -1) : word;
}

/** "1 hour ... 120 minutes": the line names two units of one kind. */
function convertsUnits(tokens: MathToken[]): boolean {
  const seen = new Map<number, string>();
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as MathToken;
    const prev = tokens[i - 1] as MathToken;
    // A unit right after a number, or after the slash of a rate ("miles/hour").
    const afterNumber = prev.kind === 'num' || (prev.kind === 'op' && prev.op === '/');
    if (t.kind !== 'word' || !afterNumber) continue;
    const unit = singular(t.word);
    const kind = KIND_OF.get(unit);
    if (kind === undefined) continue;
    const other = seen.get(kind);
    if (other !== undefined && other !== unit) return true;
    seen.set(kind, unit);
  }
  return false;
}

function isDigitNext(t: MathToken | undefined): boolean {
  return !!t && (t.kind === 'num' || t.kind === 'lp');
}

interface UnitSpan {
  /** Token indexes to drop. */
  drop: number[];
  /** Index of a word "x" that is a times sign ("2 centimeters x 5 hours"). */
  timesX: number | null;
}

/** The unit words after the number at index i, when an operator or '=' follows them. */
function unitSpanAfter(tokens: MathToken[], i: number): UnitSpan | null {
  const drop: number[] = [];
  let j = i + 1;
  while (drop.length < MAX_UNIT_WORDS && unitWord(tokens[j]) && tokens[j]?.spaceBefore) drop.push(j++);
  if (drop.length === 0 || (tokens[drop[0] as number] as WordToken).word === 'per') return null;
  // "8 units/floor": a rate written with a slash.
  const slash = tokens[j];
  if (slash?.kind === 'op' && slash.op === '/' && unitWord(tokens[j + 1]) && !tokens[j + 1]?.spaceBefore) {
    drop.push(j, j + 1);
    j += 2;
  }
  const next = tokens[j];
  if (next?.kind === 'word' && next.word === 'x' && isDigitNext(tokens[j + 1])) return { drop, timesX: j };
  if (next?.kind !== 'op' && next?.kind !== 'eq') return null;
  return { drop, timesX: null };
}

/** The tokens of one line of working with its unit words taken out (or as they were). */
export function withoutUnitWords(tokens: MathToken[]): MathToken[] {
  const spans: UnitSpan[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    // Most numbers are followed by an operator or punctuation: only a word can start a unit.
    if (tokens[i]?.kind !== 'num' || tokens[i + 1]?.kind !== 'word') continue;
    const span = unitSpanAfter(tokens, i);
    if (span) spans.push(span);
  }
  if (spans.length === 0 || convertsUnits(tokens)) return tokens;
  const drop = new Set(spans.flatMap((s) => s.drop));
  const times = new Set(spans.map((s) => s.timesX).filter((x) => x !== null));
  const out: MathToken[] = [];
  tokens.forEach((t, k) => {
    if (drop.has(k)) return;
    if (times.has(k)) out.push({ start: t.start, end: t.end, spaceBefore: t.spaceBefore, kind: 'op', op: '*' });
    else out.push(t);
  });
  return out;
}
