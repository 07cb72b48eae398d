// Alt+↑/↓ open the previous/next conversation of the list; ↑ in the empty message box edits the
// last question. Neither may take a key that is moving the caret through text being typed.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../shared/api/contract.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { Composer } from '../../renderer/src/features/chat/composer.tsx';
import { newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { conversationStep } from '../../renderer/src/features/chat/use-chat-shortcuts.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok } from './fake-api.ts';
import { conversation, outcome } from './fixtures.ts';

const CHATS = [conversation({ id: 'c-1', title: 'Arithmetic' }), conversation({ id: 'c-2', title: 'Rivers' }), conversation({ id: 'c-3', title: 'Tides' })];

const message = (id: string, role: 'user' | 'assistant', content: string): MessageView => ({
  id,
  role,
  content,
  createdAt: 1_700_000_000_000,
  queryId: role === 'assistant' ? `q-${id}` : null,
  outcome: role === 'assistant' ? outcome({ queryId: `q-${id}`, runId: `r-${id}` }) : null,
  feedback: null,
});
const RIVERS = [message('m-1', 'user', 'Longest river?'), message('m-2', 'assistant', 'The Nile.'), message('m-3', 'user', 'And in Europe?'), message('m-4', 'assistant', 'The Volga.')];

let platform: string;
beforeEach(() => {
  platform = 'Linux x86_64';
  vi.spyOn(navigator, 'platform', 'get').mockImplementation(() => platform);
  setApi(
    createFakeApi({
      'conversations.list': () => ok({ conversations: CHATS }),
      'conversations.get': ({ id }) => ok({ conversation: CHATS.find((c) => c.id === id) ?? conversation({ id }), messages: id === 'c-2' ? RIVERS : [] }),
      'cascade.active': () => ok({ runs: [] }),
      'cascade.estimate': () => ok({ inputTokens: 5, tiers: [], contextWindow: null }),
    }),
  );
  useChatStore.setState({ conversationId: null, conversation: null, messages: [], status: 'ready', error: null, runs: [], sendError: null, reveal: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useComposerDraftsStore.setState({ drafts: {} });
  useNavStore.setState({ view: 'chat', conversationId: 'c-2' });
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

const route = () => useNavStore.getState().conversationId;
const box = (): HTMLTextAreaElement => {
  const el = screen.getByTestId('composer-input');
  if (!(el instanceof HTMLTextAreaElement)) throw new Error('the message box is not a textarea');
  return el;
};

async function openRivers(): Promise<void> {
  render(<ChatView />);
  await screen.findByText('The Volga.');
  await screen.findByText('Tides');
}

describe('Alt+↑ / Alt+↓', () => {
  it('open the previous and next conversation in the list order, and stop at its ends', async () => {
    await openRivers();
    fireEvent.keyDown(box(), { key: 'ArrowDown', altKey: true });
    expect(route()).toBe('c-3');
    await waitFor(() => expect(useChatStore.getState().conversationId).toBe('c-3'));
    fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true });
    expect(route()).toBe('c-3');
    fireEvent.keyDown(document.body, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(route()).toBe('c-2'));
    fireEvent.keyDown(document.body, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(route()).toBe('c-1'));
    fireEvent.keyDown(document.body, { key: 'ArrowUp', altKey: true });
    expect(route()).toBe('c-1');
  });

  it('from the new chat, Alt+↓ opens the first conversation', async () => {
    useNavStore.setState({ view: 'chat', conversationId: null });
    render(<ChatView />);
    await screen.findByText('Tides');
    fireEvent.keyDown(box(), { key: 'ArrowDown', altKey: true });
    expect(route()).toBe('c-1');
  });

  it('on a Mac, leave ⌥↑/⌥↓ to the caret while the message box holds text; in the empty box they step', async () => {
    platform = 'MacIntel';
    await openRivers();
    fireEvent.change(box(), { target: { value: 'a half-written\nquestion' } });
    const notTaken = fireEvent.keyDown(box(), { key: 'ArrowUp', altKey: true });
    expect(notTaken).toBe(true);
    expect(route()).toBe('c-2');
    fireEvent.change(box(), { target: { value: '' } });
    expect(fireEvent.keyDown(box(), { key: 'ArrowUp', altKey: true })).toBe(false);
    expect(route()).toBe('c-1');
  });

  it('elsewhere, where Alt+↑/↓ do not move the caret, they step even from a box with text (kept as its draft)', async () => {
    await openRivers();
    fireEvent.change(box(), { target: { value: 'a draft' } });
    fireEvent.keyDown(box(), { key: 'ArrowUp', altKey: true });
    expect(route()).toBe('c-1');
    expect(useComposerDraftsStore.getState().drafts['c-2']).toBe('a draft');
  });

  it('are not the shortcut with Shift, Ctrl or ⌘, in a list box, or in a field with text on a Mac', () => {
    const key = (over: Partial<Parameters<typeof conversationStep>[0]>) => ({ key: 'ArrowDown', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, target: document.body, ...over });
    const input = document.createElement('input');
    input.value = 'rivers';
    const empty = document.createElement('input');
    expect(conversationStep(key({}), false)).toBe(1);
    expect(conversationStep(key({ key: 'ArrowUp' }), true)).toBe(-1);
    expect(conversationStep(key({ altKey: false }), false)).toBeNull();
    expect(conversationStep(key({ shiftKey: true }), false)).toBeNull();
    expect(conversationStep(key({ ctrlKey: true }), false)).toBeNull();
    expect(conversationStep(key({ metaKey: true }), true)).toBeNull();
    expect(conversationStep(key({ target: document.createElement('select') }), false)).toBeNull();
    expect(conversationStep(key({ target: input }), true)).toBeNull();
    expect(conversationStep(key({ target: input }), false)).toBe(1);
    expect(conversationStep(key({ target: empty }), true)).toBe(1);
  });
});

describe('↑ in the empty message box', () => {
  it('edits the last question, as its Edit button does (which names the key)', async () => {
    await openRivers();
    const edits = screen.getAllByRole('button', { name: 'Edit' });
    expect(edits.map((b) => b.getAttribute('aria-keyshortcuts'))).toEqual([null, 'ArrowUp']);
    expect(edits[1]?.getAttribute('title')).toContain('(↑ in the empty message box)');
    expect(fireEvent.keyDown(box(), { key: 'ArrowUp' })).toBe(false);
    expect(box().value).toBe('And in Europe?');
    expect(screen.getByTestId('composer-editing')).toBeTruthy();
  });

  it('does nothing while a question is being typed, nor with a modifier', async () => {
    await openRivers();
    fireEvent.change(box(), { target: { value: 'What about' } });
    box().setSelectionRange(0, 0);
    expect(fireEvent.keyDown(box(), { key: 'ArrowUp' })).toBe(true);
    expect(box().value).toBe('What about');
    fireEvent.change(box(), { target: { value: '' } });
    fireEvent.keyDown(box(), { key: 'ArrowUp', shiftKey: true });
    expect(box().value).toBe('');
    expect(screen.queryByTestId('composer-editing')).toBeNull();
  });

  it('does nothing while an answer is being written, nor during an edit', async () => {
    await openRivers();
    act(() => useChatStore.setState({ runs: [newLiveRun({ runId: 'r-live', conversationId: 'c-2', prompt: 'One more?', startedAt: Date.now(), forceTop: false, regenerate: false })] }));
    fireEvent.keyDown(box(), { key: 'ArrowUp' });
    expect(box().value).toBe('');

    const onEditLast = vi.fn();
    cleanup();
    render(<Composer conversationId="c-2" running={false} onSend={() => undefined} onStop={() => undefined} estimateDelayMs={0} editing={{ messageId: 'm-3' }} onEditLast={onEditLast} />);
    fireEvent.keyDown(box(), { key: 'ArrowUp' });
    expect(onEditLast).not.toHaveBeenCalled();
  });
});
