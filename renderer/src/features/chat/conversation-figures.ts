// A conversation's running figures as the header and the Markdown export write them: what it
// spent, and what the verifier alone would have cost and the difference when there is a
// baseline to compare with, all three to the same decimals.
import type { ConversationSummary } from '../../../../shared/api/contract.ts';
import { counted } from '../../../../shared/core/words.ts';
import { formatUsd, formatUsdAligned, PRICE_UNKNOWN } from '../../lib/format.ts';

export interface ConversationFigures {
  spent: string;
  /**
   * Set when answers called a model without a known price: `spent` leaves their cost out, so it
   * is only what is known ("+ price unknown"), and `note` says which answers.
   */
  unpriced: { mark: string; note: string } | null;
  /** Null when nothing in the conversation has a baseline (every run failed) or a cost is unknown. */
  comparison: { baseline: string; saved: string } | null;
}

type Figures = Pick<ConversationSummary, 'costUsd' | 'baselineCostUsd' | 'savingsUsd' | 'unknownPriceQueries'>;

export function conversationFigures(c: Figures): ConversationFigures {
  if (c.unknownPriceQueries > 0) {
    // A saving from a total that misses some calls is no saving at all: only what is known is said.
    const note = `${counted(c.unknownPriceQueries, 'answer')} used a model without a known price: ${c.unknownPriceQueries === 1 ? 'its' : 'their'} cost is not in this total.`;
    return { spent: formatUsd(c.costUsd), unpriced: { mark: `+ ${PRICE_UNKNOWN}`, note }, comparison: null };
  }
  // A failed run has no baseline (the verifier alone would have failed too) and an unpriced
  // verifier has none to give: "verifier alone $0.00" and a saving below zero would say nothing.
  if (!(c.baselineCostUsd > 0)) return { spent: formatUsd(c.costUsd), unpriced: null, comparison: null };
  const [spent = '', baseline = '', saved = ''] = formatUsdAligned([c.costUsd, c.baselineCostUsd, c.savingsUsd]);
  return { spent, unpriced: null, comparison: { baseline, saved } };
}
