// Budgets in words, one wording for the Savings view's bars and `cascadeflow budget`: a user who
// reads both must not be told two different things about the same limit.
import { formatUsdAmount } from '../pricing/money.ts';
import type { BudgetState, BudgetStatus, PerUserLimit } from './types.ts';

const STATE_TEXT = { ok: 'within budget', near: 'near the limit', over: 'over the limit' } as const;

/** Not even the smallest query fits: the budget changes every answer now, whatever its bar shows. */
export function limitsEveryQuery(b: Pick<BudgetState, 'nextQuery'>): boolean {
  return b.nextQuery === 'drafter-only' || b.nextQuery === 'refuse';
}

/**
 * Where the budget stands and, once it changes every answer, how: a query's worst case can pass
 * the limit from a bar that is only near it, or even within it.
 */
export function budgetStateText(b: Pick<BudgetState, 'state' | 'nextQuery'>): string {
  if (!limitsEveryQuery(b)) return STATE_TEXT[b.state];
  const where = b.state === 'over' ? 'over the limit' : 'too little left for a full query';
  return b.nextQuery === 'drafter-only' ? `${where}: answers are drafter-only until the budget resets` : `${where}: queries are refused until the budget resets`;
}

const PER = { day: 'a day', month: 'a month' } as const;

/**
 * budget.perUser: "Each user: $0.50 a day, $5.00 a month (+10% grace)". When users are shown by
 * name (`namedUsers`), "Each user without limits of their own": a named user may have an entry
 * of their own, or be held to these very limits (`budget --user bob` for a bob without one).
 */
export function perUserText(limits: readonly PerUserLimit[], namedUsers: boolean): string {
  const parts = limits.map((l) => `${formatUsdAmount(l.limitUsd)} ${PER[l.period]}${l.graceRatio > 0 ? ` (+${Math.round(l.graceRatio * 100)}% grace)` : ''}`);
  return `${namedUsers ? 'Each user without limits of their own' : 'Each user'}: ${parts.join(', ')}`;
}

const AT_LIMIT = { 'drafter-only': 'answers come from the drafter only', refuse: 'queries are refused' } as const;

/** What every budget does near and at its limit: "from 80% of a limit the cascade prefers the drafter; at a limit …". */
export function budgetPolicyText(p: Pick<BudgetStatus, 'nearLimitRatio' | 'atLimit'>): string {
  return `from ${Math.round(p.nearLimitRatio * 100)}% of a limit the cascade prefers the drafter; at a limit ${AT_LIMIT[p.atLimit]}`;
}
