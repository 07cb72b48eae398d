// The budget decision for one query, before any model is called. Pure: given the limits, what
// is already committed against each (ledger spend + open reservations) and the query's
// worst-case estimates, say whether it runs normally, prefers the drafter, runs the drafter
// only, or is refused, naming the budget and why.
import { formatUsd } from '../pricing/money.ts';
import { capNano } from './resolve.ts';
import type { BudgetDecision, BudgetPolicy, BudgetSpec, BudgetUsage } from './types.ts';

export interface BudgetCheck {
  spec: BudgetSpec;
  usage: BudgetUsage;
}

export interface DecideInput {
  budgets: readonly BudgetCheck[];
  policy: BudgetPolicy;
  /** Worst case of every tier that may run. */
  estimateNano: number;
  /** Worst case of the first tier alone (what drafter-only would run). */
  drafterEstimateNano: number;
  /** The drafter runs on the user's own hardware without a price (energy only), or costs $0: not a paid model. */
  drafterIsFree: boolean;
  /** True when the run has more than one tier (drafter-only would change something). */
  hasVerifier: boolean;
  /** The request's own threshold, if it gave one (a lower one is kept). */
  requestedThreshold?: number;
}

const used = (u: BudgetUsage): number => u.spentNano + u.reservedNano;
const ratioOf = (b: BudgetCheck): number => (b.spec.limitNano > 0 ? used(b.usage) / b.spec.limitNano : used(b.usage) > 0 ? Infinity : 0);
/** Whole percent, never overstated: 84.99% is "84%". */
const percent = (r: number): string => (Number.isFinite(r) ? `${Math.floor(r * 100 + 1e-9)}%` : 'fully');
/** A run that can cost nothing commits nothing, whatever is already spent. */
const fits = (b: BudgetCheck, amount: number): boolean => amount === 0 || used(b.usage) + amount <= capNano(b.spec);

function period(spec: BudgetSpec): string {
  const who = spec.userId === null ? '' : ` for ${spec.userId}`;
  return `${spec.period === 'day' ? 'a day' : 'a month'}${who}`;
}

/** "budget 'daily' ($5.00 a day) is 97% spent" */
function describe(b: BudgetCheck): string {
  if (b.spec.limitNano === 0) return `budget '${b.spec.name}' allows no spending (${formatUsd(0)} ${period(b.spec)})`;
  return `budget '${b.spec.name}' (${formatUsd(b.spec.limitNano)} ${period(b.spec)}) is ${percent(ratioOf(b))} spent`;
}

function mostUsed(list: readonly BudgetCheck[]): BudgetCheck | undefined {
  return [...list].sort((a, b) => ratioOf(b) - ratioOf(a))[0];
}

export function decideBudget(input: DecideInput): BudgetDecision {
  const { budgets, policy, estimateNano } = input;
  const normal: BudgetDecision = { action: 'normal', budget: null, reason: '', reserveNano: estimateNano };
  // Nothing this run may call has a cost a budget could limit.
  if (budgets.length === 0 || estimateNano === 0) return normal;

  // At a limit: nothing more may be committed, or this query's worst case would end past the cap.
  const blocking = budgets.filter((b) => used(b.usage) >= b.spec.limitNano || !fits(b, estimateNano));
  const worst = mostUsed(blocking);
  if (worst) {
    const why = used(worst.usage) >= worst.spec.limitNano
      ? describe(worst)
      : `${describe(worst)} and this query could cost up to ${formatUsd(estimateNano)}`;
    if (policy.atLimit === 'drafter-only' && input.hasVerifier) {
      const tooTight = input.drafterIsFree ? undefined : mostUsed(budgets.filter((b) => !fits(b, input.drafterEstimateNano)));
      if (!tooTight) {
        return { action: 'drafter-only', budget: worst.spec.name, reason: `${why}: answered with the drafter only`, reserveNano: input.drafterEstimateNano };
      }
      return {
        action: 'refuse',
        budget: tooTight.spec.name,
        reason: `${describe(tooTight)} and even the drafter could cost up to ${formatUsd(input.drafterEstimateNano)}: refused`,
        reserveNano: 0,
      };
    }
    if (policy.atLimit === 'drafter-only' && input.drafterIsFree) {
      // A single free tier: answering costs nothing that a budget limits.
      return { action: 'drafter-only', budget: worst.spec.name, reason: `${why}: answered with the drafter only`, reserveNano: input.drafterEstimateNano };
    }
    return { action: 'refuse', budget: worst.spec.name, reason: `${why}: refused`, reserveNano: 0 };
  }

  const near = mostUsed(budgets.filter((b) => ratioOf(b) >= policy.nearLimitRatio));
  if (near) {
    const requested = input.requestedThreshold;
    const threshold = requested !== undefined && requested < policy.nearLimitThreshold ? requested : policy.nearLimitThreshold;
    const verb = threshold === policy.nearLimitThreshold ? 'lowered to' : 'kept at';
    return {
      action: 'prefer-drafter',
      budget: near.spec.name,
      reason: `budget '${near.spec.name}' is ${percent(ratioOf(near))} spent: threshold ${verb} ${threshold}`,
      threshold,
      reserveNano: estimateNano,
    };
  }
  return normal;
}
