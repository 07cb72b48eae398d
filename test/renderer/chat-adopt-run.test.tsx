// A page opened while an answer is being written (a reload, another window) follows that answer:
// it adopts the run from cascade.active, continues it with the live events it lacks, and offers
// Stop instead of Send until the answer is saved.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActiveRun, MessageView, RunEvent } from '../../shared/api/contract.ts';
import type { CascadeEvent } from '../../shared/core/cascade/types.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { useAppStore } from '../../renderer/src/stores/app-store.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { startLiveSync } from '../../renderer/src/stores/live-sync.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { attempt, conversation, outcome } from './fixtures.ts';

const QUESTION = 'Describe rivers';
const question: MessageView = { id: 'm0', role: 'user', content: QUESTION, createdAt: 1, queryId: null, outcome: null, feedback: null };
const started: CascadeEvent[] = [
  { type: 'run.started', runId: 'r-9', conversationId: 'c-1', mode: 'draft-then-replace', routing: { domain: 'general', domainReasons: [], complexity: 'simple', complexityReasons: [], tierModels: ['llama3.2:3b', 'gpt-4o'], skippedDrafter: false } },
  { type: 'attempt.started', runId: 'r-9', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
  { type: 'token', runId: 'r-9', attempt: 0, text: 'Rivers flow' },
];
/** The run as the server lists it: three events merged from six (seq 0..5). */
const serverRun = (over: Partial<ActiveRun> = {}): ActiveRun => ({ runId: 'r-9', conversationId: 'c-1', prompt: QUESTION, userMessageId: 'm0', startedAt: 2, forceTop: false, regenerate: false, events: started, seq: 5, truncated: false, ...over });
const token = (seq: number, text: string): RunEvent => ({ type: 'token', runId: 'r-9', attempt: 0, text, seq });

/** Conversation c-1 holding the question; cascade.active answers when the test releases it. */
function backend() {
  const messages: MessageView[] = [question];
  let runs: ActiveRun[] = [serverRun()];
  let release: (() => void) | null = null;
  let hold = false;
  const api: FakeApi = createFakeApi({
    'conversations.list': () => ok({ conversations: [conversation()] }),
    'conversations.get': () => ok({ conversation: conversation({ messageCount: messages.length }), messages: [...messages] }),
    'cascade.active': () => {
      const answer = ok({ runs: runs.slice() });
      if (!hold) return answer;
      return new Promise((resolve) => (release = () => resolve(answer)));
    },
    'cascade.cancel': () => ok({ cancelled: true }),
    'cascade.estimate': () => ok({ inputTokens: 3, tiers: [], contextWindow: null }),
  });
  return {
    api,
    messages,
    setRuns: (r: ActiveRun[]) => void (runs = r),
    holdActive: () => void (hold = true),
    releaseActive: () => release?.(),
  };
}

let b: ReturnType<typeof backend>;
let stopSync: () => void;
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => {
  b = backend();
  setApi(b.api);
  stopSync = startLiveSync(b.api);
  useAppStore.setState({ eventsConnected: true });
  useChatStore.setState({ conversationId: null, conversation: null, messages: [], status: 'idle', error: null, runs: [], sendError: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useComposerDraftsStore.setState({ drafts: {} });
  useNavStore.setState({ view: 'chat', conversationId: 'c-1' });
});

afterEach(() => {
  stopSync();
  cleanup();
  setApi(null);
});

describe('a run adopted from the server', () => {
  it('continues from the answer so far with the live events it lacks, each applied once', async () => {
    b.holdActive();
    const opening = useChatStore.getState().open('c-1');
    await flush();
    // Arrive while the list is on its way: one the snapshot has (5), two it does not.
    b.api.emit('cascade.event', token(5, 'Rivers flow'));
    b.api.emit('cascade.event', token(6, ' downhill'));
    b.api.emit('cascade.event', token(7, ' to'));
    b.releaseActive();
    await opening;
    b.api.emit('cascade.event', token(7, ' to'));
    b.api.emit('cascade.event', token(8, ' the sea.'));

    const [run, ...others] = useChatStore.getState().runs;
    expect(others).toEqual([]);
    expect(run).toMatchObject({ runId: 'r-9', status: 'running', adopted: true, userMessageId: 'm0', prompt: QUESTION, seq: 8 });
    expect(run?.attempts.map((a) => a.text)).toEqual(['Rivers flow downhill to the sea.']);
  });

  it('shows the streaming answer under its question once, with Stop instead of Send, and Stop cancels it', async () => {
    render(<ChatView />);
    await screen.findByTestId('streaming-status');
    expect(screen.getAllByTestId('user-message').map((m) => m.textContent)).toEqual([QUESTION]);
    expect(screen.getByTestId('assistant-message').textContent).toContain('Rivers flow');
    expect(screen.queryByTestId('composer-send')).toBeNull();
    act(() => screen.getByTestId('composer-stop').click());
    await waitFor(() => expect(b.api.callsOf('cascade.cancel')).toEqual([{ runId: 'r-9' }]));

    // The stopped answer is saved; the run gives way to it and Send comes back.
    const stopped = outcome({ runId: 'r-9', queryId: 'q-9', status: 'cancelled', answer: 'Rivers flow', attempts: [attempt({ text: 'Rivers flow', status: 'cancelled' })] });
    b.messages.push({ id: 'm1', role: 'assistant', content: 'Rivers flow', createdAt: 3, queryId: 'q-9', outcome: stopped, feedback: null });
    b.setRuns([]);
    act(() => {
      b.api.emit('cascade.event', { type: 'run.finished', runId: 'r-9', outcome: stopped, seq: 6 });
      b.api.emit('conversations.changed', { conversationId: 'c-1' });
    });
    await waitFor(() => expect(useChatStore.getState().runs).toEqual([]));
    expect(screen.getByTestId('composer-send')).toBeTruthy();
    expect(screen.getAllByTestId('assistant-message')).toHaveLength(1);
  });

  it('shows the question with the run when the conversation was read before the question was saved', async () => {
    b.messages.length = 0;
    render(<ChatView />);
    await screen.findByTestId('streaming-status');
    expect(screen.getAllByTestId('user-message').map((m) => m.textContent)).toEqual([QUESTION]);
  });

  it('drops an adopted run whose end it missed once the event stream is back, showing the saved answer', async () => {
    await useChatStore.getState().open('c-1');
    expect(useChatStore.getState().runs.map((r) => r.status)).toEqual(['running']);
    act(() => useAppStore.getState().setEventsConnected(false));
    const done = outcome({ runId: 'r-9', queryId: 'q-9', answer: 'Rivers flow to the sea.' });
    b.messages.push({ id: 'm1', role: 'assistant', content: done.answer, createdAt: 3, queryId: 'q-9', outcome: done, feedback: null });
    b.setRuns([]);
    act(() => useAppStore.getState().setEventsConnected(true));
    await waitFor(() => expect(useChatStore.getState().runs).toEqual([]));
    expect(useChatStore.getState().messages.map((m) => m.content)).toEqual([QUESTION, 'Rivers flow to the sea.']);
  });

  it('reads the run again when the page’s event stream first connects after adopting it', async () => {
    useAppStore.setState({ eventsConnected: null });
    await useChatStore.getState().open('c-1');
    // Emitted before this page's stream was there: only a second read has it.
    b.setRuns([serverRun({ events: [...started.slice(0, 2), { type: 'token', runId: 'r-9', attempt: 0, text: 'Rivers flow downhill' }], seq: 6 })]);
    act(() => useAppStore.getState().setEventsConnected(true));
    await waitFor(() => expect(useChatStore.getState().runs[0]?.attempts[0]?.text).toBe('Rivers flow downhill'));
    b.api.emit('cascade.event', token(7, '.'));
    expect(useChatStore.getState().runs[0]?.attempts[0]?.text).toBe('Rivers flow downhill.');
  });

  it('does not adopt a run of its own, nor one whose answer is already saved', async () => {
    const own = newLiveRun({ runId: 'r-own', conversationId: 'c-1', prompt: 'And lakes?', startedAt: 5 });
    useChatStore.setState({ conversationId: 'c-1', status: 'ready', runs: [own] });
    const done = outcome({ runId: 'r-9', queryId: 'q-9' });
    b.messages.push({ id: 'm1', role: 'assistant', content: done.answer, createdAt: 3, queryId: 'q-9', outcome: done, feedback: null });
    b.messages.push({ id: 'm2', role: 'user', content: 'And lakes?', createdAt: 5, queryId: null, outcome: null, feedback: null });
    b.setRuns([serverRun(), serverRun({ runId: 'r-own', prompt: 'And lakes?', userMessageId: 'm2', startedAt: 5, events: [], seq: -1 })]);
    await useChatStore.getState().reload();
    expect(useChatStore.getState().runs.map((r) => [r.runId, r.adopted, r.userMessageId])).toEqual([['r-own', false, 'm2']]);
  });
});
