// Under a drafter acceptance figure: its denominator, and the answers from the response cache it
// leaves out (no model ran, so they say nothing about the drafter), with what they saved.
import { cacheHitWords } from '../../../shared/core/ledger/cache-hit-words.ts';
import { formatCount, formatNano } from '../lib/format.ts';

export function AcceptanceHint({ eligible, cacheHits, cacheSavingsNano, testId }: { eligible: number; cacheHits: number; cacheSavingsNano: number | null; testId: string }) {
  const cached = cacheHitWords(cacheHits, cacheSavingsNano, formatNano);
  return (
    <>
      of {formatCount(eligible)} answered queries
      {cached && (
        <span className="stat-hint-line" data-testid={testId}>
          {cached}
        </span>
      )}
    </>
  );
}
