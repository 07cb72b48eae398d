// A budget's state for the UI's progress bars and `cascadeflow budget`.
import { nanoToUsd } from '../pricing/money.ts';
import { decideBudget, type DecideInput } from './decide.ts';
import { periodRange } from './periods.ts';
import { capNano } from './resolve.ts';
import type { BudgetPolicy, BudgetSpec, BudgetState, BudgetUsage } from './types.ts';
import { limitsEveryQuery } from './wording.ts';

/** The worst case of a query, as the budget decision weighs it (decide.ts). */
export type QueryEstimate = Pick<DecideInput, 'estimateNano' | 'drafterEstimateNano' | 'drafterIsFree' | 'hasVerifier'>;

/**
 * `smallestQuery`: the worst case of the cheapest query the main cascade can be asked (see
 * BudgetState.nextQuery); the decision for it is the one admission would make now.
 */
export function budgetState(spec: BudgetSpec, usage: BudgetUsage, policy: BudgetPolicy, now: number, smallestQuery: QueryEstimate): BudgetState {
  const { from, to } = periodRange(spec.period, now);
  const committed = usage.spentNano + usage.reservedNano;
  const usedRatio = spec.limitNano > 0 ? committed / spec.limitNano : committed > 0 ? 1 : 0;
  return {
    name: spec.name,
    period: spec.period,
    userId: spec.userId,
    from,
    to,
    limitNano: spec.limitNano,
    limitUsd: nanoToUsd(spec.limitNano),
    graceRatio: spec.graceRatio,
    capNano: capNano(spec),
    spentNano: usage.spentNano,
    spentUsd: nanoToUsd(usage.spentNano),
    reservedNano: usage.reservedNano,
    reservedUsd: nanoToUsd(usage.reservedNano),
    usedRatio,
    state: committed >= spec.limitNano ? 'over' : usedRatio >= policy.nearLimitRatio ? 'near' : 'ok',
    nextQuery: decideBudget({ budgets: [{ spec, usage }], policy, ...smallestQuery }).action,
  };
}

/** A bar worth showing unasked: near or over its limit, or already changing every answer. */
export function needsAttention(b: Pick<BudgetState, 'state' | 'nextQuery'>): boolean {
  return b.state !== 'ok' || limitsEveryQuery(b);
}
