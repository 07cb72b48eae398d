// Budget progress bars from budget.status: spent (solid) and reserved by runs in flight (light),
// against the limit; the grace band past the limit is drawn beyond a marker at 100%.
import type { BudgetState, BudgetStatus } from '../../../../shared/core/budget/types.ts';
import { formatDate, formatNano, formatPct } from '../../lib/format.ts';

const PERIOD_LABEL = { day: 'today (UTC)', month: 'this month (UTC)' } as const;

export function budgetTitle(b: BudgetState): string {
  const scope = b.userId === null ? 'All queries' : `User ${b.userId}`;
  return `${scope}, ${b.period === 'day' ? 'daily' : 'monthly'}`;
}

const STATE_TEXT = { ok: 'within budget', near: 'near the limit', over: 'over the limit' } as const;

export function BudgetBar({ budget: b, compact = false }: { budget: BudgetState; compact?: boolean }) {
  // The bar spans the cap (limit + grace) so the part past the limit stays visible.
  const span = Math.max(b.capNano, b.limitNano, b.spentNano + b.reservedNano, 1);
  const w = (nano: number) => `${Math.min(100, (100 * nano) / span)}%`;
  return (
    <div className={`budget budget-${b.state}${compact ? ' budget-compact' : ''}`} data-testid={`budget-${b.name}`} data-state={b.state}>
      <div className="budget-head">
        <span className="budget-name">{budgetTitle(b)}</span>
        <span className="budget-figures" data-testid="budget-figures">
          {formatNano(b.spentNano)}
          {b.reservedNano > 0 && ` + ${formatNano(b.reservedNano)} in flight`} of {formatNano(b.limitNano)}
          <span className="budget-pct"> · {formatPct(b.usedRatio)}</span>
        </span>
      </div>
      <div
        className="budget-track"
        role="progressbar"
        aria-label={`${budgetTitle(b)} budget`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(b.usedRatio * 100)}
        aria-valuetext={`${formatPct(b.usedRatio)} used, ${STATE_TEXT[b.state]}`}
      >
        <span className="budget-spent" style={{ width: w(b.spentNano) }} />
        <span className="budget-reserved" style={{ left: w(b.spentNano), width: w(b.reservedNano) }} />
        {b.capNano > b.limitNano && <span className="budget-limit" style={{ left: w(b.limitNano) }} title="the limit; past it is the grace allowance" />}
      </div>
      {!compact && (
        <div className="budget-foot">
          <span className={`budget-state budget-state-${b.state}`}>{STATE_TEXT[b.state]}</span>
          <span>
            {PERIOD_LABEL[b.period]}, resets {formatDate(b.to)}
            {b.graceRatio > 0 && ` · grace ${formatPct(b.graceRatio)}`}
          </span>
        </div>
      )}
    </div>
  );
}

const AT_LIMIT_TEXT = { 'drafter-only': 'answers come from the first tier only', refuse: 'queries are refused' } as const;

export function BudgetSection({ status }: { status: BudgetStatus | null }) {
  if (!status || !status.enabled || status.budgets.length === 0) return null;
  return (
    <section className="card" data-testid="budgets">
      <h2 className="card-title">
        Budgets
        <span className="card-sub">
          from {formatPct(status.nearLimitRatio)} of a limit the cascade prefers the drafter; at a limit {AT_LIMIT_TEXT[status.atLimit]}
        </span>
      </h2>
      <div className="budget-list">
        {status.budgets.map((b) => (
          <BudgetBar key={b.name} budget={b} />
        ))}
      </div>
    </section>
  );
}
