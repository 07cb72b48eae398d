// The response cache's own figure, in the words every view uses beside the drafter's acceptance:
// answers served from the cache are left out of it (no model ran), so where the rate is shown,
// how many were left out and what they saved is shown too.
import { formatCount, formatUsd } from '../pricing/money.ts';

/**
 * "3 answered from cache, saving $0.0012"; null when none was. An unknown saving says so. The
 * amount is written by the caller's money format (the app's views write money their own way).
 */
export function cacheHitWords(cacheHits: number, savingsNano: number | null, formatMoney: (nano: number) => string = formatUsd): string | null {
  if (cacheHits <= 0) return null;
  const saving = savingsNano === null ? 'saving unknown (no price for the top tier)' : `saving ${formatMoney(savingsNano)}`;
  return `${formatCount(cacheHits)} answered from cache, ${saving}`;
}
