// The facts under an answer. AnswerBadges is the compact line every answer keeps: who answered
// (tier, model, local/cloud), what it cost, and any warning (unverified, budget, price unknown).
// AnswerDetails is the rest (saving, tokens, latency), which assistant-answer.tsx shows for the
// latest answer and reveals on the others. An unknown price says so; it is never shown as $0.
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { ChipIcon, CloudIcon } from '../../components/icons.tsx';
import { formatMs, formatTokens, formatUsd } from '../../lib/format.ts';
import { AnswerSpendBadges } from '../spend/answer-spend-badges.tsx';
import { answerRole, finalAttempt, isLocalModel, runTokens } from './outcome-view.ts';
import { counted } from '../../../../shared/core/words.ts';

/** What the cost (and the saving) is made of, for their tooltips. */
function costTitle(outcome: CascadeOutcome): string {
  const baseline = outcome.baselineCostUsd;
  return [
    outcome.costUsd === null ? 'At least one model in this run has no known price: set one in Models & Settings.' : 'Total cost of every model call in this run.',
    baseline !== null
      ? outcome.status === 'cancelled'
        ? // What Savings counts for a stopped run: the verifier alone, stopped at the same point.
          `The verifier alone, stopped at the same point, would have cost ${formatUsd(baseline)}${outcome.baselineEstimated ? ' (estimated from tokens)' : ''}.`
        : `The verifier alone would have cost ${formatUsd(baseline)}${outcome.baselineEstimated ? ' (estimated from tokens)' : ''}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function AnswerBadges({ outcome }: { outcome: CascadeOutcome }) {
  const final = finalAttempt(outcome);
  const local = isLocalModel(outcome.provider, final?.pricing);
  return (
    <span className="answer-badges" data-testid="answer-badge">
      {outcome.status === 'failed' ? (
        // No model answered: naming the top tier here would read as "gpt-4o answered".
        <span className="badge badge-warn" data-testid="answer-model" title="Every model this question went to failed; the message above says why.">
          no answer
        </span>
      ) : (
        <span className={`badge ${local ? 'badge-local' : 'badge-cloud'}`} data-testid="answer-model" title={`${outcome.provider}${local ? ', runs on this machine' : ', cloud API'}`}>
          {local ? <ChipIcon size={13} /> : <CloudIcon size={13} />}
          <span className="badge-tier">{answerRole(outcome)}</span>
          <span className="badge-model">{outcome.model}</span>
          <span className="badge-where">{local ? 'local' : 'cloud'}</span>
        </span>
      )}
      {outcome.status === 'unverified' && (
        <span className="badge badge-warn" title="Every verifier failed, so this is the draft as it was.">
          unverified
        </span>
      )}
      <AnswerSpendBadges outcome={outcome} />
      {/* A known cost is a plain figure; an unknown one is a warning, never $0. */}
      <span className={outcome.costUsd === null ? 'badge badge-warn' : 'answer-fact'} data-testid="answer-cost" title={costTitle(outcome)}>
        {formatUsd(outcome.costUsd)}
      </span>
    </span>
  );
}

export function AnswerDetails({ outcome }: { outcome: CascadeOutcome }) {
  const tokens = runTokens(outcome);
  return (
    <>
      {/* Shown on a stopped run too: the conversation's and Savings' totals count its saving. */}
      {outcome.status !== 'failed' && outcome.savingsUsd !== null && outcome.savingsUsd > 0 && (
        <span className="answer-fact answer-fact-good" data-testid="answer-savings" title={costTitle(outcome)}>
          saved {formatUsd(outcome.savingsUsd)}
        </span>
      )}
      <span className="answer-fact" data-testid="answer-tokens" title={`${tokens.input} input and ${tokens.output} output tokens over ${counted(outcome.attempts.length, 'model call')}${tokens.estimated ? '; some counted locally because the provider did not report usage' : ''}`}>
        {tokens.estimated ? '~' : ''}
        {formatTokens(tokens.input)} in · {formatTokens(tokens.output)} out
      </span>
      <span className="answer-fact" data-testid="answer-latency" title="Time from sending to the final answer">
        {formatMs(outcome.latencyMs)}
      </span>
    </>
  );
}
