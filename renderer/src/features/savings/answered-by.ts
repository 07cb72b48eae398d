// Who answered the range's queries, from the ledger's counts: the drafter (its draft accepted, or
// returned unverified because no tier above could answer), a tier above it (escalated, or asked
// directly with "Retry with the verifier"), the response cache (no model ran), or no one.
import type { LedgerSummary } from '../../../../shared/core/ledger/types.ts';

export type AnsweredKind = 'drafter' | 'unverified' | 'above' | 'cache' | 'other';

export interface AnsweredSlice {
  kind: AnsweredKind;
  label: string;
  value: number;
}

export function answeredBy(s: Pick<LedgerSummary, 'queries' | 'draftsAccepted' | 'draftsUnverified' | 'answeredAbove' | 'cacheHits'>): AnsweredSlice[] {
  const other = s.queries - s.draftsAccepted - s.draftsUnverified - s.answeredAbove - s.cacheHits;
  return [
    { kind: 'drafter' as const, label: 'Drafter accepted', value: s.draftsAccepted },
    // Rare (the verifier failed), so shown only when it happened.
    ...(s.draftsUnverified > 0 ? [{ kind: 'unverified' as const, label: 'Draft kept unverified (verifier failed)', value: s.draftsUnverified }] : []),
    { kind: 'above' as const, label: 'Answered above the drafter', value: s.answeredAbove },
    // Whichever tier gave the stored answer, the cache gave this one: shown only when it did.
    ...(s.cacheHits > 0 ? [{ kind: 'cache' as const, label: 'Answered from cache', value: s.cacheHits }] : []),
    // Failed or stopped runs, and answers from a cascade of one tier (nothing above to ask).
    ...(other > 0 ? [{ kind: 'other' as const, label: 'No answer, or no tier above to ask', value: other }] : []),
  ];
}
