import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../shared/api/contract.ts';
import type { CascadeOutcome } from '../../shared/core/cascade/types.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { useAppStore } from '../../renderer/src/stores/app-store.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { startLiveSync } from '../../renderer/src/stores/live-sync.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { conversation, outcome } from './fixtures.ts';

/** A tiny backend: conversations in memory, cascade.run answers when the test says so. */
function backend() {
  const messages: MessageView[] = [];
  let finish: ((o: CascadeOutcome) => void) | null = null;
  const api: FakeApi = createFakeApi({
    'conversations.create': ({ title }) => ok(conversation({ title: title ?? 'New chat' })),
    'conversations.list': () => ok({ conversations: [conversation()] }),
    'conversations.get': () => ok({ conversation: conversation({ messageCount: messages.length }), messages: [...messages] }),
    'cascade.run': (input) => {
      if (input.prompt && !input.regenerate) messages.push({ id: `m${messages.length}`, role: 'user', content: input.prompt, createdAt: Date.now(), queryId: null, outcome: null, feedback: null });
      return new Promise((resolve) => {
        finish = (o) => {
          const done = { ...o, runId: input.runId ?? 'x' };
          messages.push({ id: `m${messages.length}`, role: 'assistant', content: done.answer, createdAt: Date.now(), queryId: done.queryId, outcome: done, feedback: null });
          resolve(ok(done));
        };
      });
    },
    'cascade.cancel': () => ok({ cancelled: true }),
    'feedback.set': ({ queryId, rating }) => ok({ queryId, rating }),
  });
  return { api, messages, finish: (o: CascadeOutcome) => finish?.(o) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  useChatStore.setState({ conversationId: null, conversation: null, messages: [], status: 'idle', error: null, runs: [], sendError: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useNavStore.setState({ view: 'chat', conversationId: null });
});

afterEach(() => setApi(null));

describe('chat store', () => {
  it('creates a conversation for the first message, streams the run, then shows the saved answer', async () => {
    const b = backend();
    setApi(b.api);
    const sending = useChatStore.getState().send('What is 17 * 23?');
    await flush();
    expect(b.api.callsOf('conversations.create')).toEqual([{ title: 'What is 17 * 23?' }]);
    expect(useNavStore.getState().conversationId).toBe('c-1');

    const [run] = useChatStore.getState().runs;
    expect(run?.status).toBe('running');
    const runId = run?.runId ?? '';
    expect(b.api.callsOf('cascade.run')[0]).toEqual({ runId, conversationId: 'c-1', prompt: 'What is 17 * 23?' });

    // Server events reach the store through the live sync, as in the app.
    const stopSync = startLiveSync(b.api);
    b.api.emit('cascade.event', { type: 'attempt.started', runId, attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft', seq: 0 });
    b.api.emit('cascade.event', { type: 'token', runId, attempt: 0, text: '17 * 23 = ', seq: 1 });
    b.api.emit('cascade.event', { type: 'token', runId: 'someone-elses-run', attempt: 0, text: 'noise', seq: 5 });
    b.api.emit('cascade.event', { type: 'token', runId, attempt: 0, text: '391.', seq: 2 });
    expect(useChatStore.getState().runs[0]?.attempts[0]?.text).toBe('17 * 23 = 391.');
    stopSync();

    b.finish(outcome({ queryId: 'q-7' }));
    expect(await sending).toBe(true);
    const s = useChatStore.getState();
    expect(s.runs).toEqual([]);
    expect(s.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(s.messages[1]?.outcome?.queryId).toBe('q-7');
  });

  it('keeps a failed run on screen with the error message', async () => {
    const b = backend();
    b.api.handlers['cascade.run'] = () => ({ ok: false, error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`' } });
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1', status: 'ready' });
    expect(await useChatStore.getState().send('hello')).toBe(false);
    const [run] = useChatStore.getState().runs;
    expect(run?.status).toBe('failed');
    expect(run?.error?.message).toContain('ollama serve');
  });

  it('keeps the conversation and the failed question on screen when the server is gone', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1' });
    await useChatStore.getState().reload();
    useChatStore.setState({ messages: [{ id: 'm0', role: 'user', content: 'What is 17 * 23?', createdAt: 0, queryId: null, outcome: null, feedback: null }] });
    // `cascadeflow serve` stopped: the run and the refresh after it both fail to connect.
    const down = { ok: false as const, error: { code: 'unreachable' as const, message: 'Cannot reach the CascadeFlow server at http://127.0.0.1:5199' } };
    b.api.handlers['cascade.run'] = () => down;
    b.api.handlers['conversations.get'] = () => down;
    expect(await useChatStore.getState().send('Is anyone there?')).toBe(false);
    const s = useChatStore.getState();
    expect(s.status).toBe('ready');
    expect(s.messages.map((m) => m.content)).toEqual(['What is 17 * 23?']);
    expect(s.runs.map((r) => [r.prompt, r.status, r.error?.code])).toEqual([['Is anyone there?', 'failed', 'unreachable']]);
  });

  it('drops a run cut off by the server stopping once its answer shows up saved, stopped', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1', status: 'ready' });
    // The server saved the stopped answer while shutting down; the reply never reached the page.
    b.api.handlers['cascade.run'] = (input) => {
      b.messages.push({ id: 'm0', role: 'user', content: input.prompt ?? '', createdAt: Date.now(), queryId: null, outcome: null, feedback: null });
      const stopped = outcome({ runId: input.runId ?? '', queryId: 'q-9', status: 'cancelled', answer: 'Alpha beta' });
      b.messages.push({ id: 'm1', role: 'assistant', content: 'Alpha beta', createdAt: Date.now(), queryId: 'q-9', outcome: stopped, feedback: null });
      return { ok: false, error: { code: 'unreachable', message: 'Cannot reach the CascadeFlow server' } };
    };
    expect(await useChatStore.getState().send('Write a long poem')).toBe(false);
    const s = useChatStore.getState();
    expect(s.messages.map((m) => m.content)).toEqual(['Write a long poem', 'Alpha beta']);
    // No second copy of the answer with an error (and a Retry that would answer another question).
    expect(s.runs).toEqual([]);
  });

  it('reads the open conversation again when the event stream comes back after the server restarted', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1' });
    await useChatStore.getState().reload();
    const stopSync = startLiveSync(b.api);
    useAppStore.getState().setEventsConnected(true);
    useAppStore.getState().setEventsConnected(false);
    // Saved while the page heard nothing: the stopped answer of a run cut off by the restart.
    b.messages.push({ id: 'm0', role: 'user', content: 'Write a long poem', createdAt: 1, queryId: null, outcome: null, feedback: null });
    b.messages.push({ id: 'm1', role: 'assistant', content: 'Alpha beta', createdAt: 2, queryId: 'q-9', outcome: outcome({ queryId: 'q-9', status: 'cancelled' }), feedback: null });
    useAppStore.getState().setEventsConnected(true);
    await flush();
    stopSync();
    expect(useChatStore.getState().messages.map((m) => m.content)).toEqual(['Write a long poem', 'Alpha beta']);
  });

  it('still says so when the open conversation was deleted elsewhere', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1' });
    await useChatStore.getState().reload();
    b.api.handlers['conversations.get'] = () => ({ ok: false, error: { code: 'not_found', message: 'No conversation c-1.' } });
    await useChatStore.getState().reload();
    expect(useChatStore.getState().status).toBe('error');
    expect(useChatStore.getState().error?.code).toBe('not_found');
  });

  it('another window sees the open conversation deleted, then back when the delete is undone', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1' });
    await useChatStore.getState().reload();
    const stopSync = startLiveSync(b.api);
    const get = b.api.handlers['conversations.get'];
    b.api.handlers['conversations.get'] = () => ({ ok: false, error: { code: 'not_found', message: 'No conversation c-1.' } });
    b.api.emit('conversations.changed', { conversationId: 'c-1' });
    await flush();
    expect(useChatStore.getState().error?.code).toBe('not_found');
    b.api.handlers['conversations.get'] = get;
    b.api.emit('conversations.changed', { conversationId: 'c-1' });
    await flush();
    stopSync();
    expect(useChatStore.getState()).toMatchObject({ status: 'ready', error: null, conversation: { id: 'c-1' } });
  });

  it('Stop calls cascade.cancel with the run id', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1', status: 'ready' });
    void useChatStore.getState().send('long story');
    await flush();
    const runId = useChatStore.getState().runs[0]?.runId ?? '';
    await useChatStore.getState().stop(runId);
    expect(b.api.callsOf('cascade.cancel')).toEqual([{ runId }]);
    expect(useChatStore.getState().runs[0]?.stopping).toBe(true);
  });

  it('retry with the verifier re-asks the last question in place with forceTop', async () => {
    const b = backend();
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1', status: 'ready' });
    void useChatStore.getState().send('What is 13 * 4?', { forceTop: true, regenerate: true });
    await flush();
    expect(b.api.callsOf('cascade.run')[0]).toMatchObject({ conversationId: 'c-1', regenerate: true, forceTop: true });
    expect(b.api.callsOf('cascade.run')[0]).not.toHaveProperty('prompt');
    expect(useChatStore.getState().runs[0]?.regenerate).toBe(true);
  });

  it('an edited question is asked in a fork named after it, not after the original', async () => {
    const b = backend();
    b.api.handlers['conversations.fork'] = ({ title }) => ok(conversation({ id: 'c-2', title: title ?? 'Arithmetic (edited)' }));
    setApi(b.api);
    useChatStore.setState({ conversationId: 'c-1', status: 'ready' });
    void useChatStore.getState().sendEdited('m2', '  And 5 * 7?\n(show the working)');
    await flush();
    expect(b.api.callsOf('conversations.fork')).toEqual([{ id: 'c-1', beforeMessageId: 'm2', title: 'And 5 * 7?' }]);
    expect(useConversationsStore.getState().items.find((c) => c.id === 'c-2')?.title).toBe('And 5 * 7?');
  });

  it('records thumbs up and rolls back when the server refuses', async () => {
    const b = backend();
    setApi(b.api);
    const saved = outcome({ queryId: 'q-1' });
    useChatStore.setState({ conversationId: 'c-1', status: 'ready', messages: [{ id: 'a', role: 'assistant', content: 'x', createdAt: 0, queryId: 'q-1', outcome: saved, feedback: null }] });
    expect(await useChatStore.getState().setFeedback('q-1', 'up')).toBeNull();
    expect(useChatStore.getState().messages[0]?.feedback).toBe('up');
    b.api.handlers['feedback.set'] = () => ({ ok: false, error: { code: 'not_found', message: 'No query with id q-1.' } });
    expect((await useChatStore.getState().setFeedback('q-1', 'down'))?.code).toBe('not_found');
    expect(useChatStore.getState().messages[0]?.feedback).toBe('up');
  });
});
