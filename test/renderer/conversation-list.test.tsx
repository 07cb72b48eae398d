import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../shared/api/contract.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ConversationList } from '../../renderer/src/features/chat/conversation-list.tsx';
import { LIST_PAGE, useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { conversation } from './fixtures.ts';

let api: FakeApi;
let rows: ConversationSummary[];

beforeEach(() => {
  rows = [conversation({ id: 'c-1', title: 'Arithmetic', messageCount: 2, costUsd: 0.0003, baselineCostUsd: 0.001, savingsUsd: 0.0007 }), conversation({ id: 'c-2', title: 'Rivers' })];
  api = createFakeApi({
    'conversations.list': ({ search }) => ok({ conversations: rows.filter((r) => !search || r.title.toLowerCase().includes(search.toLowerCase())) }),
    'conversations.rename': ({ id, title }) => {
      rows = rows.map((r) => (r.id === id ? { ...r, title } : r));
      return ok(rows.find((r) => r.id === id) ?? conversation());
    },
    'conversations.delete': ({ id }) => {
      rows = rows.filter((r) => r.id !== id);
      return ok({ deleted: true, undoMs: 10_000 });
    },
  });
  setApi(api);
  useConversationsStore.setState({ items: [], search: '', status: 'idle', error: null, limit: LIST_PAGE, hasMore: false });
  useNavStore.setState({ view: 'chat', conversationId: 'c-1' });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('conversation list', () => {
  it('offers the older conversations when the newest page is full', async () => {
    const all = Array.from({ length: LIST_PAGE + 3 }, (_, i) => conversation({ id: `c-${i}`, title: `Chat ${i}` }));
    api.handlers['conversations.list'] = ({ limit }) => ok({ conversations: all.slice(0, limit ?? 50) });
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText(`Chat ${LIST_PAGE - 1}`);
    expect(screen.queryByText(`Chat ${LIST_PAGE}`)).toBeNull();
    fireEvent.click(screen.getByTestId('conversations-more'));
    await screen.findByText(`Chat ${LIST_PAGE + 2}`);
    expect(api.callsOf('conversations.list').at(-1)).toEqual({ limit: 2 * LIST_PAGE });
    expect(screen.queryByTestId('conversations-more')).toBeNull();
  });

  it('lists conversations with their cost and savings share', async () => {
    render(<ConversationList selectedId="c-1" onNew={() => undefined} />);
    await screen.findByText('Arithmetic');
    const item = screen.getByText('Arithmetic').closest('li');
    expect(item?.textContent).toContain('$0.000300');
    expect(item?.textContent).toContain('−70%');
  });

  it('shows a cost that leaves out unpriced calls as a lower bound, without a savings share', async () => {
    rows = [conversation({ id: 'c-1', title: 'Arithmetic', messageCount: 2, costUsd: 0.0003, baselineCostUsd: 0.001, savingsUsd: 0.0007, unknownPriceQueries: 1 })];
    render(<ConversationList selectedId="c-1" onNew={() => undefined} />);
    await screen.findByText('Arithmetic');
    const cost = screen.getByText('Arithmetic').closest('li')?.querySelector('.conversation-cost');
    expect(cost?.textContent).toBe('≥ $0.000300');
    expect(cost?.getAttribute('title')).toContain('1 answer used a model without a known price');
  });

  it('searches on the server', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.change(screen.getByLabelText('Search conversations'), { target: { value: 'riv' } });
    await waitFor(() => expect(screen.queryByText('Arithmetic')).toBeNull());
    expect(api.callsOf('conversations.list').at(-1)).toEqual({ search: 'riv', limit: 500 });
  });

  it('says when nothing matches the search', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.change(screen.getByLabelText('Search conversations'), { target: { value: 'zebra' } });
    await screen.findByText('No conversation matches “zebra”.');
  });

  it('renames in place with Enter', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Rename Rivers' }));
    const input = screen.getByLabelText('Conversation title');
    fireEvent.change(input, { target: { value: 'Rivers of Europe' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await screen.findByText('Rivers of Europe');
    expect(api.callsOf('conversations.rename')).toEqual([{ id: 'c-2', title: 'Rivers of Europe' }]);
  });

  it('deletes only after confirming, and leaves a deleted open conversation', async () => {
    render(<ConversationList selectedId="c-1" onNew={() => undefined} />);
    await screen.findByText('Arithmetic');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Arithmetic' }));
    expect(api.callsOf('conversations.delete')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByText('Arithmetic')).toBeNull());
    expect(api.callsOf('conversations.delete')).toEqual([{ id: 'c-1' }]);
    expect(useNavStore.getState().conversationId).toBeNull();
  });

  it('by keyboard: the confirmation takes the focus on Keep, Esc backs out to the trash button', async () => {
    render(<ConversationList selectedId="c-1" onNew={() => undefined} />);
    await screen.findByText('Arithmetic');
    const trash = screen.getByRole('button', { name: 'Delete Arithmetic' });
    trash.focus();
    fireEvent.click(trash);
    // Enter twice on the trash button must not delete: the focus is on the safe answer.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Keep' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete Arithmetic' }));
    expect(api.callsOf('conversations.delete')).toEqual([]);
  });

  it('names Alt+↑ and Alt+↓ on the conversations they open from the open one', async () => {
    rows.push(conversation({ id: 'c-3', title: 'Tides' }));
    render(<ConversationList selectedId="c-2" onNew={() => undefined} />);
    await screen.findByText('Tides');
    const open = (title: string) => screen.getByText(title).closest('button');
    expect(open('Arithmetic')?.getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowUp');
    expect(open('Arithmetic')?.getAttribute('title')).toBe('Previous conversation (Alt+↑)');
    expect(open('Tides')?.getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowDown');
    expect(open('Tides')?.getAttribute('title')).toBe('Next conversation (Alt+↓)');
    expect(open('Rivers')?.hasAttribute('aria-keyshortcuts')).toBe(false);
  });

  it('by keyboard: leaving the title box with Esc puts the focus back on Rename', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Rename Rivers' }));
    fireEvent.keyDown(screen.getByLabelText('Conversation title'), { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename Rivers' }));
  });
});
