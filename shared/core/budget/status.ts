// A budget's state for the UI's progress bars and `cascadeflow budget`.
import { nanoToUsd } from '../pricing/money.ts';
import { periodRange } from './periods.ts';
import { capNano } from './resolve.ts';
import type { BudgetPolicy, BudgetSpec, BudgetState, BudgetUsage } from './types.ts';

export function budgetState(spec: BudgetSpec, usage: BudgetUsage, policy: BudgetPolicy, now: number): BudgetState {
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
  };
}
