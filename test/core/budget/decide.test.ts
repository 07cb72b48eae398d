// The pure budget decision: normal far from the limits, prefer-drafter near one, and at a limit
// refuse or drafter-only, always naming the budget that decided.
import { describe, expect, it } from 'vitest';
import { decideBudget, type BudgetCheck, type BudgetPolicy, type BudgetSpec, type DecideInput } from '../../../shared/core/budget/index.ts';

const policy: BudgetPolicy = { nearLimitRatio: 0.8, nearLimitThreshold: 0.5, atLimit: 'refuse' };
const daily = (limitNano: number, graceRatio = 0): BudgetSpec => ({ name: 'daily', period: 'day', userId: null, limitNano, graceRatio });
const check = (spec: BudgetSpec, spentNano: number, reservedNano = 0): BudgetCheck => ({ spec, usage: { spentNano, reservedNano } });

function decide(budgets: BudgetCheck[], over: Partial<DecideInput> = {}) {
  return decideBudget({ budgets, policy, estimateNano: 100, drafterEstimateNano: 10, drafterIsFree: false, hasVerifier: true, ...over });
}

describe('decideBudget', () => {
  it('runs normally without budgets or far from them and reserves the estimate', () => {
    expect(decide([])).toEqual({ action: 'normal', budget: null, reason: '', reserveNano: 100 });
    expect(decide([check(daily(1000), 500, 199)])).toMatchObject({ action: 'normal', reserveNano: 100 });
  });

  it('prefers the drafter from the near ratio counting reservations', () => {
    const d = decide([check(daily(1000), 600, 250)]);
    expect(d).toEqual({ action: 'prefer-drafter', budget: 'daily', reason: "budget 'daily' is 85% spent: threshold lowered to 0.5", threshold: 0.5, reserveNano: 100 });
    expect(decide([check(daily(1000), 850)], { requestedThreshold: 0.3 })).toMatchObject({ threshold: 0.3, reason: "budget 'daily' is 85% spent: threshold kept at 0.3" });
    expect(decide([check(daily(1000), 850)], { requestedThreshold: 0.9 })).toMatchObject({ threshold: 0.5 });
  });

  it('never overstates the percentage', () => {
    expect(decide([check(daily(1_000_000), 849_999)]).reason).toBe("budget 'daily' is 84% spent: threshold lowered to 0.5");
  });

  it('refuses when the worst case would end past the limit unless grace covers it', () => {
    const strict = decide([check(daily(1000), 850)], { estimateNano: 200 });
    expect(strict.action).toBe('refuse');
    expect(strict.reserveNano).toBe(0);
    expect(strict.reason).toMatch(/^budget 'daily' \(\$0\.000001 a day\) is 85% spent and this query could cost up to \$0\.0000002: refused$/);
    expect(decide([check(daily(1000, 0.1), 850)], { estimateNano: 200 })).toMatchObject({ action: 'prefer-drafter', reserveNano: 200 });
    expect(decide([check(daily(1000, 0.1), 850)], { estimateNano: 251 }).action).toBe('refuse');
    // Exactly at the cap is still within it.
    expect(decide([check(daily(1000, 0.1), 850)], { estimateNano: 250 }).action).toBe('prefer-drafter');
  });

  it('refuses at the limit even with grace left', () => {
    expect(decide([check(daily(1000, 1), 1000)], { estimateNano: 1 })).toMatchObject({ action: 'refuse', budget: 'daily' });
  });

  it('drafter only reserves the drafter when it fits and refuses when it does not', () => {
    const at = { policy: { ...policy, atLimit: 'drafter-only' as const } };
    expect(decide([check(daily(1000, 0.05), 1000)], at)).toEqual({
      action: 'drafter-only',
      budget: 'daily',
      reason: "budget 'daily' ($0.000001 a day) is 100% spent: answered with the drafter only",
      reserveNano: 10,
    });
    const tight = decide([check(daily(1000), 1000)], at);
    expect(tight.action).toBe('refuse');
    expect(tight.reason).toMatch(/even the drafter could cost up to/);
    // A free drafter (local, energy only) answers whatever is spent.
    expect(decide([check(daily(1000), 5000)], { ...at, drafterIsFree: true })).toMatchObject({ action: 'drafter-only', reserveNano: 10 });
    // A single paid tier cannot fall back to anything.
    expect(decide([check(daily(1000), 1000)], { ...at, hasVerifier: false }).action).toBe('refuse');
  });

  it('names the most used budget among several', () => {
    const user: BudgetSpec = { name: 'user:alice:daily', period: 'day', userId: 'alice', limitNano: 100, graceRatio: 0 };
    const d = decide([check(daily(10_000), 9000), check(user, 100)], { estimateNano: 1 });
    expect(d).toMatchObject({ action: 'refuse', budget: 'user:alice:daily' });
    expect(d.reason).toMatch(/\$0\.0000001 a day for alice/);
    expect(decide([check(daily(10_000), 9000), check(user, 85)], { estimateNano: 1 })).toMatchObject({ action: 'prefer-drafter', budget: 'daily' });
  });

  it('a run that can cost nothing is never limited', () => {
    expect(decide([check(daily(0), 0)], { estimateNano: 0 })).toMatchObject({ action: 'normal', reserveNano: 0 });
    expect(decide([check(daily(0), 0)]).reason).toBe("budget 'daily' allows no spending ($0.00 a day): refused");
  });
});
