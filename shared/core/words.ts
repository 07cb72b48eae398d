// Counts and lists in words, so that a new user's first query reads "1 query", not "1 queries".
import { formatCount } from './pricing/money.ts';

/** "1 query", "2 queries", "1,319 queries": the count, grouped, with the noun that agrees with it. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * Big counts as a headline reads them: exact up to 9,999,999 (the widest a stat card holds at its
 * smallest), then millions or billions with one decimal, "113.7M". Break-even writes its volume
 * this way on its card and in its sentence alike; show the exact figure in a tooltip.
 */
export function formatCountHeadline(n: number): string {
  const v = Math.abs(n);
  if (v < 1e7) return formatCount(n);
  const one = (x: number) => Math.round(x * 10) / 10;
  // 999,960,000 rounds to 1,000.0M: that is 1B.
  const [scaled, unit] = one(v / 1e6) < 1000 ? [one(v / 1e6), 'M'] : [one(v / 1e9), 'B'];
  const [whole = '0', tenth] = String(scaled).split('.');
  return `${n < 0 ? '-' : ''}${formatCount(Number(whole))}${tenth ? `.${tenth}` : ''}${unit}`;
}

/** "did you mean a?", "did you mean a, b or c?"; empty for no names. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const last = names[names.length - 1] ?? '';
  return `did you mean ${names.length === 1 ? last : `${names.slice(0, -1).join(', ')} or ${last}`}?`;
}
