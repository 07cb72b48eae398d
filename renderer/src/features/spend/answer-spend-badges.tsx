// Badges under an answer for the spend features: served from the response cache, adjusted by a
// budget. Rendered by the chat's AnswerBadges.
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { budgetNotes } from './budget-notes.ts';

export function AnswerSpendBadges({ outcome }: { outcome: CascadeOutcome }) {
  const notes = budgetNotes(outcome.decision);
  return (
    <>
      {outcome.cache && (
        <span className="badge badge-good" data-testid="answer-cached" title={`Served from the ${outcome.cache.backend} response cache (stored ${formatDateTime(outcome.cache.storedAt)}): no model was called.`}>
          cached
        </span>
      )}
      {notes.length > 0 && (
        <span className="badge badge-warn" data-testid="answer-budget" title={notes.join('\n')}>
          budget
        </span>
      )}
    </>
  );
}
