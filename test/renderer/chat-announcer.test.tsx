import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import type { CascadeEvent, CascadeOutcome } from '../../shared/core/cascade/types.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { failRun, finishRun, newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { runAnnouncements } from '../../renderer/src/features/chat/run-announcements.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { startLiveSync } from '../../renderer/src/stores/live-sync.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { attempt, conversation, escalatedOutcome, outcome, verdict } from './fixtures.ts';

/** Conversation c-1 in memory; cascade.run answers when the test calls `answer`. */
function backend() {
  const messages: MessageView[] = [];
  let answer: ((r: Result<CascadeOutcome>) => void) | null = null;
  const api: FakeApi = createFakeApi({
    'conversations.list': () => ok({ conversations: [conversation()] }),
    'conversations.get': () => ok({ conversation: conversation({ messageCount: messages.length }), messages: [...messages] }),
    'cascade.run': (input) => {
      if (input.prompt) messages.push({ id: `m${messages.length}`, role: 'user', content: input.prompt, createdAt: Date.now(), queryId: null, outcome: null, feedback: null });
      return new Promise((resolve) => {
        answer = (r) => {
          if (r.ok) {
            const done = { ...r.value, runId: input.runId ?? 'x' };
            messages.push({ id: `m${messages.length}`, role: 'assistant', content: done.answer, createdAt: Date.now(), queryId: done.queryId, outcome: done, feedback: null });
            resolve(ok(done));
          } else resolve(r);
        };
      });
    },
  });
  return { api, answer: (r: Result<CascadeOutcome>) => answer?.(r) };
}

let b: ReturnType<typeof backend>;
let stopSync: () => void;

beforeEach(() => {
  b = backend();
  setApi(b.api);
  stopSync = startLiveSync(b.api);
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

const announcer = () => screen.getByTestId('chat-announcer');

/** Asks a question through the composer; returns the id of the run it started. */
async function ask(question: string): Promise<string> {
  render(<ChatView />);
  await waitFor(() => expect(useChatStore.getState().status).toBe('ready'));
  const box = screen.getByTestId('composer-input');
  fireEvent.change(box, { target: { value: question } });
  fireEvent.keyDown(box, { key: 'Enter' });
  await waitFor(() => expect(useChatStore.getState().runs).toHaveLength(1));
  return useChatStore.getState().runs[0]?.runId ?? '';
}

/** Numbered as the server numbers a run's events: each later than the one before. */
let seq = 0;
function emit(...events: CascadeEvent[]): void {
  act(() => {
    for (const e of events) b.api.emit('cascade.event', { ...e, seq: seq++ });
  });
}

describe('chat announcements for screen readers', () => {
  it('is one polite status region outside the message list, silent while tokens stream', async () => {
    const runId = await ask('What is 17 * 23?');
    const region = announcer();
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    // The message list itself must not speak: it would read every streamed token.
    expect(screen.getByTestId('messages').closest('[aria-live], [role="status"], [role="log"], [role="alert"]')).toBeNull();
    expect(region.contains(screen.getByTestId('messages'))).toBe(false);

    emit({ type: 'attempt.started', runId, attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' }, { type: 'token', runId, attempt: 0, text: '17 * 23 = ' }, { type: 'token', runId, attempt: 0, text: '391.' });
    expect(region.textContent).toBe('');

    act(() => b.answer(ok(outcome({ answer: '17 * 23 = 391.' }))));
    await waitFor(() => expect(announcer().textContent).toBe('Answer from llama3.2:3b ready'));
  });

  it('says when a draft is rejected and which model it escalates to, then who answered', async () => {
    const runId = await ask('What is 13 * 4?');
    const rejected = attempt({ accepted: false, quality: verdict(0.2, false, 'the arithmetic is wrong'), text: '13 * 4 = 56.' });
    emit(
      { type: 'attempt.started', runId, attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
      { type: 'token', runId, attempt: 0, text: '13 * 4 = 56.' },
      { type: 'attempt.finished', runId, attempt: 0, result: rejected },
      { type: 'escalated', runId, fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason: 'the arithmetic is wrong' },
    );
    expect(announcer().textContent).toBe('Draft rejected: escalating to gpt-4o');

    emit({ type: 'attempt.started', runId, attempt: 1, tier: 1, model: 'gpt-4o', provider: 'openai', role: 'verify' }, { type: 'token', runId, attempt: 1, text: '13 * 4 = 52.' });
    expect(announcer().textContent).toBe('Draft rejected: escalating to gpt-4o');
    act(() => b.answer(ok(escalatedOutcome())));
    await waitFor(() => expect(announcer().textContent).toBe('Answer from gpt-4o ready'));
  });

  it('says a drafter that failed (rather than wrote a bad draft) failed', async () => {
    const runId = await ask('Hello?');
    const down = attempt({ status: 'error', accepted: false, quality: null, text: '', error: { code: 'unreachable', message: 'Ollama is not running' } });
    emit({ type: 'attempt.started', runId, attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' }, { type: 'attempt.finished', runId, attempt: 0, result: down }, { type: 'escalated', runId, fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason: 'Ollama is not running' });
    expect(announcer().textContent).toBe('Draft failed: escalating to gpt-4o');
  });

  it('says why there is no answer, once: the error in the conversation is not a second alert', async () => {
    await ask('Is anyone there?');
    act(() => b.answer({ ok: false, error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`' } }));
    await waitFor(() => expect(announcer().textContent).toBe('No answer: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve'));
    // The error stays on screen under the question, without interrupting a second time.
    expect(screen.getByTestId('messages').textContent).toContain('Ollama is not running');
    expect(screen.queryAllByRole('alert')).toEqual([]);
  });

  it('says why a run the server finished without an answer failed', async () => {
    const runId = await ask('What is 2 + 2?');
    const failed = outcome({ status: 'failed', answer: '', error: { code: 'auth_failed', message: 'OpenAI rejected the API key (401)' } });
    emit({ type: 'run.finished', runId, outcome: { ...failed, runId } });
    expect(announcer().textContent).toBe('No answer: OpenAI rejected the API key (401)');
  });

  it('says the same words again for the next answer, so a second answer is announced too', async () => {
    await ask('One?');
    act(() => b.answer(ok(outcome({ answer: '1', queryId: 'q-1' }))));
    await waitFor(() => expect(announcer().textContent).toBe('Answer from llama3.2:3b ready'));
    const first = announcer().firstElementChild;
    const box = screen.getByTestId('composer-input');
    fireEvent.change(box, { target: { value: 'Two?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(useChatStore.getState().runs.some((r) => r.status === 'running')).toBe(true));
    act(() => b.answer(ok(outcome({ answer: '2', queryId: 'q-2' }))));
    await waitFor(() => expect(announcer().firstElementChild).not.toBe(first));
    expect(announcer().textContent).toBe('Answer from llama3.2:3b ready');
  });
});

describe('what a run announces', () => {
  const running = newLiveRun({ runId: 'r', conversationId: 'c-1', prompt: 'Why?', startedAt: 0 });

  it('says an answer no verifier checked is not verified, and a stopped run stopped', () => {
    expect(runAnnouncements(running, finishRun(running, outcome({ status: 'unverified' })))).toEqual(['Answer from llama3.2:3b ready, not verified']);
    expect(runAnnouncements(running, failRun(running, { code: 'cancelled', message: 'stopped' }))).toEqual(['Answer stopped']);
  });

  it('says nothing about a run it did not see change, nor twice about one that did', () => {
    const done = finishRun(running, outcome());
    expect(runAnnouncements(undefined, done)).toEqual([]);
    expect(runAnnouncements(done, done)).toEqual([]);
    expect(runAnnouncements(running, running)).toEqual([]);
  });
});
