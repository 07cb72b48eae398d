// A conversation found by a word in one of its answers: the result shows the words around the
// match, and opening it brings that answer into view, marked for a moment, instead of the end.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationListItem, MessageView } from '../../shared/api/contract.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { REVEAL_MARK_MS } from '../../renderer/src/features/chat/message-list.tsx';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { conversation, outcome } from './fixtures.ts';

const LONG = conversation({ id: 'c-long', title: 'What is 17 * 23? (turn 1)', messageCount: 66 });
const OTHER = conversation({ id: 'c-other', title: 'Rivers', messageCount: 2 });
const SNIPPET = '…you can borrow the reader for the loop, so no copy…';
const FOUND: ConversationListItem = { ...LONG, match: { messageId: 'm-15', snippet: SNIPPET, matchStart: SNIPPET.indexOf('borrow'), matchLength: 6 } };

const messages: MessageView[] = Array.from({ length: 66 }, (_, i) => ({
  id: `m-${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: i === 15 ? 'In Rust you can borrow the reader for the loop, so no copy is made.' : `Line ${i} of a long streamed answer about pagination`,
  createdAt: 1_700_000_000_000 + i,
  queryId: i % 2 === 0 ? null : `q-${i}`,
  outcome: i % 2 === 0 ? null : outcome({ queryId: `q-${i}`, runId: `r-${i}` }),
  feedback: null,
}));

let api: FakeApi;
let scrolledTo: { id: string | undefined; options: unknown }[];

beforeEach(() => {
  api = createFakeApi({
    'conversations.list': ({ search }) => ok({ conversations: search ? [FOUND] : [LONG, OTHER] }),
    'conversations.get': ({ id }) => ok({ conversation: id === LONG.id ? LONG : OTHER, messages: id === LONG.id ? messages : [] }),
    'cascade.estimate': () => ok({ inputTokens: 5, tiers: [], contextWindow: null }),
  });
  setApi(api);
  useChatStore.setState({ conversationId: null, conversation: null, messages: [], status: 'ready', error: null, runs: [], sendError: null, reveal: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useComposerDraftsStore.setState({ drafts: {} });
  useNavStore.setState({ view: 'chat', conversationId: null });
  // jsdom lays nothing out and has no scrollIntoView: record which message was scrolled to (the
  // list also keeps the open conversation's item in sight, which is not a message).
  scrolledTo = [];
  Element.prototype.scrollIntoView = vi.fn(function (this: Element, options?: boolean | ScrollIntoViewOptions) {
    const id = (this as HTMLElement).dataset.messageId;
    if (id !== undefined) scrolledTo.push({ id, options });
  });
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.useRealTimers();
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

async function search(word: string): Promise<HTMLElement> {
  render(<ChatView />);
  await screen.findByText('Rivers');
  fireEvent.change(screen.getByLabelText('Search conversations'), { target: { value: word } });
  return screen.findByTestId('conversation-snippet');
}

describe('opening a conversation from a search result', () => {
  it('shows the words around the match under the title, the match marked', async () => {
    const snippet = await search('borrow');
    expect(snippet.textContent).toBe(SNIPPET);
    expect(snippet.querySelector('mark')?.textContent).toBe('borrow');
    expect(snippet.closest('.conversation-open')?.querySelector('.conversation-title')?.textContent).toBe(LONG.title);
    // The list without a search has no snippets.
    fireEvent.change(screen.getByLabelText('Search conversations'), { target: { value: '' } });
    await waitFor(() => expect(screen.queryByTestId('conversation-snippet')).toBeNull());
  });

  it('scrolls to the matching answer and marks it for a moment', async () => {
    const snippet = await search('borrow');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fireEvent.click(snippet);
    const target = await screen.findByText(/you can borrow the reader/);
    const answer = target.closest('[data-message-id]');
    expect(answer?.getAttribute('data-message-id')).toBe('m-15');
    await waitFor(() => expect(scrolledTo.map((s) => s.id)).toEqual(['m-15']));
    // A jump, never a smooth scroll through the conversation.
    expect(JSON.stringify(scrolledTo[0]?.options)).not.toContain('smooth');
    expect(answer?.hasAttribute('data-revealed')).toBe(true);
    expect(document.querySelectorAll('[data-revealed]')).toHaveLength(1);
    act(() => vi.advanceTimersByTime(REVEAL_MARK_MS));
    expect(answer?.hasAttribute('data-revealed')).toBe(false);
    expect(useChatStore.getState().reveal).toBeNull();
  });

  it('opens a conversation picked without a match at its end, as before', async () => {
    render(<ChatView />);
    fireEvent.click(await screen.findByText(LONG.title));
    await screen.findByText(/you can borrow the reader/);
    expect(scrolledTo).toEqual([]);
    expect(document.querySelector('[data-revealed]')).toBeNull();
  });
});
