// The UTC day and UTC calendar month a moment falls in: budgets reset at 00:00 UTC, like the
// ledger's daily rollups, so a budget's spend is a sum of whole rollup days.
import type { BudgetPeriod } from './types.ts';

export const DAY_MS = 86_400_000;

export interface PeriodRange {
  from: number;
  to: number;
}

export function periodRange(period: BudgetPeriod, now: number): PeriodRange {
  if (period === 'day') {
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    return { from, to: from + DAY_MS };
  }
  const d = new Date(now);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}
