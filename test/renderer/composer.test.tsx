import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api/instance.ts';
import { Composer } from '../../renderer/src/features/chat/composer.tsx';
import { useAppStore } from '../../renderer/src/stores/app-store.ts';
import { useComposerDraftsStore } from '../../renderer/src/stores/composer-drafts-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';

let api: FakeApi;

beforeEach(() => {
  api = createFakeApi({
    'cascade.estimate': ({ prompt }) =>
      ok({
        inputTokens: prompt.split(/\s+/).length * 10,
        tiers: [
          { model: 'llama3.2:3b', provider: 'ollama', inputCostUsd: 0.000001, pricing: 'energy', local: true, answers: 1 },
          { model: 'gpt-4o', provider: 'openai', inputCostUsd: null, pricing: 'unknown', local: false, answers: 1 },
        ],
        contextWindow: 128_000,
      }),
  });
  setApi(api);
  useComposerDraftsStore.setState({ drafts: {} });
  useAppStore.setState({ eventsConnected: true });
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.useRealTimers();
});

function setup(running = false) {
  const onSend = vi.fn();
  const onStop = vi.fn();
  render(<Composer conversationId="c-1" running={running} onSend={onSend} onStop={onStop} estimateDelayMs={0} />);
  const box = screen.getByTestId('composer-input');
  if (!(box instanceof HTMLTextAreaElement)) throw new Error('composer input is not a textarea');
  return { box, onSend, onStop };
}

describe('composer', () => {
  it('sends on Enter and clears the box', () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: 'What is 17 * 23?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('What is 17 * 23?');
    expect(box.value).toBe('');
  });

  it('does not send on Shift+Enter, which is a new line', () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one');
  });

  it('does not send while an IME composition is in progress', () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: 'にほん' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('does not send an empty or blank message', () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: '   \n ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('while an answer runs, offers Stop instead of sending', () => {
    const { box, onSend, onStop } = setup(true);
    fireEvent.change(box, { target: { value: 'next question' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('composer-stop'));
    expect(onStop).toHaveBeenCalledOnce();
  });

  it('shows the estimated input tokens and each tier cost, with unknown prices named', async () => {
    const { box } = setup();
    fireEvent.change(box, { target: { value: 'three word prompt' } });
    const line = await screen.findByText(/input tokens/);
    const text = line.closest('[data-testid="composer-estimate"]')?.textContent ?? '';
    expect(text).toContain('30');
    expect(text).toContain('llama3.2:3b (local) $0.000001');
    expect(text).toContain('gpt-4o price unknown if escalated');
    expect(api.callsOf('cascade.estimate')).toContainEqual({ prompt: 'three word prompt', conversationId: 'c-1' });
  });

  describe('an estimate that failed while the server was away', () => {
    const UNREACHABLE = { ok: false as const, error: { code: 'unreachable' as const, message: 'Cannot reach the CascadeFlow server at http://127.0.0.1:5391' } };

    /** The estimate fails until `back()`; the event stream is down meanwhile. */
    async function serverAway() {
      const working = api.handlers['cascade.estimate'];
      let down = true;
      api.handlers['cascade.estimate'] = (input) => (down ? UNREACHABLE : (working?.(input) ?? UNREACHABLE));
      const { box } = setup();
      act(() => useAppStore.setState({ eventsConnected: false }));
      fireEvent.change(box, { target: { value: 'typed while the server is down' } });
      await screen.findByText(/Estimate unavailable: Cannot reach/);
      return {
        back: () => {
          down = false;
        },
      };
    }

    it('is asked again when the event stream comes back, without a change of the text', async () => {
      const server = await serverAway();
      const asked = api.callsOf('cascade.estimate').length;
      server.back();
      act(() => useAppStore.setState({ eventsConnected: true }));
      await screen.findByText(/input tokens/);
      expect(screen.queryByText(/Estimate unavailable/)).toBeNull();
      expect(api.callsOf('cascade.estimate').slice(asked)).toEqual([{ prompt: 'typed while the server is down', conversationId: 'c-1' }]);
    });

    it('is asked again when the window gets the focus', async () => {
      const server = await serverAway();
      server.back();
      act(() => {
        window.dispatchEvent(new Event('focus'));
      });
      await screen.findByText(/input tokens/);
      expect(screen.queryByText(/Estimate unavailable/)).toBeNull();
    });

    it('asks once per reconnection or focus, not in a loop while the server is still away', async () => {
      await serverAway();
      const asked = api.callsOf('cascade.estimate').length;
      act(() => useAppStore.setState({ eventsConnected: true }));
      await vi.waitFor(() => expect(api.callsOf('cascade.estimate')).toHaveLength(asked + 1));
      await new Promise((r) => setTimeout(r, 50));
      expect(api.callsOf('cascade.estimate')).toHaveLength(asked + 1);
      expect(screen.getByText(/Estimate unavailable/)).toBeTruthy();
    });

    it('is not asked again on focus once it succeeded', async () => {
      const { box } = setup();
      fireEvent.change(box, { target: { value: 'fine prompt' } });
      await screen.findByText(/input tokens/);
      const asked = api.callsOf('cascade.estimate').length;
      act(() => {
        window.dispatchEvent(new Event('focus'));
        useAppStore.setState({ eventsConnected: false });
      });
      act(() => useAppStore.setState({ eventsConnected: true }));
      await new Promise((r) => setTimeout(r, 50));
      expect(api.callsOf('cascade.estimate')).toHaveLength(asked);
    });
  });

  it('says when the drafter sends the prompt several times for its consistency samples', async () => {
    api.handlers['cascade.estimate'] = () => ok({ inputTokens: 12, tiers: [{ model: 'gpt-4o-mini', provider: 'openai', inputCostUsd: 0.000006, pricing: 'list', local: false, answers: 3 }, { model: 'gpt-4o', provider: 'openai', inputCostUsd: 0.00003, pricing: 'list', local: false, answers: 1 }], contextWindow: null });
    const { box } = setup();
    fireEvent.change(box, { target: { value: 'hello there' } });
    const line = await screen.findByText(/input tokens/);
    const text = line.closest('[data-testid="composer-estimate"]')?.textContent ?? '';
    expect(text).toContain('gpt-4o-mini ×3 answers $0.000006');
    expect(text).toMatch(/gpt-4o \$0\.00003\d* if escalated/);
  });

  it('names a local tier with no token price as energy only, not as free or unknown', async () => {
    api.handlers['cascade.estimate'] = () => ok({ inputTokens: 12, tiers: [{ model: 'llama3.2:3b', provider: 'ollama', inputCostUsd: 0, pricing: 'energy', local: true, answers: 1 }, { model: 'gpt-4o', provider: 'openai', inputCostUsd: 0.00003, pricing: 'list', local: false, answers: 1 }], contextWindow: null });
    const { box } = setup();
    fireEvent.change(box, { target: { value: 'hello there' } });
    const line = await screen.findByText(/input tokens/);
    const text = line.closest('[data-testid="composer-estimate"]')?.textContent ?? '';
    expect(text).toContain('llama3.2:3b (local) energy only');
    expect(text).not.toMatch(/llama3\.2:3b \(local\) \$/);
    expect(text).toContain('gpt-4o $0.000030 if escalated');
  });

  it('debounces the estimate: one request for a burst of typing', async () => {
    vi.useFakeTimers();
    const onSend = vi.fn();
    render(<Composer conversationId={null} running={false} onSend={onSend} onStop={() => undefined} estimateDelayMs={300} />);
    const box = screen.getByTestId('composer-input');
    for (const v of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      fireEvent.change(box, { target: { value: v } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
    }
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(api.callsOf('cascade.estimate')).toEqual([{ prompt: 'Hello' }]);
  });
});

describe('composer while a question is edited', () => {
  it('estimates the edit with the history before that question, and Cancel empties the box', async () => {
    const onCancelEdit = vi.fn();
    render(<Composer conversationId="c-1" running={false} onSend={vi.fn()} onStop={vi.fn()} estimateDelayMs={0} draft={{ text: 'And 5 * 6?', seq: 1 }} editing={{ messageId: 'm-3' }} onCancelEdit={onCancelEdit} />);
    const box = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    expect(box.value).toBe('And 5 * 6?');
    expect(screen.getByTestId('composer-editing').textContent).toContain('sending asks it in a new chat with the conversation before it');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(api.callsOf('cascade.estimate').at(-1)).toEqual({ prompt: 'And 5 * 6?', conversationId: 'c-1', beforeMessageId: 'm-3' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(box.value).toBe('');
    expect(onCancelEdit).toHaveBeenCalledTimes(1);
  });
});

describe('unsent text', () => {
  const box = () => screen.getByTestId('composer-input') as HTMLTextAreaElement;
  const composer = (conversationId: string | null, more: Partial<Parameters<typeof Composer>[0]> = {}) => (
    <Composer conversationId={conversationId} running={false} onSend={vi.fn()} onStop={vi.fn()} estimateDelayMs={0} {...more} />
  );

  it('is still there after a visit to another view (the composer unmounted and came back)', () => {
    render(composer('c-1'));
    fireEvent.change(box(), { target: { value: 'A long question I was composing' } });
    cleanup();
    render(composer('c-1'));
    expect(box().value).toBe('A long question I was composing');
  });

  it('belongs to its conversation: another one shows its own, and sending empties only this one', () => {
    const { rerender } = render(composer('c-1'));
    fireEvent.change(box(), { target: { value: 'for the first chat' } });
    rerender(composer('c-2'));
    expect(box().value).toBe('');
    fireEvent.change(box(), { target: { value: 'for the second chat' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    rerender(composer('c-1'));
    expect(box().value).toBe('for the first chat');
    rerender(composer('c-2'));
    expect(box().value).toBe('');
  });

  it('is put back when an edit is cancelled, and an edit does not replace it', () => {
    const { rerender } = render(composer('c-1'));
    fireEvent.change(box(), { target: { value: 'half-written follow-up' } });
    rerender(composer('c-1', { draft: { text: 'And 5 * 6?', seq: 1 }, editing: { messageId: 'm-3' } }));
    expect(box().value).toBe('And 5 * 6?');
    fireEvent.change(box(), { target: { value: 'And 5 * 7?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(box().value).toBe('half-written follow-up');
  });
});

describe('composer keys while a question is edited', () => {
  it('Esc leaves the edit as Cancel does, and is not passed on as "stop the answer"', () => {
    const onCancelEdit = vi.fn();
    const seenByWindow: boolean[] = [];
    const listener = (e: KeyboardEvent) => seenByWindow.push(e.defaultPrevented);
    window.addEventListener('keydown', listener);
    try {
      render(<Composer conversationId="c-1" running={false} onSend={vi.fn()} onStop={vi.fn()} estimateDelayMs={0} draft={{ text: 'And 5 * 6?', seq: 1 }} editing={{ messageId: 'm-3' }} onCancelEdit={onCancelEdit} />);
      const box = screen.getByTestId('composer-input') as HTMLTextAreaElement;
      fireEvent.keyDown(box, { key: 'Escape' });
      expect(onCancelEdit).toHaveBeenCalledTimes(1);
      expect(box.value).toBe('');
      expect(seenByWindow).toEqual([true]);
    } finally {
      window.removeEventListener('keydown', listener);
    }
  });

  it('Esc outside an edit is left to the chat (it stops a running answer)', () => {
    const seenByWindow: boolean[] = [];
    const listener = (e: KeyboardEvent) => seenByWindow.push(e.defaultPrevented);
    window.addEventListener('keydown', listener);
    try {
      render(<Composer conversationId="c-1" running={true} onSend={vi.fn()} onStop={vi.fn()} estimateDelayMs={0} />);
      fireEvent.keyDown(screen.getByTestId('composer-input'), { key: 'Escape' });
      expect(seenByWindow).toEqual([false]);
    } finally {
      window.removeEventListener('keydown', listener);
    }
  });
});
