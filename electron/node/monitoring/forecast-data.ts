// `forecast.get`: the ledger's whole UTC days before today, fed to the pure forecaster.
import type { LedgerStore } from '../../../shared/core/ledger/types.ts';
import { dayIndex, forecastCost, type CostForecast } from '../../../shared/core/monitoring/forecast.ts';
import { DAY_MS } from '../../../shared/core/monitoring/recent-queries.ts';

export interface ForecastRequest {
  days?: number | undefined;
  growth?: number | undefined;
  historyDays?: number | undefined;
}

export const FORECAST_DEFAULTS = { days: 30, growth: 1, historyDays: 90 } as const;

export function costForecast(ledger: LedgerStore, now: number, req: ForecastRequest): CostForecast {
  const historyDays = req.historyDays ?? FORECAST_DEFAULTS.historyDays;
  const startOfToday = dayIndex(now) * DAY_MS;
  const points = ledger.daily({ from: startOfToday - historyDays * DAY_MS, to: startOfToday });
  return forecastCost(
    points.map((p) => ({ day: p.day, costNano: p.costNano })),
    now,
    { days: req.days ?? FORECAST_DEFAULTS.days, growth: req.growth ?? FORECAST_DEFAULTS.growth, historyDays },
  );
}
