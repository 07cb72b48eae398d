// What the Savings view says when the chosen range holds no queries: how to record some on a new
// ledger, or, when the ledger has queries elsewhere (an older ledger, a restored backup), where
// they are, with one click to show them.
import type { LedgerExtent } from '../../../../shared/api/contract.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { SavingsIcon } from '../../components/icons.tsx';
import { NoQueriesYet } from '../../components/no-queries-yet.tsx';
import { formatDate } from '../../lib/format.ts';
import { useNavStore } from '../../stores/nav-store.ts';
import { useSavingsStore } from '../../stores/savings-store.ts';
import { daysEndingAt } from './range.ts';

/** The span the button shows: the same as the default preset, ending at the newest query. */
const SHOWN_DAYS = 30;

export function EmptyRange({ extent, longerRangeHint }: { extent: LedgerExtent | null; longerRangeHint: boolean }) {
  const go = useNavStore((s) => s.go);
  const setCustom = useSavingsStore((s) => s.setCustom);
  const { firstAt, lastAt } = extent ?? { firstAt: null, lastAt: null };

  if (firstAt === null || lastAt === null) {
    return <NoQueriesYet icon={<SavingsIcon size={28} />} span="range" shows="the savings show up here" longerHint={longerRangeHint} onAsk={() => go('chat')} />;
  }
  return (
    <EmptyState
      icon={<SavingsIcon size={28} />}
      title="No queries in this range"
      action={
        <Button variant="primary" data-testid="show-newest-queries" onClick={() => setCustom(daysEndingAt(lastAt, SHOWN_DAYS))}>
          Show the {SHOWN_DAYS} days up to {formatDate(lastAt)}
        </Button>
      }
    >
      <span data-testid="ledger-extent">
        {formatDate(firstAt) === formatDate(lastAt)
          ? `Your ledger's queries are all from ${formatDate(lastAt)}.`
          : `Your ledger holds queries from ${formatDate(firstAt)} to ${formatDate(lastAt)}.`}
      </span>
    </EmptyState>
  );
}
