// The per-user limits (budget.perUser) in words. Each user's own bar appears only once a user is
// named, so without this line a configured per-user limit would show nowhere in the app.
import type { PerUserLimit } from '../../../../shared/core/budget/types.ts';
import { RichText } from '../../components/rich-text.tsx';
import { formatPct, formatUsd } from '../../lib/format.ts';

const PER = { day: 'a day', month: 'a month' } as const;

/** "Each user: $0.50 a day, $5.00 a month (+10% grace)"; "Each other user" when some users have limits of their own. */
export function perUserText(limits: readonly PerUserLimit[], namedUsers: boolean): string {
  const parts = limits.map((l) => `${formatUsd(l.limitUsd)} ${PER[l.period]}${l.graceRatio > 0 ? ` (+${formatPct(l.graceRatio)} grace)` : ''}`);
  return `${namedUsers ? 'Each other user' : 'Each user'}: ${parts.join(', ')}`;
}

export function PerUserLimits({ limits, namedUsers }: { limits: readonly PerUserLimit[]; namedUsers: boolean }) {
  if (limits.length === 0) return null;
  return (
    <div className="budget-per-user" data-testid="budget-per-user">
      <span className="budget-name">{perUserText(limits, namedUsers)}</span>
      <span className="budget-per-user-hint">
        <RichText text="held on their own to queries tagged with their user id (the API's userId, or `cascadeflow ask --user`)" />
      </span>
    </div>
  );
}
