// The conversation's saved messages followed by the runs still streaming into it; keeps the
// newest text in view unless the user scrolled up to read, and then offers the way back down;
// or shows the message a search result asked for.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../../shared/api/contract.ts';
import { isReplacedAnswer } from '../../../../shared/core/cascade/kept-answers.ts';
import { ArrowDownIcon } from '../../components/icons.tsx';
import { useChatStore } from '../../stores/chat-store.ts';
import { AssistantAnswer, UserMessage, type AssistantAnswerProps } from './assistant-answer.tsx';
import type { LiveRun } from './live-run.ts';
import { ReplacedAnswer } from './replaced-answer.tsx';
import { RunMessage } from './run-message.tsx';

export interface MessageListProps {
  messages: MessageView[];
  runs: LiveRun[];
  verifierModel: string | null;
  onRetry: (prompt: string, options: { forceTop: boolean; regenerate: boolean }) => void;
  /** Edit a saved question: its id and text. */
  onEdit?: (messageId: string, text: string) => void;
  /**
   * Whether the "New text below" button shows, and how the list shows or hides it. The chat view
   * owns it: its announcer says it too, and outlives this list.
   */
  newTextBelow?: boolean;
  onNewTextBelow?: (shown: boolean) => void;
  /** After "New text below" took the view back down: where the focus goes next. */
  onJumped?: () => void;
}

/** How long a message opened from a search stays marked. */
export const REVEAL_MARK_MS = 2_000;

export function MessageList({ messages, runs, verifierModel, onRetry, onEdit, newTextBelow = false, onNewTextBelow, onJumped }: MessageListProps) {
  const stop = useChatStore((s) => s.stop);
  const dismissRun = useChatStore((s) => s.dismissRun);
  const setFeedback = useChatStore((s) => s.setFeedback);
  // A rating the server refused (or never got) is rolled back; say so under that answer.
  const [feedbackErrors, setFeedbackErrors] = useState<Record<string, string>>({});
  const rate = async (queryId: string, rating: 'up' | 'down' | null): Promise<void> => {
    const error = await setFeedback(queryId, rating);
    setFeedbackErrors((prev) => {
      const { [queryId]: _old, ...rest } = prev;
      return error ? { ...rest, [queryId]: error.message } : rest;
    });
  };
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const busy = runs.some((r) => r.status === 'running');

  const lastText = runs.at(-1)?.attempts.at(-1)?.text.length ?? 0;
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  // The newest answer shows all its facts; a run below the saved messages is newer still.
  const latestAnswer = runs.length === 0 ? messages.findLastIndex((m) => m.role === 'assistant') : -1;
  // Retrying the latest answer re-asks the last question in place; an older one asks it anew.
  const retryFor = (i: number, forceTop: boolean): (() => void) | undefined => {
    const prompt = promptBefore(messages, i);
    if (prompt === null) return undefined;
    return () => onRetry(prompt, { forceTop, regenerate: i > lastUser });
  };
  // A run the user just started (a question, or a retry clicked far up) is followed to the bottom.
  const runCount = useRef(runs.length);
  // Text written out of view while the user reads further up: the view stays put, and a button
  // offers the way back down until they are at the bottom again.
  const setNewTextBelow = (shown: boolean): void => onNewTextBelow?.(shown);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (runs.length > runCount.current) pinned.current = true;
    runCount.current = runs.length;
    if (el && pinned.current) {
      el.scrollTop = el.scrollHeight;
      setNewTextBelow(false);
    } else if (busy) setNewTextBelow(true);
  }, [messages.length, runs.length, lastText, runs]);
  // Nothing is below a list no longer shown (another conversation loading, the chat left).
  useEffect(() => () => setNewTextBelow(false), []);

  const jumpToLatest = (): void => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setNewTextBelow(false);
    onJumped?.();
  };

  // Opened from a search result: that message in view (after the pin above, which would take the
  // list to its end) and marked for a moment so the eye finds it.
  const reveal = useChatStore((s) => s.reveal);
  const revealDone = useChatStore((s) => s.revealDone);
  const [revealed, setRevealed] = useState<string | null>(null);
  useLayoutEffect(() => {
    const id = reveal?.messageId;
    if (!id || !messages.some((m) => m.id === id)) return;
    revealDone();
    const el = scroller.current;
    const target = Array.from(el?.querySelectorAll<HTMLElement>('[data-message-id]') ?? []).find((e) => e.dataset.messageId === id);
    if (!el || !target) return;
    pinned.current = false;
    // A jump, not a smooth scroll: from the end of a long conversation that would be seconds of motion.
    target.scrollIntoView({ block: target.offsetHeight > el.clientHeight ? 'start' : 'center' });
    setRevealed(id);
  }, [reveal, messages, revealDone]);
  useEffect(() => {
    if (revealed === null) return;
    const t = setTimeout(() => setRevealed(null), REVEAL_MARK_MS);
    return () => clearTimeout(t);
  }, [revealed]);

  return (
    <>
      <div
        className="messages"
        ref={scroller}
        data-testid="messages"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          if (pinned.current) setNewTextBelow(false);
        }}
      >
        <div className="messages-inner">
          {messages.map((m, i) =>
            m.role === 'user' ? (
              <UserMessage key={m.id} messageId={m.id} revealed={revealed === m.id} text={m.content} onEdit={onEdit && !busy ? () => onEdit(m.id, m.content) : undefined} last={i === lastUser} />
            ) : (
              <Answer
                key={m.id}
                messageId={m.id}
                revealed={revealed === m.id}
                text={m.content}
                outcome={m.outcome}
                actions={{
                  disabled: busy,
                  verifierModel,
                  onRetry: retryFor(i, false),
                  onRetryWithVerifier: retryFor(i, true),
                  feedback: m.feedback,
                  onFeedback: m.queryId ? (rating) => void rate(m.queryId ?? '', rating) : undefined,
                  feedbackError: m.queryId ? (feedbackErrors[m.queryId] ?? null) : null,
                }}
                replaced={isReplacedAnswer(messages, i)}
                latest={i === latestAnswer}
              />
            ),
          )}
          {runs.map((run) => (
            <RunMessage
              key={run.runId}
              run={run}
              showPrompt={!run.regenerate && !promptSaved(messages, run)}
              verifierModel={verifierModel}
              onStop={() => void stop(run.runId)}
              onRetry={(forceTop) => {
                // A run that never reached the server (or never got an answer saved) is only an
                // error on screen: the retry takes its place instead of leaving it below the answer.
                if (run.status !== 'running' && !run.outcome) dismissRun(run.runId);
                onRetry(run.prompt, { forceTop, regenerate: run.regenerate || promptSaved(messages, run) });
              }}
              onDismiss={() => dismissRun(run.runId)}
            />
          ))}
        </div>
      </div>
      {newTextBelow && (
        <div className="jump-latest-anchor">
          <button type="button" className="jump-latest" onClick={jumpToLatest} data-testid="jump-to-latest" title="Scroll to the newest text and follow it">
            <ArrowDownIcon size={14} />
            New text below
          </button>
        </div>
      )}
    </>
  );
}

function Answer({ replaced, latest, ...props }: AssistantAnswerProps & { replaced: boolean }) {
  return replaced ? <ReplacedAnswer {...props} /> : <AssistantAnswer {...props} latest={latest} />;
}

function promptBefore(messages: MessageView[], index: number): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user') return m.content;
  }
  return null;
}

/** The question may be among the saved messages (a run adopted mid-answer, a failed run): do not show it twice. */
function promptSaved(messages: MessageView[], run: LiveRun): boolean {
  if (run.userMessageId !== null && messages.some((m) => m.id === run.userMessageId)) return true;
  if (run.status === 'running') return false;
  return messages.some((m) => m.role === 'user' && m.content.trim() === run.prompt && m.createdAt >= run.startedAt - 2000);
}
