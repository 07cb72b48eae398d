// "Verifier alone" and "Saved", the two headline cards Savings and Reports both show after what
// was spent: what sending every query to the top tier would have cost, and the difference.
import { counted } from '../../../shared/core/words.ts';
import { formatNanoHeadline, formatPct } from '../lib/format.ts';
import { StatCard } from './stat-card.tsx';

export interface BaselineSavedCardsProps {
  baselineNano: number;
  savingsNano: number;
  /** Saved over the baseline; null while nothing has a baseline. */
  savingsRatio: number | null;
  /** Queries with a call of unknown price: in the baseline, left out of the saving and its ratio. */
  unpricedQueries?: number;
  testIds: { baseline: string; saved: string };
}

export function BaselineSavedCards({ baselineNano, savingsNano, savingsRatio, unpricedQueries = 0, testIds }: BaselineSavedCardsProps) {
  // The ratio is over the baseline of the queries whose cost is known, not the card beside it.
  const share = savingsRatio === null ? 'no baseline yet' : `${formatPct(savingsRatio, 1)} of the baseline`;
  const hint = unpricedQueries > 0 ? `${share}, without the ${counted(unpricedQueries, 'query', 'queries')} of unknown price` : share;
  return (
    <>
      <StatCard label="Verifier alone" value={formatNanoHeadline(baselineNano)} hint="every query sent to the top tier" testId={testIds.baseline} />
      <StatCard
        label="Saved"
        tone={savingsNano > 0 ? 'good' : savingsNano < 0 ? 'bad' : 'neutral'}
        value={formatNanoHeadline(savingsNano)}
        hint={hint}
        testId={testIds.saved}
      />
    </>
  );
}
