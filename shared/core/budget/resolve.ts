// Which limits apply to a query: the global ones, plus the user's own (a named entry in
// `users`, else `perUser`) when the query carries a userId.
import { nanoToUsd, usdToNano } from '../pricing/money.ts';
import type { BudgetConfig, BudgetLimitConfig, BudgetLimitPair } from './config-schema.ts';
import type { BudgetPeriod, BudgetPolicy, BudgetSpec, PerUserLimit } from './types.ts';

export function isBudgetActive(config: BudgetConfig | undefined): config is BudgetConfig {
  return config !== undefined && config.enabled;
}

export function budgetPolicy(config: BudgetConfig): BudgetPolicy {
  return { nearLimitRatio: config.nearLimitRatio, nearLimitThreshold: config.nearLimitThreshold, atLimit: config.atLimit };
}

function spec(name: string, period: BudgetPeriod, userId: string | null, limit: BudgetLimitConfig): BudgetSpec {
  return { name, period, userId, limitNano: usdToNano(limit.limitUsd), graceRatio: limit.graceRatio };
}

function pair(prefix: string, userId: string | null, limits: BudgetLimitPair | undefined): BudgetSpec[] {
  const out: BudgetSpec[] = [];
  if (limits?.daily) out.push(spec(`${prefix}daily`, 'day', userId, limits.daily));
  if (limits?.monthly) out.push(spec(`${prefix}monthly`, 'month', userId, limits.monthly));
  return out;
}

export function userLimits(config: BudgetConfig, userId: string): BudgetLimitPair | undefined {
  return Object.hasOwn(config.users, userId) ? config.users[userId] : config.perUser;
}

/** The budgets a query by `userId` (or by nobody in particular) is held to. */
export function budgetsFor(config: BudgetConfig | undefined, userId: string | null | undefined): BudgetSpec[] {
  if (!isBudgetActive(config)) return [];
  const global = pair('', null, config);
  if (!userId) return global;
  return [...global, ...pair(`user:${userId}:`, userId, userLimits(config, userId))];
}

/** What `budget.status` shows: the global budgets and those of `userId`, else of every named user. */
export function budgetsToShow(config: BudgetConfig | undefined, userId: string | undefined): BudgetSpec[] {
  if (!isBudgetActive(config)) return [];
  if (userId) return budgetsFor(config, userId);
  return [...pair('', null, config), ...Object.keys(config.users).sort().flatMap((u) => pair(`user:${u}:`, u, config.users[u]))];
}

/** The budget.perUser limits as `userId`'s own budgets; none for a user named in `users`. */
export function perUserSpecs(config: BudgetConfig | undefined, userId: string): BudgetSpec[] {
  if (!isBudgetActive(config) || Object.hasOwn(config.users, userId)) return [];
  return pair(`user:${userId}:`, userId, config.perUser);
}

/** The limits each user without an entry in `users` gets (budget.status shows them in words). */
export function perUserLimits(config: BudgetConfig | undefined): PerUserLimit[] {
  if (!isBudgetActive(config)) return [];
  return pair('', null, config.perUser).map((s) => ({ period: s.period, limitNano: s.limitNano, limitUsd: nanoToUsd(s.limitNano), graceRatio: s.graceRatio }));
}

/** limit × (1 + grace), in whole nano-USD. */
export function capNano(spec: BudgetSpec): number {
  return Math.floor(spec.limitNano * (1 + spec.graceRatio));
}
