// An answer a retry replaced: one folded line, so the conversation reads as the models see it
// (follow-up questions send only the newest answer), with the old answer a click away.
import { useState } from 'react';
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { ChevronDownIcon, ChevronUpIcon, RetryIcon } from '../../components/icons.tsx';
import { formatUsd } from '../../lib/format.ts';
import { anchorProps, AssistantAnswer, type MessageAnchor } from './assistant-answer.tsx';
import type { MessageActionsProps } from './message-actions.tsx';

export function ReplacedAnswer({ text, outcome, actions, messageId, revealed }: { text: string; outcome: CascadeOutcome | null; actions: Omit<MessageActionsProps, 'text'> } & MessageAnchor) {
  const [open, setOpen] = useState(false);
  return (
    <div className="replaced-answer" data-testid="replaced-answer" {...anchorProps({ messageId, revealed })}>
      <div className="replaced-answer-line" title="Follow-up questions send the models only the newest answer to a question.">
        <RetryIcon size={13} />
        <span>
          Earlier answer{outcome ? (
            <>
              {' '}
              by <strong>{outcome.model}</strong> · {formatUsd(outcome.costUsd)}
            </>
          ) : null}
          , replaced by a retry
        </span>
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'hide' : 'show'} {open ? <ChevronUpIcon size={12} /> : <ChevronDownIcon size={12} />}
        </button>
      </div>
      {open && <AssistantAnswer text={text} outcome={outcome} actions={actions} />}
    </div>
  );
}
