// A conversation's running figures as the header and the Markdown export write them: what it
// spent, and what the verifier alone would have cost and the difference when there is a
// baseline to compare with, all three to the same decimals.
import type { ConversationSummary } from '../../../../shared/api/contract.ts';
import { formatUsd, formatUsdAligned } from '../../lib/format.ts';

export interface ConversationFigures {
  spent: string;
  /** Null when nothing in the conversation has a baseline (every run failed). */
  comparison: { baseline: string; saved: string } | null;
}

export function conversationFigures(c: Pick<ConversationSummary, 'costUsd' | 'baselineCostUsd' | 'savingsUsd'>): ConversationFigures {
  // A failed run has no baseline (the verifier alone would have failed too) and an unpriced
  // verifier has none to give: "verifier alone $0.00" and a saving below zero would say nothing.
  if (!(c.baselineCostUsd > 0)) return { spent: formatUsd(c.costUsd), comparison: null };
  const [spent = '', baseline = '', saved = ''] = formatUsdAligned([c.costUsd, c.baselineCostUsd, c.savingsUsd]);
  return { spent, comparison: { baseline, saved } };
}
