// The facts line under an answer: who answered (tier, model, local/cloud), what it cost,
// tokens and latency. An unknown price says so; it is never shown as $0.
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { ChipIcon, CloudIcon } from '../../components/icons.tsx';
import { formatMs, formatTokens, formatUsd } from '../../lib/format.ts';
import { AnswerSpendBadges } from '../spend/answer-spend-badges.tsx';
import { answerRole, finalAttempt, isLocalModel, runTokens } from './outcome-view.ts';
import { counted } from '../../../../shared/core/words.ts';

export function AnswerBadges({ outcome }: { outcome: CascadeOutcome }) {
  const final = finalAttempt(outcome);
  const local = isLocalModel(outcome.provider, final?.pricing);
  const tokens = runTokens(outcome);
  const baseline = outcome.baselineCostUsd;
  const costTitle = [
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
  return (
    <div className="answer-badges" data-testid="answer-badge">
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
      <span className={`badge ${outcome.costUsd === null ? 'badge-warn' : ''}`} data-testid="answer-cost" title={costTitle}>
        {formatUsd(outcome.costUsd)}
      </span>
      {/* Shown on a stopped run too: the conversation's and Savings' totals count its saving. */}
      {outcome.status !== 'failed' && outcome.savingsUsd !== null && outcome.savingsUsd > 0 && (
        <span className="badge badge-good" data-testid="answer-savings" title={costTitle}>
          saved {formatUsd(outcome.savingsUsd)}
        </span>
      )}
      <span className="badge" data-testid="answer-tokens" title={`${tokens.input} input and ${tokens.output} output tokens over ${counted(outcome.attempts.length, 'model call')}${tokens.estimated ? '; some counted locally because the provider did not report usage' : ''}`}>
        {tokens.estimated ? '~' : ''}
        {formatTokens(tokens.input)} in · {formatTokens(tokens.output)} out
      </span>
      <span className="badge" data-testid="answer-latency" title="Time from sending to the final answer">
        {formatMs(outcome.latencyMs)}
      </span>
    </div>
  );
}
