// The message box: Enter sends, Shift+Enter adds a line; shows the estimated input tokens
// and what sending would cost on each tier before anything is sent.
import { Fragment, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CostEstimate } from '../../../../shared/api/contract.ts';
import { Button } from '../../components/button.tsx';
import { EditIcon, SendIcon, StopIcon } from '../../components/icons.tsx';
import { formatTokens, formatUsd } from '../../lib/format.ts';
import { draftKey, useComposerDraftsStore } from '../../stores/composer-drafts-store.ts';
import { useEstimate } from './use-estimate.ts';
import { SHORTCUTS } from './use-chat-shortcuts.ts';

export interface ComposerProps {
  conversationId: string | null;
  running: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  /** Text to put in the box (an example prompt clicked in the empty state, a question to edit). */
  draft?: { text: string; seq: number } | null;
  /** The saved question being edited: sending asks the edit in a new chat. */
  editing?: { messageId: string } | null;
  onCancelEdit?: () => void;
  /** Edits the conversation's last question: ↑ in the empty box. Absent when there is none to edit. */
  onEditLast?: () => void;
  estimateDelayMs?: number;
  /** Changed to put the focus in the box: "New chat" when the new chat is already open. */
  focusRequest?: number;
}

export function Composer({ conversationId, running, onSend, onStop, draft, editing = null, onCancelEdit, onEditLast, estimateDelayMs, focusRequest = 0 }: ComposerProps) {
  const savedDraft = (): string => useComposerDraftsStore.getState().drafts[draftKey(conversationId)] ?? '';
  const [text, setText] = useState(savedDraft);
  const ref = useRef<HTMLTextAreaElement>(null);
  const estimate = useEstimate(text, conversationId, estimateDelayMs, editing?.messageId ?? null);
  // The text of an edit belongs to that edit (which a view switch ends), not to the conversation.
  const update = (t: string): void => {
    setText(t);
    if (!editing) useComposerDraftsStore.getState().setDraft(conversationId, t);
  };

  useEffect(() => {
    if (draft) {
      setText(draft.text);
      if (!editing) useComposerDraftsStore.getState().setDraft(conversationId, draft.text);
      ref.current?.focus();
    }
    // Only a new draft (its seq) puts text in the box.
  }, [draft]);

  // Another conversation: its own unsent text, or an empty box.
  const shownFor = useRef(conversationId);
  useEffect(() => {
    if (shownFor.current !== conversationId) {
      shownFor.current = conversationId;
      setText(useComposerDraftsStore.getState().drafts[draftKey(conversationId)] ?? '');
    }
    ref.current?.focus();
  }, [conversationId]);

  useEffect(() => {
    if (focusRequest > 0) ref.current?.focus();
  }, [focusRequest]);

  // Grow with the text up to a third of the window, then scroll.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, Math.max(160, window.innerHeight / 3))}px`;
  }, [text]);

  const send = (): void => {
    if (running || !text.trim()) return;
    onSend(text);
    setText('');
    // Sending an edit leaves the conversation's own unsent text alone.
    if (!editing) useComposerDraftsStore.getState().setDraft(conversationId, '');
  };

  const cancelEdit = (): void => {
    // Back to what was in the box before the edit.
    setText(savedDraft());
    onCancelEdit?.();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
    // ↑ with nothing typed edits the last question (as in Slack or Teams). With text in the box,
    // or the caret anywhere but at its start, ↑ moves the caret as always.
    if (e.key === 'ArrowUp' && onEditLast && !editing && isBare(e) && text === '' && e.currentTarget.selectionStart === 0 && e.currentTarget.selectionEnd === 0) {
      e.preventDefault();
      onEditLast();
    }
    // Esc leaves an edit, as Cancel does (and is then not taken as "stop the answer").
    if (e.key === 'Escape' && editing && !e.nativeEvent.isComposing) {
      e.preventDefault();
      cancelEdit();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {editing && (
        <div className="composer-editing" role="status" data-testid="composer-editing">
          <EditIcon size={13} />
          <span>Editing a question: sending asks it in a new chat with the conversation before it. This chat stays as it is.</span>
          <button type="button" className="link-button" onClick={cancelEdit} title="Stop editing (Esc)" aria-keyshortcuts="Escape">
            Cancel
          </button>
        </div>
      )}
      <div className="composer-box">
        <textarea
          ref={ref}
          value={text}
          onChange={(e) => update(e.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          placeholder="Ask anything…  (Enter to send, Shift+Enter for a new line)"
          aria-label="Message"
          data-testid="composer-input"
        />
        {running ? (
          <Button variant="secondary" icon={<StopIcon />} onClick={onStop} aria-label="Stop the answer" title={`Stop the answer (${SHORTCUTS.stop.label})`} aria-keyshortcuts={SHORTCUTS.stop.keys} data-testid="composer-stop">
            Stop
          </Button>
        ) : (
          <Button type="submit" variant="primary" icon={<SendIcon />} disabled={!text.trim()} aria-label="Send" data-testid="composer-send">
            Send
          </Button>
        )}
      </div>
      <div className="composer-estimate" data-testid="composer-estimate" aria-live="polite">
        {text.trim() === '' ? (
          <span className="muted">Each question goes to the cheapest model first; a stronger one answers only when the draft is not good enough.</span>
        ) : estimate.error ? (
          <span className="muted">Estimate unavailable: {estimate.error.message}</span>
        ) : estimate.estimate ? (
          <EstimateLine estimate={estimate.estimate} stale={estimate.pending} />
        ) : (
          <span className="muted">Estimating…</span>
        )}
      </div>
    </form>
  );
}

/** No modifier held and no IME composition under way. */
function isBare(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
  return !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing;
}

function EstimateLine({ estimate, stale }: { estimate: CostEstimate; stale: boolean }) {
  // Local models are charged the electricity of generating, not per input token.
  const local = (i: number) => estimate.tiers[i]?.local ?? false;
  const tooLong = estimate.contextWindow !== null && estimate.inputTokens > estimate.contextWindow;
  return (
    <span className={stale ? 'stale' : ''}>
      ≈ <strong>{formatTokens(estimate.inputTokens)}</strong> input tokens
      {estimate.tiers.map((t, i) => (
        // The separator stays outside the tier's unbreakable span: a narrow window wraps there.
        <Fragment key={`${t.model}-${i}`}>
          {' · '}
          <span className="estimate-tier">
            {t.model} {local(i) ? '(local) ' : ''}
            {t.answers > 1 ? `×${t.answers} answers ` : ''}
            {local(i) && !(t.inputCostUsd !== null && t.inputCostUsd > 0) ? (
              <span title="Local models are charged the electricity they use while generating the answer, not per input token">energy only</span>
            ) : (
              formatUsd(t.inputCostUsd)
            )}
            {i > 0 ? ' if escalated' : ''}
          </span>
        </Fragment>
      ))}
      {tooLong && <span className="estimate-warn"> · longer than the drafter's context window ({formatTokens(estimate.contextWindow ?? 0)})</span>}
    </span>
  );
}
