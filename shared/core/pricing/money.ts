// Money in core math and SQLite is an integer count of nano-USD (1e-9 USD): sums stay exact
// and a single call costing $0.0000002 is still a whole number. Format only at the edge.
import { toFixedHalfUp } from './fixed-decimals.ts';

export const NANO_PER_USD = 1_000_000_000;

/** USD -> integer nano-USD. Throws on NaN/Infinity: a silent NaN would poison every sum. */
export function usdToNano(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite USD amount: ${usd}`);
  // `+ 0` turns -0 into 0 so "-$0.00" never appears.
  return Math.round(usd * NANO_PER_USD) + 0;
}

/** A total of costs in nano-USD; null when any is unknown: an unknown price is never added as $0. */
export function sumKnownNano(costs: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const c of costs) {
    if (c === null) return null;
    sum += c;
  }
  return sum;
}

export function nanoToUsd(nano: number): number {
  return nano / NANO_PER_USD;
}

/** USD per million tokens -> nano-USD per token (may be fractional: $0.0375/MTok = 37.5). */
export function perMTokToNanoPerToken(usdPerMTok: number): number {
  return usdPerMTok * 1000;
}

/** Nano-USD -> "$12,345.67", "$1.25", "$0.000283"; null (price unknown) is never shown as $0. */
export function formatUsd(nano: number | null): string {
  if (nano === null) return 'price unknown';
  return formatUsdAmount(nanoToUsd(nano));
}

/**
 * USD -> text. Amounts of a dollar or more get cents; smaller ones get three significant
 * digits (at least two decimals, at most nine: nano is the ledger's resolution), because a
 * single drafter call costs a fraction of a cent and "$0.00" would hide it. `extraDigits` adds
 * decimals where a figure must read apart from a close one (an alert's value and its threshold).
 */
export function formatUsdAmount(usd: number, extraDigits = 0): string {
  if (!Number.isFinite(usd)) return 'price unknown';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs >= 1) return `${sign}$${toFixedHalfUp(abs, Math.min(9, 2 + extraDigits), true)}`;
  const decimals = Math.min(9, Math.max(2, 2 - Math.floor(Math.log10(abs))) + extraDigits);
  const fixed = toFixedHalfUp(abs, decimals);
  const trimmed = fixed.replace(/(\.\d\d\d*?)0+$/, '$1');
  if (Number(trimmed) === 0) return '$0.00';
  return `${sign}$${groupThousands(trimmed)}`;
}

/** 2727273 -> "2,727,273" (rounded to a whole number; locale-independent like formatUsd). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n) + 0;
  return `${r < 0 ? '-' : ''}${groupThousands(String(Math.abs(r)))}`;
}

function groupThousands(fixed: string): string {
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
