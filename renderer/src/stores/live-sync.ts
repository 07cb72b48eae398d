// Wires server events to the stores: streaming tokens into the chat, and refreshes when
// another window, the CLI or a finished run changes conversations, the ledger or the config.
import type { ApiClient } from '../api/client.ts';
import { useAppStore } from './app-store.ts';
import { useChatStore } from './chat-store.ts';
import { useConversationsStore } from './conversations-store.ts';
import { useSavingsStore } from './savings-store.ts';
import { useSettingsStore } from './settings-store.ts';

function debounce(f: () => void, ms: number): (() => void) & { cancel(): void } {
  let t: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (t !== null) clearTimeout(t);
    t = setTimeout(() => {
      t = null;
      f();
    }, ms);
  };
  return Object.assign(run, { cancel: () => t !== null && clearTimeout(t) });
}

export function startLiveSync(client: ApiClient): () => void {
  const refreshConversations = debounce(() => {
    void useConversationsStore.getState().load();
  }, 300);
  const refreshSavings = debounce(() => {
    if (useSavingsStore.getState().status !== 'idle') void useSavingsStore.getState().load();
  }, 800);

  const offs = [
    client.on('cascade.event', (event) => useChatStore.getState().applyEvent(event)),
    client.on('conversations.changed', ({ conversationId }) => {
      refreshConversations();
      const chat = useChatStore.getState();
      // Our own runs reload when they resolve; reloading mid-run would only flicker. A run
      // started elsewhere (another window) shows up here: reading the conversation adopts it.
      const running = chat.runs.some((r) => r.conversationId === conversationId && r.status === 'running');
      if (chat.conversationId === conversationId && !running) void chat.reload();
    }),
    client.on('ledger.changed', () => refreshSavings()),
    client.on('config.changed', () => {
      void useSettingsStore.getState().load();
    }),
    // What changed while the event stream was down (a restarting server saves the answers it
    // stopped) sent no event that arrived: back on the stream, the list and the open
    // conversation are read again, with the runs in progress (an adopted run's end may have
    // been missed). A run of this page's own is settled by its cascade.run reply instead.
    useAppStore.subscribe((now, before) => {
      if (now.eventsConnected !== true || before.eventsConnected === true) return;
      const chat = useChatStore.getState();
      const open = chat.runs.filter((r) => r.conversationId === chat.conversationId && r.status === 'running');
      if (before.eventsConnected === null) {
        // The first connection of a page that adopted a run (opened mid-answer): what the run
        // emitted before the stream was there is read again.
        if (chat.conversationId && open.some((r) => r.adopted)) void chat.reload();
        return;
      }
      refreshConversations();
      if (chat.conversationId && !open.some((r) => !r.adopted)) void chat.reload();
    }),
  ];
  return () => {
    refreshConversations.cancel();
    refreshSavings.cancel();
    for (const off of offs) off();
  };
}
