// The empty chat's check of the models asks the providers once and shows that answer again
// while it is recent: it mounts for every new conversation and every return to the chat. A
// saved key or config, "Check again", a config changed in another window or an answer 30 s
// old asks again, and what changed meanwhile (Ollama started) shows.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelStatus } from '../../shared/api/contract.ts';
import { appConfigSchema, DEFAULT_CONFIG, type AppConfig } from '../../shared/core/config/schema.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { SetupCheck } from '../../renderer/src/features/chat/setup-check.tsx';
import { MODELS_PROBE_MAX_AGE_MS, useSettingsStore } from '../../renderer/src/stores/settings-store.ts';
import { createFakeApi, ok } from './fake-api.ts';

const OLLAMA_DOWN = 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`';
const NO_KEY = 'No API key for OpenAI: set OPENAI_API_KEY in Settings';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

const CONFIG: AppConfig = {
  ...DEFAULT_CONFIG,
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
};

/** The machine the providers are on, as models.list reports it when asked; every ask is counted. */
function machine() {
  const now = { ollamaUp: false, keySet: false, revision: 1 };
  const status = (config: AppConfig): ModelStatus[] => {
    const [drafter, verifier] = config.tiers;
    return [
      { model: drafter?.model ?? '', provider: 'ollama', usedAs: ['tier 1'], local: true, reachable: now.ollamaUp, reachability: now.ollamaUp ? 'Ollama: reachable' : OLLAMA_DOWN, inputPerMTok: null, outputPerMTok: null, pricing: 'energy' },
      { model: verifier?.model ?? '', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: now.keySet, reachability: now.keySet ? 'OpenAI: reachable' : NO_KEY, inputPerMTok: 2.5, outputPerMTok: 10, pricing: 'list' },
    ];
  };
  let stored = CONFIG;
  let held: Promise<void> | null = null;
  const api = createFakeApi({
    'models.list': async () => {
      await held;
      return ok({ models: status(stored) });
    },
    'secrets.set': ({ name }) => {
      now.keySet = true;
      return ok({ name, isSet: true, source: 'store' });
    },
    'secrets.list': () => ok({ secrets: [] }),
    'config.set': ({ config }) => {
      stored = appConfigSchema.parse(config);
      return ok({ config: stored, revision: `r${++now.revision}` });
    },
    'config.get': () => ok({ config: stored, source: 'database', revision: `r${now.revision}` }),
  });
  setApi(api);
  return {
    now,
    /** Another window saves a config: this one hears config.changed. */
    saveElsewhere(config: AppConfig) {
      stored = config;
      now.revision++;
    },
    probes: () => api.callsOf('models.list').length,
    /** The providers take their time answering until `release()`. */
    hold(): () => void {
      let release = () => {};
      held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

/** What the empty chat lists, once it has an answer to show. */
async function shown(): Promise<string[]> {
  await waitFor(() => expect(useSettingsStore.getState().modelsStatus).toBe('ready'));
  return [...document.querySelectorAll('[data-testid="setup-check"] li')].map((li) => li.textContent ?? '');
}

const DRAFTER_DOWN = 'llama3.2:3b: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve';
const NO_VERIFIER_KEY = 'gpt-4o: No API key for OpenAI: set OPENAI_API_KEY in Settings';

/** The empty chat as a new conversation or a return to the chat view shows it. */
function openEmptyChat(): void {
  cleanup();
  render(<SetupCheck />);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  useSettingsStore.setState({ config: CONFIG, revision: 'r1', models: [], modelsStatus: 'idle', modelsError: null, modelsProbedAt: null });
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.useRealTimers();
});

describe("the empty chat's check of the models", () => {
  it('asks the providers once when the empty chat opens twice within 30 s, and shows that answer both times', async () => {
    const { probes } = machine();
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    vi.setSystemTime(T0 + MODELS_PROBE_MAX_AGE_MS - 1);
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    expect(probes()).toBe(1);
  });

  it('asks nothing more when the empty chat opens again while its question is still out', async () => {
    const { probes, hold } = machine();
    const release = hold();
    openEmptyChat();
    openEmptyChat();
    expect(probes()).toBe(1);
    release();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    expect(probes()).toBe(1);
  });

  it('asks again once its answer is 30 s old, and shows the Ollama started meanwhile', async () => {
    const { now, probes } = machine();
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    now.ollamaUp = true;
    vi.setSystemTime(T0 + MODELS_PROBE_MAX_AGE_MS);
    openEmptyChat();
    await waitFor(() => expect(probes()).toBe(2));
    expect(await shown()).toEqual([NO_VERIFIER_KEY]);
  });

  it('asks again when a key is saved or the cascade changes, and shows that answer in the next empty chat', async () => {
    const { probes } = machine();
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    cleanup();
    // In Models & Settings.
    await act(() => useSettingsStore.getState().setSecret('OPENAI_API_KEY', 'sk-mine'));
    expect(probes()).toBe(2);
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN]);
    cleanup();
    await act(async () => {
      await useSettingsStore.getState().saveConfig({ ...CONFIG, tiers: [{ model: 'qwen2.5:7b', provider: 'ollama', local: true }, { model: 'gpt-4o', provider: 'openai' }] }, 'r1');
    });
    expect(probes()).toBe(3);
    openEmptyChat();
    expect(await shown()).toEqual(['qwen2.5:7b: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve']);
    // Its own save's config.changed: the revision is the one it saved, and nothing is asked again.
    await act(() => useSettingsStore.getState().load());
    expect(probes()).toBe(3);
  });

  it('asks again when the cascade changed in another window while the empty chat shows', async () => {
    const { probes, saveElsewhere } = machine();
    openEmptyChat();
    expect(await shown()).toEqual([DRAFTER_DOWN, NO_VERIFIER_KEY]);
    saveElsewhere({ ...CONFIG, tiers: [{ model: 'qwen2.5:7b', provider: 'ollama', local: true }, { model: 'gpt-4o', provider: 'openai' }] });
    // What live-sync does on config.changed.
    await act(() => useSettingsStore.getState().load());
    await waitFor(() => expect(probes()).toBe(2));
    expect(await shown()).toEqual(['qwen2.5:7b: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve', NO_VERIFIER_KEY]);
  });

  it('asks again at once on "Check again"', async () => {
    const { now, probes } = machine();
    openEmptyChat();
    const check = await screen.findByTestId('setup-check');
    now.ollamaUp = true;
    fireEvent.click(within(check).getByRole('button', { name: 'Check again' }));
    expect(probes()).toBe(2);
    expect(await shown()).toEqual([NO_VERIFIER_KEY]);
  });
});
