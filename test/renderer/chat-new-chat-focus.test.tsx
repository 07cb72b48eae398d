import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/instance.ts';
import { ChatView } from '../../renderer/src/features/chat/chat-view.tsx';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { useConversationsStore } from '../../renderer/src/stores/conversations-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok } from './fake-api.ts';
import { conversation } from './fixtures.ts';

beforeEach(() => {
  setApi(
    createFakeApi({
      'conversations.list': () => ok({ conversations: [conversation({ messageCount: 2 })] }),
      'cascade.estimate': () => ok({ inputTokens: 5, tiers: [], contextWindow: null }),
    }),
  );
  useChatStore.setState({ conversationId: null, conversation: null, messages: [], status: 'ready', error: null, runs: [], sendError: null });
  useConversationsStore.setState({ items: [], status: 'idle', search: '', error: null });
  useComposerDraftsStore.setState({ drafts: {} });
  // The new chat is already open.
  useNavStore.setState({ view: 'chat', conversationId: null });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('new chat when the new chat is already open', () => {
  it('Ctrl+Shift+O puts the focus in the message box, so typing goes there (not into the focused button)', async () => {
    render(<ChatView />);
    const example = await screen.findByRole('button', { name: /palindrome/ });
    act(() => example.focus());
    fireEvent.keyDown(example, { key: 'O', ctrlKey: true, shiftKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('composer-input'));
  });

  it('the New chat button does the same', async () => {
    render(<ChatView />);
    const button = await screen.findByTestId('new-chat');
    act(() => button.focus());
    fireEvent.click(button);
    expect(document.activeElement).toBe(screen.getByTestId('composer-input'));
  });
});
