// Monthly and annual figures projected from a range's totals, at the range's daily pace (over
// the part of the range that has passed: see elapsedDays).
// A month is a twelfth of a year so the annual figure is exactly twelve months.
import type { LedgerSummary } from '../../../../shared/core/ledger/types.ts';

export const DAYS_PER_MONTH = 365 / 12;

export interface RoiProjection {
  savedPerMonthNano: number;
  savedPerYearNano: number;
  spendPerMonthNano: number;
  baselinePerMonthNano: number;
  queriesPerMonth: number;
}

export function projectRoi(s: LedgerSummary, days: number): RoiProjection {
  const perMonth = (n: number) => (n / Math.max(1 / 24, days)) * DAYS_PER_MONTH;
  const savedPerMonthNano = perMonth(s.savingsNano);
  return {
    savedPerMonthNano,
    savedPerYearNano: savedPerMonthNano * 12,
    spendPerMonthNano: perMonth(s.costNano),
    baselinePerMonthNano: perMonth(s.baselineCostNano),
    queriesPerMonth: perMonth(s.queries),
  };
}
