// Budgets as the core sees them: limits resolved from the config for one query, what is already
// committed against them, and the decision for the query about to run.
import type { AtLimitAction } from './config-schema.ts';

export type BudgetPeriod = 'day' | 'month';

/** One limit that applies to a query: global daily/monthly, or one user's. */
export interface BudgetSpec {
  /** `daily`, `monthly`, `user:alice:daily`, `user:alice:monthly`: named in decisions and errors. */
  name: string;
  period: BudgetPeriod;
  /** null: all queries together. */
  userId: string | null;
  limitNano: number;
  graceRatio: number;
}

/** Money committed against a budget's current period. */
export interface BudgetUsage {
  /** Ledger cost of the period's queries. */
  spentNano: number;
  /** Worst-case estimates of the runs still in flight. */
  reservedNano: number;
}

export interface BudgetPolicy {
  nearLimitRatio: number;
  nearLimitThreshold: number;
  atLimit: AtLimitAction;
}

export type BudgetAction = 'normal' | 'prefer-drafter' | 'drafter-only' | 'refuse';

export interface BudgetDecision {
  action: BudgetAction;
  /** The budget that drove the decision; null when no budget is close. */
  budget: string | null;
  /** In words, for the decision text and the error message. Empty for `normal`. */
  reason: string;
  /** The acceptance threshold to use (prefer-drafter only). */
  threshold?: number;
  /** What to reserve before the run (0 when refused). */
  reserveNano: number;
}

/** A budget's state for progress bars (`budget.status`, `cascadeflow budget`). */
export interface BudgetState {
  name: string;
  period: BudgetPeriod;
  userId: string | null;
  /** The current period, epoch ms: [from, to). */
  from: number;
  to: number;
  limitNano: number;
  limitUsd: number;
  graceRatio: number;
  /** limit × (1 + grace): no admitted query may end beyond this. */
  capNano: number;
  spentNano: number;
  spentUsd: number;
  reservedNano: number;
  reservedUsd: number;
  /** (spent + reserved) / limit; 0 for a zero limit with nothing committed. */
  usedRatio: number;
  /** `near` from nearLimitRatio on, `over` at or past the limit. */
  state: 'ok' | 'near' | 'over';
  /**
   * What this budget does now to the smallest query of the main cascade (an empty prompt, the
   * expected output). `drafter-only` or `refuse` means not even that fits under the cap, so every
   * query gets it until the period resets, whatever `state` says: a query's worst case can pass
   * the limit from a bar that is only `near`, or even `ok`.
   */
  nextQuery: BudgetAction;
}

/** A limit every user is held to on their own (budget.perUser), before any user is named. */
export interface PerUserLimit {
  period: BudgetPeriod;
  limitNano: number;
  limitUsd: number;
  graceRatio: number;
}

export interface BudgetStatus {
  enabled: boolean;
  atLimit: AtLimitAction;
  nearLimitRatio: number;
  nearLimitThreshold: number;
  budgets: BudgetState[];
  /**
   * budget.perUser, for every user without limits of their own. A user's bar exists only once a
   * user is named, so without one these limits would show nowhere. Empty when none is set.
   */
  perUser: PerUserLimit[];
}
