// The open conversation: its saved messages, the runs streaming into it, and the actions
// on answers (send, stop, retry, feedback).
import { create } from 'zustand';
import type { ConversationSummary, MessageView, RunEvent } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';
import { reconcileRuns } from '../features/chat/active-runs.ts';
import { applyRunEvent, failRun, finishRun, newLiveRun, type LiveRun } from '../features/chat/live-run.ts';
import { useAppStore } from './app-store.ts';
import { useConversationsStore, type LoadStatus } from './conversations-store.ts';
import { useNavStore } from './nav-store.ts';

export interface SendOptions {
  /** Skip the drafters: "retry with the verifier". */
  forceTop?: boolean;
  /** Answer the conversation's last user message again instead of adding `prompt` to it. */
  regenerate?: boolean;
}

interface ChatState {
  conversationId: string | null;
  conversation: ConversationSummary | null;
  messages: MessageView[];
  status: LoadStatus;
  error: ApiError | null;
  /**
   * Runs not (yet) part of `messages`: streaming (started here, or adopted from the server's
   * runs in progress when the conversation is read), or finished but failed to save / reload.
   */
  runs: LiveRun[];
  sendError: ApiError | null;
  /** A message to bring into view once its conversation is on screen (opened from a search result). */
  reveal: { conversationId: string; messageId: string } | null;
  revealMessage(conversationId: string, messageId: string): void;
  /** The message list brought it into view (or it is not there): forget it. */
  revealDone(): void;
  open(id: string | null): Promise<void>;
  reload(): Promise<void>;
  send(prompt: string, options?: SendOptions): Promise<boolean>;
  /**
   * Asks an edited version of one of the open conversation's questions in a new conversation
   * holding what came before it (conversations.fork); the original stays as it was.
   */
  sendEdited(beforeMessageId: string, prompt: string): Promise<boolean>;
  stop(runId: string): Promise<void>;
  dismissRun(runId: string): void;
  applyEvent(event: RunEvent): void;
  setFeedback(queryId: string, rating: 'up' | 'down' | null): Promise<ApiError | null>;
}

const newRunId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Events held while the page reads the runs in progress (bounded). */
const MAX_HELD_EVENTS = 5_000;

export const useChatStore = create<ChatState>()((set, get) => {
  const updateRun = (runId: string, f: (r: LiveRun) => LiveRun): void => {
    set({ runs: get().runs.map((r) => (r.runId === runId ? f(r) : r)) });
  };
  // While cascade.active is in flight, the runs it lists go on emitting: every event that
  // arrives meanwhile is held, and those after each run's snapshot (by seq) are applied to the
  // run rebuilt or adopted from it.
  let reading = 0;
  const held: RunEvent[] = [];

  return {
    conversationId: null,
    conversation: null,
    messages: [],
    status: 'idle',
    error: null,
    runs: [],
    sendError: null,
    reveal: null,

    revealMessage(conversationId, messageId) {
      set({ reveal: { conversationId, messageId } });
    },

    revealDone() {
      set({ reveal: null });
    },

    async open(id) {
      if (id === get().conversationId && get().status !== 'error') return;
      // A message to reveal in another conversation was not wanted any more.
      const reveal = get().reveal?.conversationId === id ? get().reveal : null;
      set({ conversationId: id, conversation: null, messages: [], error: null, sendError: null, status: id ? 'loading' : 'ready', reveal });
      if (id) await get().reload();
    },

    async reload() {
      const id = get().conversationId;
      if (!id) return;
      // A page just opened reads the runs in progress before its event stream is up: what they
      // emit in between reaches no one (see the end of the read, and live-sync's first connection).
      const streamPending = useAppStore.getState().eventsConnected === null;
      reading++;
      try {
        const [r, live] = await Promise.all([api().call('conversations.get', { id }), api().call('cascade.active', { conversationId: id })]);
        if (get().conversationId !== id) return;
        if (!r.ok) {
          // A conversation on screen stays there when refreshing it fails (the server went away
          // mid-run): its messages, and the failed run with the question and the error, are what
          // the user needs to retry. Only a conversation that is gone, or that never loaded, is
          // replaced by the error.
          if (r.error.code !== 'not_found' && get().status === 'ready' && get().conversation?.id === id) return;
          set({ status: 'error', error: r.error });
          return;
        }
        const saved = new Set(r.value.messages.map((m) => m.queryId).filter((q): q is string => q !== null));
        // A run whose reply never arrived (the server was stopped mid-answer) may still have had
        // its answer saved, as stopped: the saved answer carries the run's id.
        const savedRuns = new Set(r.value.messages.map((m) => m.outcome?.runId).filter((id): id is string => id !== undefined));
        // A finished run disappears once its answer is among the saved messages.
        let runs = get().runs.filter((run) => run.status === 'running' || !((run.outcome && saved.has(run.outcome.queryId)) || savedRuns.has(run.runId)));
        // Without the list of runs in progress (an older server, a failed call) the runs stay as they are.
        if (live.ok) runs = reconcileRuns(runs, id, live.value.runs, savedRuns);
        for (const event of held) runs = runs.map((run) => applyRunEvent(run, event));
        set({ conversation: r.value.conversation, messages: r.value.messages, status: 'ready', error: null, runs });
        useConversationsStore.getState().upsert(r.value.conversation);
        const adopted = runs.some((run) => run.conversationId === id && run.adopted && run.status === 'running');
        if (streamPending && adopted && useAppStore.getState().eventsConnected === true) void get().reload();
      } finally {
        if (--reading === 0) held.length = 0;
      }
    },

    async send(prompt, options = {}) {
      const text = prompt.trim();
      if (!text) return false;
      set({ sendError: null });
      let conversationId = get().conversationId;
      if (!conversationId) {
        const created = await useConversationsStore.getState().create(titleFrom(text));
        if (!created.ok) {
          set({ sendError: created.error });
          return false;
        }
        conversationId = created.conversation.id;
        set({ conversationId, conversation: created.conversation, messages: [], status: 'ready', error: null });
        useNavStore.getState().go('chat', conversationId);
      }
      const runId = newRunId();
      const regenerate = options.regenerate === true && get().conversationId === conversationId;
      const run = newLiveRun({ runId, conversationId, prompt: text, startedAt: Date.now(), forceTop: options.forceTop ?? false, regenerate });
      set({ runs: [...get().runs, run] });
      const r = await api().call('cascade.run', {
        runId,
        conversationId,
        ...(regenerate ? { regenerate: true } : { prompt: text }),
        ...(options.forceTop ? { forceTop: true } : {}),
      });
      updateRun(runId, (current) => (r.ok ? finishRun(current, r.value) : failRun(current, r.error)));
      if (get().conversationId === conversationId) await get().reload();
      else void useConversationsStore.getState().load();
      return r.ok;
    },

    async sendEdited(beforeMessageId, prompt) {
      const from = get().conversationId;
      if (!from || !prompt.trim()) return false;
      set({ sendError: null });
      // Named after the edited question, as a new chat is after its first: the two then differ
      // in the list at a glance.
      const r = await api().call('conversations.fork', { id: from, beforeMessageId, title: titleFrom(prompt) });
      if (!r.ok) {
        set({ sendError: r.error });
        return false;
      }
      useConversationsStore.getState().upsert(r.value);
      // Open the fork before navigating to it, so the route change finds it already open.
      set({ conversationId: r.value.id, conversation: r.value, messages: [], status: 'loading', error: null });
      useNavStore.getState().go('chat', r.value.id);
      await get().reload();
      return get().send(prompt);
    },

    async stop(runId) {
      updateRun(runId, (r) => ({ ...r, stopping: true }));
      const r = await api().call('cascade.cancel', { runId });
      if (!r.ok || !r.value.cancelled) {
        // Already finished (or unknown to the server): the run's own result will settle it.
        updateRun(runId, (run) => ({ ...run, stopping: false }));
      }
    },

    dismissRun(runId) {
      set({ runs: get().runs.filter((r) => r.runId !== runId) });
    },

    applyEvent(event) {
      if (reading > 0 && held.length < MAX_HELD_EVENTS) held.push(event);
      const runs = get().runs;
      if (!runs.some((r) => r.runId === event.runId)) return;
      set({ runs: runs.map((r) => applyRunEvent(r, event)) });
    },

    async setFeedback(queryId, rating) {
      const before = get().messages;
      set({ messages: before.map((m) => (m.queryId === queryId ? { ...m, feedback: rating } : m)) });
      const r = await api().call('feedback.set', { queryId, rating });
      if (r.ok) return null;
      set({ messages: get().messages.map((m) => (m.queryId === queryId ? { ...m, feedback: before.find((b) => b.queryId === queryId)?.feedback ?? null } : m)) });
      return r.error;
    },
  };
});

function titleFrom(prompt: string): string {
  const line = prompt.split('\n').find((l) => l.trim()) ?? prompt;
  const t = line.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57).trimEnd()}…` : t;
}
