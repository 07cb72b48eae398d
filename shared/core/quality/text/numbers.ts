// Reading and printing the numbers that appear in drafts ("$1,300", "83.33", "45%").

/** Parses "1,300", "$18", "-2.5", "45%" (as 45); null for anything else. */
export function parseNumberText(raw: string): number | null {
  const s = raw.replace(/[$€£,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A short, exact-enough rendering for reasons: 52, 3.3333, 0.0012. */
export function formatNumber(n: number, decimals = 4): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  const places = abs >= 1 ? decimals : Math.max(decimals, 1 - Math.floor(Math.log10(abs)) + 2);
  return n.toFixed(Math.min(places, 12)).replace(/\.?0+$/, '');
}

const NUMBER_IN_TEXT = /(?<![\w.])-?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.]*\d)(?!st\b|nd\b|rd\b|th\b)/g;

/** All plain numbers in a text (grouping commas allowed, ordinals, versions and dates skipped loosely). */
export function numbersIn(text: string): number[] {
  return numbersAt(text).map((n) => n.value);
}

/** Like numbersIn, with where each number starts. */
export function numbersAt(text: string): Array<{ value: number; index: number }> {
  const out: Array<{ value: number; index: number }> = [];
  for (const m of text.matchAll(NUMBER_IN_TEXT)) {
    const n = parseNumberText(m[0]);
    if (n !== null) out.push({ value: n, index: m.index ?? 0 });
  }
  return out;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, thousand: 1000, dozen: 12, twice: 2, double: 2, triple: 3, half: 0.5, quarter: 0.25,
};

const WORD_NUMBER = new RegExp(`\\b(?:${Object.keys(WORD_NUMBERS).join('|')})\\b`, 'gi');

/** Numbers written as words ("three", "a dozen", "half"). */
export function wordNumbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(WORD_NUMBER)) {
    const v = WORD_NUMBERS[m[0].toLowerCase()];
    if (v !== undefined) out.push(v);
  }
  return out;
}
