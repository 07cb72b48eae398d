// Budgets (budget.status) and the cost forecast (forecast.get) for the Savings view and the
// app-level budget warning. Both refresh when the ledger or the config changes (spend-sync.ts).
import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/result.ts';
import type { BudgetState, BudgetStatus } from '../../../shared/core/budget/types.ts';
import { limitsEveryQuery } from '../../../shared/core/budget/wording.ts';
import type { CostForecast } from '../../../shared/core/monitoring/forecast.ts';
import { api } from '../api/instance.ts';

export const FORECAST_DAYS = 30;

interface SpendState {
  budget: BudgetStatus | null;
  budgetError: ApiError | null;
  forecast: CostForecast | null;
  forecastError: ApiError | null;
  /** Extra growth per 30 days on top of the history's trend (1 = the trend only). */
  growth: number;
  loadBudget(): Promise<void>;
  loadForecast(): Promise<void>;
  setGrowth(growth: number): void;
}

let budgetSeq = 0;
let forecastSeq = 0;

export const useSpendStore = create<SpendState>()((set, get) => ({
  budget: null,
  budgetError: null,
  forecast: null,
  forecastError: null,
  growth: 1,

  async loadBudget() {
    const seq = ++budgetSeq;
    const r = await api().call('budget.status', {});
    if (seq !== budgetSeq) return;
    set(r.ok ? { budget: r.value, budgetError: null } : { budgetError: r.error });
  },

  async loadForecast() {
    const seq = ++forecastSeq;
    const r = await api().call('forecast.get', { days: FORECAST_DAYS, growth: get().growth });
    if (seq !== forecastSeq) return;
    set(r.ok ? { forecast: r.value, forecastError: null } : { forecastError: r.error });
  },

  setGrowth(growth) {
    if (!Number.isFinite(growth) || growth < 0.1 || growth > 10) return;
    set({ growth });
    void get().loadForecast();
  },
}));

/** How much a budget changes answers now: one that drafts or refuses every query comes first, however full its bar. */
const pressure = (b: BudgetState): number => (limitsEveryQuery(b) ? 2 : b.state === 'ok' ? 0 : 1);

/** Budgets at or past nearLimitRatio, or changing every answer, the worst first: what the app-level warning shows. */
export function pressingBudgets(status: BudgetStatus | null): BudgetState[] {
  if (!status?.enabled) return [];
  return status.budgets.filter((b) => pressure(b) > 0).sort((a, b) => pressure(b) - pressure(a) || b.usedRatio - a.usedRatio);
}
