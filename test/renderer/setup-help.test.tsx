// A first-time user with nothing set up: the empty chat says which models cannot answer and
// why before the first question, and a failure that Models & Settings fixes leads there.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../shared/api/contract.ts';
import { DEFAULT_CONFIG, type AppConfig } from '../../shared/core/config/schema.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { failRun, newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { RunMessage } from '../../renderer/src/features/chat/run-message.tsx';
import { SetupCheck } from '../../renderer/src/features/chat/setup-check.tsx';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { useSettingsStore } from '../../renderer/src/stores/settings-store.ts';
import { createFakeApi, ok } from './fake-api.ts';
import { attempt, outcome } from './fixtures.ts';

const OLLAMA_DOWN = 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`';
const NO_KEY = 'No API key for OpenAI: set OPENAI_API_KEY in Settings';

function model(over: Partial<ModelStatus>): ModelStatus {
  return { model: 'llama3.2:3b', provider: 'ollama', usedAs: ['tier 1'], local: true, reachable: true, reachability: 'Ollama at http://127.0.0.1:11434: reachable', inputPerMTok: null, outputPerMTok: null, pricing: 'energy', ...over };
}

function serveModels(models: ModelStatus[]): void {
  setApi(createFakeApi({ 'models.list': () => ok({ models }) }));
}

const noop = () => undefined;

const CONFIG: AppConfig = {
  ...DEFAULT_CONFIG,
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
};

beforeEach(() => {
  useSettingsStore.setState({ config: CONFIG, models: [], modelsStatus: 'idle', modelsError: null, modelsProbedAt: null });
  useNavStore.setState({ view: 'chat', conversationId: null });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the empty chat on a machine where nothing is set up', () => {
  it("lists each tier that cannot answer with the provider's reason, and opens Models & Settings", async () => {
    serveModels([
      model({ reachable: false, reachability: OLLAMA_DOWN }),
      model({ model: 'gpt-4o', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: false, reachability: NO_KEY, pricing: 'list' }),
      // Not the cascade a question goes to by default: a domain's own tier, and a model Ollama merely has.
      model({ model: 'qwen2.5-coder:7b', usedAs: ['domain code, tier 1'], reachable: false, reachability: OLLAMA_DOWN }),
      model({ model: 'qwen2.5:7b', usedAs: ['discovered'], reachable: false, reachability: OLLAMA_DOWN }),
    ]);
    render(<SetupCheck />);
    const check = await screen.findByTestId('setup-check');
    expect(check.querySelector('strong')?.textContent).toBe('No model can answer yet');
    expect([...check.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'llama3.2:3b: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve',
      'gpt-4o: No API key for OpenAI: set OPENAI_API_KEY in Settings',
    ]);
    fireEvent.click(within(check).getByRole('button', { name: 'Open Models & Settings' }));
    expect(useNavStore.getState().view).toBe('settings');
  });

  it('says that one tier is missing when the others answer', async () => {
    serveModels([model({}), model({ model: 'gpt-4o', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: false, reachability: NO_KEY, pricing: 'list' })]);
    render(<SetupCheck />);
    const check = await screen.findByTestId('setup-check');
    expect(check.querySelector('strong')?.textContent).toBe('One model of your cascade cannot answer yet');
    expect([...check.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['gpt-4o: No API key for OpenAI: set OPENAI_API_KEY in Settings']);
  });

  it('counts tiers, not models: one model down that serves both tiers leaves no tier to answer', async () => {
    serveModels([model({ usedAs: ['tier 1', 'tier 2'], reachable: false, reachability: OLLAMA_DOWN })]);
    render(<SetupCheck />);
    const check = await screen.findByTestId('setup-check');
    expect(check.querySelector('strong')?.textContent).toBe('No model can answer yet');
  });

  it('keeps the newest probe: an older one answering last does not bring back what a saved key fixed', async () => {
    let answerFirst: (() => void) | undefined;
    let calls = 0;
    setApi(
      createFakeApi({
        'models.list': async () => {
          calls++;
          // The first (start-up) probe is slow and still says "No API key"; the second, after the key was saved, says it is fine.
          if (calls === 1) {
            await new Promise<void>((resolve) => (answerFirst = resolve));
            return ok({ models: [model({ model: 'gpt-4o', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: false, reachability: NO_KEY, pricing: 'list' })] });
          }
          return ok({ models: [model({ model: 'gpt-4o', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: true, reachability: 'OpenAI: reachable', pricing: 'list' })] });
        },
      }),
    );
    const first = useSettingsStore.getState().loadModels();
    await useSettingsStore.getState().loadModels();
    answerFirst?.();
    await first;
    expect(useSettingsStore.getState().models.map((m) => m.reachable)).toEqual([true]);
  });

  it('says nothing once every tier answers, or when a provider cannot be checked', async () => {
    serveModels([model({}), model({ model: 'claude-sonnet-4-6', provider: 'anthropic', usedAs: ['tier 2'], local: false, reachable: null, reachability: 'Anthropic: not checked', pricing: 'list' })]);
    render(<SetupCheck />);
    await waitFor(() => expect(useSettingsStore.getState().modelsStatus).toBe('ready'));
    expect(screen.queryByTestId('setup-check')).toBeNull();
  });
});

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
