// Chat: conversation list, the open conversation with its running cost, and the composer.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { ChatIcon } from '../../components/icons.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useChatStore } from '../../stores/chat-store.ts';
import { neighbourOf, useConversationsStore } from '../../stores/conversations-store.ts';
import { useNavStore } from '../../stores/nav-store.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { Composer } from './composer.tsx';
import { ConversationHeader } from './conversation-header.tsx';
import { ConversationList, openConversation } from './conversation-list.tsx';
import { MessageList } from './message-list.tsx';
import { RunAnnouncer } from './run-announcer.tsx';
import { SetupCheck } from './setup-check.tsx';
import { useChatShortcuts } from './use-chat-shortcuts.ts';

const EXAMPLES = [
  'What is 17 × 23? Show the steps.',
  'Write a Python function that checks whether a string is a palindrome.',
  'Explain the difference between TCP and UDP in three sentences.',
  'Summarize the main causes of the French Revolution.',
];

export function ChatView() {
  const routeId = useNavStore((s) => s.conversationId);
  const go = useNavStore((s) => s.go);
  const { conversationId, conversation, messages, status, error, sendError } = useChatStore(
    useShallow((s) => ({ conversationId: s.conversationId, conversation: s.conversation, messages: s.messages, status: s.status, error: s.error, sendError: s.sendError })),
  );
  const allRuns = useChatStore((s) => s.runs);
  const open = useChatStore((s) => s.open);
  const send = useChatStore((s) => s.send);
  const stop = useChatStore((s) => s.stop);
  const tiers = useSettingsStore((s) => s.config?.tiers ?? null);
  const [draft, setDraft] = useState<{ text: string; seq: number } | null>(null);
  const [editing, setEditing] = useState<{ messageId: string; conversationId: string } | null>(null);
  const sendEdited = useChatStore((s) => s.sendEdited);

  useEffect(() => {
    void open(routeId);
  }, [routeId, open]);

  const runs = useMemo(() => allRuns.filter((r) => r.conversationId === conversationId), [allRuns, conversationId]);
  // An edit belongs to the conversation it was started in: opening another one drops it.
  const activeEdit = editing && editing.conversationId === conversationId ? editing : null;
  const running = runs.find((r) => r.status === 'running') ?? null;
  const verifierModel = tiers && tiers.length > 1 ? (tiers.at(-1)?.model ?? null) : null;
  const empty = messages.length === 0 && runs.length === 0;
  const stopRunning = running ? () => void stop(running.runId) : null;
  const searchRef = useRef<HTMLInputElement>(null);
  // The box takes the focus for the new question even when the new chat was already open (the
  // route does not change then, and nothing else would move the focus there), and after "New
  // text below" (whose button is gone once it is used).
  const [focusRequest, setFocusRequest] = useState(0);
  const focusBox = (): void => setFocusRequest((n) => n + 1);
  const newChat = (): void => {
    go('chat', null);
    focusBox();
  };
  const [newTextBelow, setNewTextBelow] = useState(false);
  const step = (delta: -1 | 1): void => {
    const next = neighbourOf(useConversationsStore.getState().items, conversationId, delta);
    if (next) openConversation(next);
  };
  useChatShortcuts({ stop: stopRunning, newChat, search: searchRef, step });

  const startEdit = (messageId: string, text: string): void => {
    if (conversationId) setEditing({ messageId, conversationId });
    setDraft({ text, seq: Date.now() });
  };
  // ↑ in the empty box edits the last question, as its Edit button does (hidden while answering).
  const lastQuestion = running ? undefined : messages.findLast((m) => m.role === 'user');

  return (
    <div className="chat">
      <ConversationList selectedId={conversationId} onNew={newChat} searchRef={searchRef} />
      <section className="chat-main" aria-label="Conversation">
        <ConversationHeader conversation={conversation} messages={messages} />
        <RunAnnouncer notice={newTextBelow ? 'New text below' : null} />
        {sendError && (
          <div className="chat-banner">
            <ErrorBanner error={sendError} />
          </div>
        )}
        {status === 'error' && error ? (
          <div className="chat-center">
            {error.code === 'not_found' ? (
              <EmptyState title="This conversation no longer exists" action={<button className="btn btn-primary" onClick={newChat}>Start a new chat</button>}>
                It may have been deleted in another window.
              </EmptyState>
            ) : (
              <ErrorBanner error={error} onRetry={() => void useChatStore.getState().reload()} />
            )}
          </div>
        ) : status === 'loading' ? (
          <div className="chat-center">
            <Spinner label="Loading the conversation…" />
          </div>
        ) : empty ? (
          <div className="chat-center">
            <EmptyState icon={<ChatIcon size={28} />} title="Ask anything">
              <p>
                {tiers && tiers.length > 1 ? (
                  <>
                    Your question goes to <strong>{tiers[0]?.model}</strong> first. If its draft does not pass the quality check, <strong>{tiers.at(-1)?.model}</strong> answers instead, and you see what that cost and what it saved.
                  </>
                ) : (
                  'Your question goes to the cheapest configured model first and is escalated only when the draft is not good enough.'
                )}
              </p>
              <SetupCheck />
              <div className="examples">
                {EXAMPLES.map((e) => (
                  <button key={e} type="button" className="example" onClick={() => setDraft({ text: e, seq: Date.now() })}>
                    {e}
                  </button>
                ))}
              </div>
            </EmptyState>
          </div>
        ) : (
          <MessageList
            messages={messages}
            runs={runs}
            verifierModel={verifierModel}
            onRetry={(prompt, options) => void send(prompt, options)}
            onEdit={startEdit}
            newTextBelow={newTextBelow}
            onNewTextBelow={setNewTextBelow}
            onJumped={focusBox}
          />
        )}
        <Composer
          conversationId={conversationId}
          running={running !== null}
          onSend={(text) => {
            if (activeEdit) void sendEdited(activeEdit.messageId, text);
            else void send(text);
            setEditing(null);
          }}
          onStop={() => stopRunning?.()}
          draft={draft}
          editing={activeEdit}
          onCancelEdit={() => setEditing(null)}
          onEditLast={lastQuestion ? () => startEdit(lastQuestion.id, lastQuestion.content) : undefined}
          focusRequest={focusRequest}
        />
      </section>
    </div>
  );
}
