import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
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
/** What the fake server deleted and can still restore, with its place. */
let trash: Map<string, { row: ConversationSummary; index: number }>;
let undoMs: number;

beforeEach(() => {
  rows = [conversation({ id: 'c-1', title: 'Arithmetic', messageCount: 2, costUsd: 0.0003, baselineCostUsd: 0.001, savingsUsd: 0.0007 }), conversation({ id: 'c-2', title: 'Rivers' })];
  api = createFakeApi({
    'conversations.list': ({ search }) => ok({ conversations: rows.filter((r) => !search || r.title.toLowerCase().includes(search.toLowerCase())) }),
    'conversations.rename': ({ id, title }) => {
      rows = rows.map((r) => (r.id === id ? { ...r, title } : r));
      return ok(rows.find((r) => r.id === id) ?? conversation());
    },
    'conversations.delete': ({ id }) => {
      const index = rows.findIndex((r) => r.id === id);
      const row = rows[index];
      if (row) trash.set(id, { row, index });
      rows = rows.filter((r) => r.id !== id);
      return ok({ deleted: row !== undefined, undoMs: row ? undoMs : 0 });
    },
    'conversations.restore': ({ id }) => {
      const t = trash.get(id);
      if (!t) return { ok: false, error: { code: 'not_found', message: `No conversation with id ${id} to restore.` } };
      rows.splice(t.index, 0, t.row);
      return ok(t.row);
    },
  });
  trash = new Map();
  undoMs = 10_000;
  setApi(api);
  useConversationsStore.setState({ items: [], search: '', status: 'idle', error: null, limit: LIST_PAGE, hasMore: false, deleted: null });
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

  it('deletes at once, leaves the deleted open conversation, and offers Undo in a polite notice with the focus on it', async () => {
    render(<ConversationList selectedId="c-1" onNew={() => undefined} />);
    await screen.findByText('Arithmetic');
    const trashButton = screen.getByRole('button', { name: 'Delete Arithmetic' });
    act(() => trashButton.focus());
    fireEvent.click(trashButton);
    await waitFor(() => expect(screen.queryByText('Arithmetic', { selector: '.conversation-title' })).toBeNull());
    expect(api.callsOf('conversations.delete')).toEqual([{ id: 'c-1' }]);
    expect(useNavStore.getState().conversationId).toBeNull();
    const notice = screen.getByTestId('undo-toast');
    expect(notice.textContent).toContain('Conversation deleted');
    expect(notice.textContent).toContain('Arithmetic');
    expect(notice.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    // Enter pressed twice on the trash button deletes and undoes: nothing is lost.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
  });

  it('Undo brings the conversation back in its place, opens it again and gives it the focus', async () => {
    rows.push(conversation({ id: 'c-3', title: 'Tides' }));
    render(<ConversationList selectedId="c-2" onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Rivers' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByTestId('undo-toast')).toBeNull());
    expect(api.callsOf('conversations.restore')).toEqual([{ id: 'c-2' }]);
    expect([...document.querySelectorAll('.conversation-title')].map((e) => e.textContent)).toEqual(['Arithmetic', 'Rivers', 'Tides']);
    expect(useNavStore.getState().conversationId).toBe('c-2');
    expect(document.activeElement?.closest('li')?.textContent).toContain('Rivers');
  });

  it('the notice goes by itself when the server stops offering the undo, the focus back on the list', async () => {
    undoMs = 60;
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Arithmetic' }));
    await screen.findByTestId('undo-toast');
    await waitFor(() => expect(screen.queryByTestId('undo-toast')).toBeNull());
    expect(useConversationsStore.getState().deleted).toBeNull();
    expect(document.activeElement).toBe(screen.getByText('Rivers').closest('button'));
    expect(api.callsOf('conversations.restore')).toEqual([]);
  });

  it('Esc closes the notice without undoing', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Rivers' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    const esc = fireEvent.keyDown(undo, { key: 'Escape' });
    expect(esc).toBe(false);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
    expect(api.callsOf('conversations.restore')).toEqual([]);
  });

  it('an undo the server refuses says why and stays until closed', async () => {
    render(<ConversationList selectedId={null} onNew={() => undefined} />);
    await screen.findByText('Rivers');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Rivers' }));
    trash.clear();
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await screen.findByText('Could not undo: No conversation with id c-2 to restore.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('undo-toast')).toBeNull();
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
