// One finished answer: replaced drafts (collapsed), the answer as Markdown, its facts line,
// quality chip and actions. Used for saved messages and for runs that just finished.
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { EditIcon } from '../../components/icons.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { toErrorCode } from '../../lib/error-code.ts';
import { AnswerBadges } from './answer-badges.tsx';
import { ConsistencySamples } from './consistency-samples.tsx';
import { EscalationMarker } from './escalation-marker.tsx';
import { MessageActions, type MessageActionsProps } from './message-actions.tsx';
import { QualityChip } from './quality-chip.tsx';
import { answeredBy, canRate, finalAttempt, outcomeSamples, replacedDrafts } from './outcome-view.ts';
import { ThinkingBlock } from './thinking-block.tsx';
import { UnverifiedNotice } from './unverified-notice.tsx';

/** `messageId` and `revealed`: a saved message, and whether it is marked as the one a search opened. */
export interface MessageAnchor {
  messageId?: string;
  revealed?: boolean;
}

export const anchorProps = ({ messageId, revealed = false }: MessageAnchor) => ({ 'data-message-id': messageId, 'data-revealed': revealed ? 'true' : undefined });

export function AssistantAnswer({ text, outcome, actions, messageId, revealed }: { text: string; outcome: CascadeOutcome | null; actions: Omit<MessageActionsProps, 'text'> } & MessageAnchor) {
  const drafts = outcome ? replacedDrafts(outcome) : [];
  const answered = outcome ? finalAttempt(outcome) : null;
  // Only the actions that fit this answer: no thumbs without one, no "Retry with gpt-4o" on gpt-4o's.
  const fitting = {
    ...actions,
    onFeedback: canRate(outcome, text) ? actions.onFeedback : undefined,
    onRetryWithVerifier: answeredBy(outcome, actions.verifierModel) ? undefined : actions.onRetryWithVerifier,
  };
  return (
    <article className="message message-assistant" data-testid="assistant-message" {...anchorProps({ messageId, revealed })}>
      {outcome &&
        drafts.map((d, i) => (
          <EscalationMarker key={`${d.model}-${i}`} draft={{ model: d.model, text: d.text, toModel: drafts[i + 1]?.model ?? outcome.model, reason: d.reason, score: d.quality?.score ?? null }} />
        ))}
      {outcome && answered?.thinking ? <ThinkingBlock runId={outcome.runId} text={answered.thinking} live={false} ms={outcome?.cache ? null : (answered.ttftMs ?? answered.latencyMs)} /> : null}
      {outcome && <UnverifiedNotice outcome={outcome} />}
      {text ? <Markdown source={text} /> : outcome?.status === 'ok' || !outcome ? <p className="muted">(empty answer)</p> : null}
      {outcome?.status === 'cancelled' && <p className="run-note">Stopped{text ? ': the answer above is incomplete' : ' before any text arrived'}.</p>}
      {outcome?.status === 'failed' && <ErrorBanner error={{ code: toErrorCode(outcome.error?.code), message: outcome.error?.message ?? outcome.decision }} announce={false} />}
      {outcome && <ConsistencySamples attempts={outcomeSamples(outcome)} />}
      {outcome && (
        <div className="answer-meta">
          <AnswerBadges outcome={outcome} />
          {outcome.status !== 'failed' && outcome.status !== 'cancelled' && <QualityChip outcome={outcome} />}
        </div>
      )}
      <MessageActions text={text} label={outcome ? `Answer by ${outcome.model}` : 'Answer'} {...fitting} />
    </article>
  );
}

export function UserMessage({ text, onEdit, messageId, revealed }: { text: string; onEdit?: () => void } & MessageAnchor) {
  return (
    <article className="message message-user" data-testid="user-message" {...anchorProps({ messageId, revealed })}>
      <div className="user-bubble">{text}</div>
      {onEdit && (
        <div className="user-actions">
          <Button size="sm" variant="ghost" icon={<EditIcon />} onClick={onEdit} title="Change this question and ask it again, in a new chat that keeps the conversation before it">
            Edit
          </Button>
        </div>
      )}
    </article>
  );
}
