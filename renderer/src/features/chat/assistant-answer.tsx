// One finished answer: replaced drafts (collapsed), the answer as Markdown, its facts and its
// actions. Used for saved messages and for runs that just finished.
//
// After many turns the facts under every answer outweighed the answers, so an older answer keeps
// one compact line (tier and model, cost, and whatever went wrong: quality below the threshold,
// unverified, budget, price unknown; the escalation marker above says why it escalated) and
// reveals the rest (saving, tokens, latency, the accepted quality check) and its actions when the
// pointer is on it or the focus is in it, or for good with the Details toggle (keyboard, screen
// readers, touch). The latest answer shows everything. chat.css does the revealing: nothing
// moves when the pointer passes over an answer. Escape hides the revealed card (use-dismissible-card.ts).
import { useId, useRef, useState } from 'react';
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { ChevronDownIcon, ChevronUpIcon, EditIcon } from '../../components/icons.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { toErrorCode } from '../../lib/error-code.ts';
import { AnswerBadges, AnswerDetails } from './answer-badges.tsx';
import { ConsistencySamples } from './consistency-samples.tsx';
import { EscalationMarker } from './escalation-marker.tsx';
import { MessageActions, type MessageActionsProps } from './message-actions.tsx';
import { QualityChip } from './quality-chip.tsx';
import { answeredBy, canRate, finalAttempt, outcomeSamples, qualityFallsShort, replacedDrafts } from './outcome-view.ts';
import { ThinkingBlock } from './thinking-block.tsx';
import { UnverifiedNotice } from './unverified-notice.tsx';
import { settingsFixFor } from '../settings/open-settings-button.tsx';
import { useDismissibleCard } from './use-dismissible-card.ts';
import { SHORTCUTS } from './use-chat-shortcuts.ts';

/** `messageId` and `revealed`: a saved message, and whether it is marked as the one a search opened. */
export interface MessageAnchor {
  messageId?: string;
  revealed?: boolean;
}

export const anchorProps = ({ messageId, revealed = false }: MessageAnchor) => ({ 'data-message-id': messageId, 'data-revealed': revealed ? 'true' : undefined });

export interface AssistantAnswerProps extends MessageAnchor {
  text: string;
  outcome: CascadeOutcome | null;
  actions: Omit<MessageActionsProps, 'text'>;
  /** The conversation's newest answer: all its facts and actions in view. */
  latest?: boolean;
}

export function AssistantAnswer({ text, outcome, actions, messageId, revealed, latest = false }: AssistantAnswerProps) {
  const [expanded, setExpanded] = useState(false);
  const detailsId = useId();
  const drafts = outcome ? replacedDrafts(outcome) : [];
  const answered = outcome ? finalAttempt(outcome) : null;
  // Only the actions that fit this answer: no thumbs without one, no "Retry with gpt-4o" on gpt-4o's.
  const fitting = {
    ...actions,
    onFeedback: canRate(outcome, text) ? actions.onFeedback : undefined,
    onRetryWithVerifier: answeredBy(outcome, actions.verifierModel) ? undefined : actions.onRetryWithVerifier,
  };
  return (
    <article className="message message-assistant" data-testid="assistant-message" data-facts={latest || expanded ? 'full' : 'compact'} {...anchorProps({ messageId, revealed })}>
      {outcome &&
        drafts.map((d, i) => (
          <EscalationMarker key={`${d.model}-${i}`} draft={{ model: d.model, text: d.text, toModel: drafts[i + 1]?.model ?? outcome.model, reason: d.reason, score: d.quality?.score ?? null }} />
        ))}
      {outcome && answered?.thinking ? <ThinkingBlock runId={outcome.runId} text={answered.thinking} live={false} ms={outcome?.cache ? null : (answered.ttftMs ?? answered.latencyMs)} /> : null}
      {outcome && <UnverifiedNotice outcome={outcome} />}
      {text ? <Markdown source={text} /> : outcome?.status === 'ok' || !outcome ? <p className="muted">(empty answer)</p> : null}
      {outcome?.status === 'cancelled' && <p className="run-note">Stopped{text ? ': the answer above is incomplete' : ' before any text arrived'}.</p>}
      {outcome?.status === 'failed' && <FailedAnswer outcome={outcome} />}
      {outcome && <ConsistencySamples attempts={outcomeSamples(outcome)} />}
      <div className="answer-meta">
        {outcome && <AnswerFacts outcome={outcome} latest={latest} expanded={expanded} onExpand={setExpanded} detailsId={detailsId} />}
        <MessageActions text={text} label={outcome ? `Answer by ${outcome.model}` : 'Answer'} {...fitting} />
      </div>
    </article>
  );
}

interface AnswerFactsProps {
  outcome: CascadeOutcome;
  latest: boolean;
  expanded: boolean;
  onExpand: (expanded: boolean) => void;
  detailsId: string;
}

/** The compact line, then the Details toggle and the details it controls. */
function AnswerFacts({ outcome, latest, expanded, onExpand, detailsId }: AnswerFactsProps) {
  const short = qualityFallsShort(outcome);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  // Escape hides the card and a focused control in it hands the focus to the toggle.
  const card = useDismissibleCard(!latest && !expanded, detailsRef, toggleRef);
  const expand = (open: boolean) => {
    card.reset();
    onExpand(open);
  };
  // Its panel opens beside the other details, so opening it expands them too.
  const quality = outcome.status !== 'failed' && outcome.status !== 'cancelled' ? <QualityChip outcome={outcome} onOpen={() => expand(true)} /> : null;
  return (
    <div className="answer-facts" data-card={card.dismissed ? 'dismissed' : undefined} {...card.triggerProps}>
      <AnswerBadges outcome={outcome} />
      {short && quality}
      {!latest && (
        <button
          ref={toggleRef}
          type="button"
          className="answer-more"
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => expand(!expanded)}
          title={expanded ? 'Hide the saving, tokens, time and quality check' : 'Show the saving, tokens, time and quality check'}
          data-testid="answer-more"
        >
          {expanded ? <ChevronUpIcon size={14} /> : <ChevronDownIcon size={14} />}
          <span className="visually-hidden">Details</span>
        </button>
      )}
      <div className="answer-details" id={detailsId} data-testid="answer-details" ref={detailsRef}>
        <AnswerDetails outcome={outcome} />
        {!short && quality}
      </div>
    </div>
  );
}

/** `last`: the conversation's last question, which ↑ in the empty message box edits too. */
export function UserMessage({ text, onEdit, last = false, messageId, revealed }: { text: string; onEdit?: () => void; last?: boolean } & MessageAnchor) {
  return (
    <article className="message message-user" data-testid="user-message" {...anchorProps({ messageId, revealed })}>
      <div className="user-bubble">{text}</div>
      {onEdit && (
        <div className="user-actions">
          <Button
            size="sm"
            variant="ghost"
            icon={<EditIcon />}
            onClick={onEdit}
            title={`Change this question and ask it again, in a new chat that keeps the conversation before it${last ? ` (${SHORTCUTS.editLastQuestion.label})` : ''}`}
            aria-keyshortcuts={last ? SHORTCUTS.editLastQuestion.keys : undefined}
          >
            Edit
          </Button>
        </div>
      )}
    </article>
  );
}

/** No model answered: why, and the way to Models & Settings when that is where it is fixed. */
function FailedAnswer({ outcome }: { outcome: CascadeOutcome }) {
  const code = toErrorCode(outcome.error?.code);
  return <ErrorBanner error={{ code, message: outcome.error?.message ?? outcome.decision }} announce={false} action={settingsFixFor(code)} />;
}
