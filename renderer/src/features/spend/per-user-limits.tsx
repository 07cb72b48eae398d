// The per-user limits (budget.perUser) in words. A user's own bar appears only once the user is
// named in the config or comes near one of these limits, so without this line a configured
// per-user limit would show nowhere in the app.
import type { PerUserLimit } from '../../../../shared/core/budget/types.ts';
import { perUserText } from '../../../../shared/core/budget/wording.ts';
import { RichText } from '../../components/rich-text.tsx';

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
