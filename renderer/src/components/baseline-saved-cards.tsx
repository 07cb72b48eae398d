// "Verifier alone" and "Saved", the two headline cards Savings and Reports both show after what
// was spent: what sending every query to the top tier would have cost, and the difference.
import { formatNanoHeadline, formatPct } from '../lib/format.ts';
import { StatCard } from './stat-card.tsx';

export interface BaselineSavedCardsProps {
  baselineNano: number;
  savingsNano: number;
  /** Saved over the baseline; null while nothing has a baseline. */
  savingsRatio: number | null;
  testIds: { baseline: string; saved: string };
}

export function BaselineSavedCards({ baselineNano, savingsNano, savingsRatio, testIds }: BaselineSavedCardsProps) {
  return (
    <>
      <StatCard label="Verifier alone" value={formatNanoHeadline(baselineNano)} hint="every query sent to the top tier" testId={testIds.baseline} />
      <StatCard
        label="Saved"
        tone={savingsNano > 0 ? 'good' : savingsNano < 0 ? 'bad' : 'neutral'}
        value={formatNanoHeadline(savingsNano)}
        hint={savingsRatio === null ? 'no baseline yet' : `${formatPct(savingsRatio, 1)} of the baseline`}
        testId={testIds.saved}
      />
    </>
  );
}
