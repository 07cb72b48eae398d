// How many escalations there were, in words that match what the chat shows. The ledger counts a
// query as escalated when it went past its first tier; that includes a draft returned unverified
// because every tier above it failed (it cost the verifier's failed call, and the escalation rate
// should show it), while the chat marks such an answer "unverified", not "escalated". Saying the
// split keeps both true.
import { formatCount } from '../pricing/money.ts';

/** "5 escalated", or "5 escalated, 2 of them kept unverified (verifier failed)". */
export function escalatedWords(escalated: number, draftsUnverified: number): string {
  // Every draft returned unverified is among the escalated (see outcome.ts), so "of them" holds;
  // the bound only keeps a hand-edited ledger from reading "1 escalated, 2 of them".
  const unverified = Math.min(draftsUnverified, escalated);
  const split = unverified > 0 ? `, ${formatCount(unverified)} of them kept unverified (verifier failed)` : '';
  return `${formatCount(escalated)} escalated${split}`;
}
