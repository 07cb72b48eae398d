// Where a draft was replaced: "escalated to gpt-4o: <reason>", with the draft kept viewable.
import { useState } from 'react';
import { ArrowUpIcon, ChevronDownIcon, ChevronUpIcon } from '../../components/icons.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatScore } from '../../lib/format.ts';

export interface ReplacedDraft {
  model: string;
  text: string;
  toModel: string;
  reason: string;
  score?: number | null;
}

export function EscalationMarker({ draft }: { draft: ReplacedDraft }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="escalation" data-testid="escalation-marker">
      <div className="escalation-line">
        <ArrowUpIcon size={14} />
        <span>
          {/* A drafter's error names its fix as a command ("start it with `ollama serve`"). */}
          escalated to <strong>{draft.toModel}</strong>: <RichText text={draft.reason} />
        </span>
        {/* A drafter that failed before writing anything (server down, no key) has no draft to show. */}
        {draft.text !== '' && (
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'hide' : 'show'} {draft.model}'s draft {open ? <ChevronUpIcon size={12} /> : <ChevronDownIcon size={12} />}
          </button>
        )}
      </div>
      {open && draft.text !== '' && (
        <div className="escalation-draft" data-testid="replaced-draft">
          <div className="escalation-draft-head">
            Draft by {draft.model}
            {draft.score !== undefined && draft.score !== null ? ` · quality ${formatScore(draft.score)}` : ''}
          </div>
          <Markdown source={draft.text} />
        </div>
      )}
    </div>
  );
}
