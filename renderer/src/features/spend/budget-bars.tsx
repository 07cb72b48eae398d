// Budget progress bars from budget.status: spent (solid) and reserved by runs in flight (light),
// against the limit; the grace band past the limit is drawn beyond a marker at 100%.
import type { BudgetState, BudgetStatus } from '../../../../shared/core/budget/types.ts';
import { budgetPolicyText, budgetStateText, limitsEveryQuery } from '../../../../shared/core/budget/wording.ts';
import { formatDate, formatDateTime, formatNano, formatPct } from '../../lib/format.ts';
import { PerUserLimits } from './per-user-limits.tsx';

const PERIOD_LABEL = { day: 'today (UTC)', month: 'this month (UTC)' } as const;

/**
 * When a budget resets, in the user's clock. Budgets run on UTC days, so west of UTC a daily one
 * resets in the afternoon: a date alone ("resets Nov 29" on the 29th) reads as already done.
 */
export function resetWhen(to: number): string {
  const d = new Date(to);
  return d.getHours() === 0 && d.getMinutes() === 0 ? formatDate(to) : formatDateTime(to);
}

export function budgetTitle(b: BudgetState): string {
  const scope = b.userId === null ? 'All queries' : `User ${b.userId}`;
  return `${scope}, ${b.period === 'day' ? 'daily' : 'monthly'}`;
}

/** The bar's colour: a budget that changes every answer is shown as one at its limit. */
export function budgetTone(b: BudgetState): BudgetState['state'] {
  return limitsEveryQuery(b) ? 'over' : b.state;
}

export function BudgetBar({ budget: b, compact = false }: { budget: BudgetState; compact?: boolean }) {
  // The bar spans the cap (limit + grace) so the part past the limit stays visible.
  const span = Math.max(b.capNano, b.limitNano, b.spentNano + b.reservedNano, 1);
  const w = (nano: number) => `${Math.min(100, (100 * nano) / span)}%`;
  const tone = budgetTone(b);
  const stateText = budgetStateText(b);
  return (
    <div className={`budget budget-${tone}${compact ? ' budget-compact' : ''}`} data-testid={`budget-${b.name}`} data-state={b.state} data-next-query={b.nextQuery}>
      <div className="budget-head">
        <span className="budget-name">{budgetTitle(b)}</span>
        <span className="budget-figures" data-testid="budget-figures">
          <span className="budget-amounts">
            {formatNano(b.spentNano)}
            {b.reservedNano > 0 && ` + ${formatNano(b.reservedNano)} in flight`} of {formatNano(b.limitNano)}
          </span>
          <span className="budget-sep"> · </span>
          <span className="budget-pct">{formatPct(b.usedRatio)}</span>
        </span>
      </div>
      <div
        className="budget-track"
        role="progressbar"
        aria-label={`${budgetTitle(b)} budget`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(b.usedRatio * 100)}
        aria-valuetext={`${formatPct(b.usedRatio)} used, ${stateText}`}
      >
        <span className="budget-spent" style={{ width: w(b.spentNano) }} />
        <span className="budget-reserved" style={{ left: w(b.spentNano), width: w(b.reservedNano) }} />
        {b.capNano > b.limitNano && <span className="budget-limit" style={{ left: w(b.limitNano) }} title="the limit; past it is the grace allowance" />}
      </div>
      {compact && limitsEveryQuery(b) && (
        // Without it the navigation would show a bar a few percent full and nothing about why answers changed.
        <span className={`budget-state budget-state-${tone} budget-compact-state`} data-testid="budget-state">
          {b.nextQuery === 'drafter-only' ? 'answers drafter-only until reset' : 'queries refused until reset'}
        </span>
      )}
      {!compact && (
        <div className="budget-foot">
          <span className={`budget-state budget-state-${tone}`} data-testid="budget-state">
            {stateText}
          </span>
          <span>
            {PERIOD_LABEL[b.period]}, resets {resetWhen(b.to)}
            {b.graceRatio > 0 && ` · grace ${formatPct(b.graceRatio)}`}
          </span>
        </div>
      )}
    </div>
  );
}

export function BudgetSection({ status }: { status: BudgetStatus | null }) {
  if (!status || !status.enabled || (status.budgets.length === 0 && status.perUser.length === 0)) return null;
  return (
    <section className="card" data-testid="budgets">
      <h2 className="card-title">
        Budgets
        <span className="card-sub">
          {budgetPolicyText(status)}
        </span>
      </h2>
      <div className="budget-list">
        {status.budgets.map((b) => (
          <BudgetBar key={b.name} budget={b} />
        ))}
        <PerUserLimits limits={status.perUser} namedUsers={status.budgets.some((b) => b.userId !== null)} />
      </div>
    </section>
  );
}
