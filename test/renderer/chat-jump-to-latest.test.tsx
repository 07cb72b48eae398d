// Reading further up while an answer streams: the view stays put, and "New text below" (a
// button above the message box, said once by the chat's status region) takes it back down and
// follows the answer again; at the bottom the button goes.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../shared/api/contract.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { MessageList } from '../../renderer/src/features/chat/message-list.tsx';
import { applyCascadeEvent, newLiveRun, type LiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok } from './fake-api.ts';
import { conversation } from './fixtures.ts';

const question: MessageView = { id: 'm0', role: 'user', content: 'Describe rivers', createdAt: 1, queryId: null, outcome: null, feedback: null };

function streaming(text: string): LiveRun {
  let run = newLiveRun({ runId: 'r-1', conversationId: 'c-1', prompt: 'Describe rivers', startedAt: 2, userMessageId: 'm0' });
  run = applyCascadeEvent(run, { type: 'attempt.started', runId: 'r-1', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' });
  return applyCascadeEvent(run, { type: 'token', runId: 'r-1', attempt: 0, text });
}

/** jsdom lays nothing out: the scroller gets a tall content box and a scroll position of its own. */
function layOut(el: HTMLElement, contentHeight: { value: number }): void {
  let top = 0;
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => contentHeight.value });
  Object.defineProperty(el, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => void (top = Math.max(0, Math.min(v, contentHeight.value - 400))) });
}

const streamMore = (text: string) => act(() => useChatStore.setState({ runs: [streaming(text)] }));

beforeEach(() => {
  setApi(createFakeApi({ 'conversations.list': () => ok({ conversations: [conversation()] }), 'cascade.estimate': () => ok({ inputTokens: 1, tiers: [], contextWindow: null }) }));
  useChatStore.setState({ conversationId: 'c-1', conversation: conversation(), messages: [question], status: 'ready', error: null, runs: [streaming('Rivers')], sendError: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useComposerDraftsStore.setState({ drafts: {} });
  useNavStore.setState({ view: 'chat', conversationId: 'c-1' });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('New text below', () => {
  it('appears when text streams out of view, is said once, and takes the view back down to follow the answer', async () => {
    render(<ChatView />);
    const scroller = screen.getByTestId('messages');
    const content = { value: 3000 };
    layOut(scroller, content);
    streamMore('Rivers flow');
    expect(scroller.scrollTop).toBe(2600);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();

    // The user scrolls up to read; the answer goes on below.
    scroller.scrollTop = 1000;
    fireEvent.scroll(scroller);
    content.value = 3200;
    streamMore('Rivers flow downhill');
    expect(scroller.scrollTop).toBe(1000);
    const button = screen.getByRole('button', { name: 'New text below' });
    expect(screen.getByTestId('chat-announcer').textContent).toBe('New text below');
    // Said once, not at every token.
    const said = screen.getByTestId('chat-announcer').firstElementChild;
    content.value = 3400;
    streamMore('Rivers flow downhill to');
    expect(screen.getByTestId('chat-announcer').firstElementChild).toBe(said);
    // Before the message box in the tab order, as it is on screen.
    expect(button.compareDocumentPosition(screen.getByTestId('composer-input')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    act(() => button.click());
    expect(scroller.scrollTop).toBe(3000);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
    // The focus does not fall to the page with the button: the message box has it.
    expect(document.activeElement).toBe(screen.getByTestId('composer-input'));
    content.value = 3600;
    streamMore('Rivers flow downhill to the sea.');
    expect(scroller.scrollTop).toBe(3200);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
  });

  it('goes when the user scrolls back to the bottom, and does not show while nothing streams', async () => {
    render(<ChatView />);
    const scroller = screen.getByTestId('messages');
    const content = { value: 3000 };
    layOut(scroller, content);
    scroller.scrollTop = 500;
    fireEvent.scroll(scroller);
    streamMore('Rivers flow');
    expect(screen.getByTestId('jump-to-latest')).toBeTruthy();
    scroller.scrollTop = 2590;
    fireEvent.scroll(scroller);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();

    // Scrolled up in a conversation with no answer being written: nothing to jump to.
    scroller.scrollTop = 500;
    fireEvent.scroll(scroller);
    act(() => useChatStore.setState({ runs: [], messages: [question, { ...question, id: 'm1', role: 'assistant', content: 'Rivers flow.' }] }));
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
  });

  it('is shown as its one owner says, and the list only asks that owner to change it', () => {
    const asked: boolean[] = [];
    const props = { messages: [question], runs: [streaming('Rivers')], verifierModel: null, onRetry: () => {}, onNewTextBelow: (shown: boolean) => void asked.push(shown) };
    const { rerender } = render(<MessageList {...props} newTextBelow={true} />);
    const scroller = screen.getByTestId('messages');
    layOut(scroller, { value: 3000 });
    act(() => screen.getByRole('button', { name: 'New text below' }).click());
    expect(asked.at(-1)).toBe(false);
    // Still shown until the owner says otherwise: the list keeps no copy of its own.
    expect(screen.getByTestId('jump-to-latest')).toBeTruthy();
    rerender(<MessageList {...props} newTextBelow={false} />);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
  });
});
