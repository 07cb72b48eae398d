// A first-time user with nothing set up: a failure that Models & Settings fixes leads there.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { failRun, newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { RunMessage } from '../../renderer/src/features/chat/run-message.tsx';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { attempt, outcome } from './fixtures.ts';

const OLLAMA_DOWN = 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`';
const NO_KEY = 'No API key for OpenAI: set OPENAI_API_KEY in Settings';

const noop = () => undefined;

beforeEach(() => {
  useNavStore.setState({ view: 'chat', conversationId: null });
});

afterEach(cleanup);

describe('a question no model could answer', () => {
  const down = { code: 'auth_failed', message: NO_KEY };

  it('offers Models & Settings under a saved answer whose key was missing', () => {
    const failed = outcome({ status: 'failed', answer: '', model: 'gpt-4o', provider: 'openai', tier: 1, error: down, attempts: [attempt({ status: 'error', accepted: false, quality: null, text: '', error: down })] });
    render(<AssistantAnswer text="" outcome={failed} actions={{}} />);
    const banner = document.querySelector('.error-banner');
    if (!(banner instanceof HTMLElement)) throw new Error('no error banner');
    fireEvent.click(within(banner).getByRole('button', { name: 'Open Models & Settings' }));
    expect(useNavStore.getState().view).toBe('settings');
  });

  it('offers it on the run that just failed too, because the server was not running', () => {
    const run = failRun(newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'Why?', startedAt: 0 }), { code: 'unreachable', message: OLLAMA_DOWN });
    render(<RunMessage run={run} showPrompt={false} verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    const banner = document.querySelector('.error-banner');
    if (!(banner instanceof HTMLElement)) throw new Error('no error banner');
    expect(within(banner).getByRole('button', { name: 'Open Models & Settings' })).toBeTruthy();
  });

  it('does not offer it for what Settings cannot fix, such as a server error', () => {
    const busy = { code: 'provider_error', message: 'OpenAI at https://api.openai.com/v1 failed with HTTP 503: it is overloaded, try again shortly' };
    const failed = outcome({ status: 'failed', answer: '', model: 'gpt-4o', provider: 'openai', tier: 1, error: busy, attempts: [attempt({ status: 'error', accepted: false, quality: null, text: '', error: busy })] });
    render(<AssistantAnswer text="" outcome={failed} actions={{}} />);
    expect(document.querySelector('.error-banner')?.textContent).toContain('HTTP 503');
    expect(screen.queryByRole('button', { name: 'Open Models & Settings' })).toBeNull();
  });
});
