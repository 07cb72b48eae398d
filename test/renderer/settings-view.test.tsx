import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelStatus, SecretStatus } from '../../shared/api/contract.ts';
import type { AppConfig, TierConfig } from '../../shared/core/config/schema.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { keyAddress } from '../../renderer/src/features/settings/providers-card.tsx';
import { SettingsView } from '../../renderer/src/features/settings/settings-view.tsx';
import { UnsavedSettingsMark } from '../../renderer/src/features/settings/unsaved-settings-mark.tsx';
import { useSettingsDraftStore } from '../../renderer/src/stores/settings-draft-store.ts';
import { useSettingsStore } from '../../renderer/src/stores/settings-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';

const CONFIG: AppConfig = {
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
  domains: {},
  quality: { threshold: 0.7, requireVerified: false },
  routing: {},
  streaming: { mode: 'draft-then-replace' },
  audit: { rate: 0 },
  local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 },
  prices: {},
};

const MODELS: ModelStatus[] = [
  { model: 'llama3.2:3b', provider: 'ollama', usedAs: ['tier 1'], local: true, reachable: true, reachability: 'reachable', inputPerMTok: null, outputPerMTok: null, pricing: 'energy' },
  { model: 'gpt-4o', provider: 'openai', usedAs: ['tier 2'], local: false, reachable: null, reachability: 'not checked', inputPerMTok: 2.5, outputPerMTok: 10, pricing: 'list' },
  { model: 'my-finetune', provider: 'openai-compatible', usedAs: ['discovered'], local: false, reachable: true, reachability: 'reachable', inputPerMTok: null, outputPerMTok: null, pricing: 'unknown' },
  { model: 'llama-3.2-3b', provider: 'groq', usedAs: ['tier 3'], local: false, reachable: null, reachability: 'not checked', inputPerMTok: null, outputPerMTok: null, pricing: 'unknown', priceSuggestions: ['llama-3.2-3b-preview', 'llama-3.2-1b-preview'] },
];

const SECRET = 'sk-test-0123456789abcdef';

let api: FakeApi;
let secrets: SecretStatus[];
let saved: AppConfig[];
/** What the fake server has stored, and its revision (a counter, like a hash that changes with it). */
let stored: AppConfig;
let storedRevision: number;
const revisionName = (n: number) => `rev-${n}`;

/** Another window, the CLI or a hand edit changes the stored config, without this page knowing. */
function changeElsewhere(config: AppConfig): void {
  stored = config;
  storedRevision += 1;
}
/** jsdom lays nothing out and has no scrollIntoView: record which elements were scrolled to. */
let scrolledTo: Element[];

beforeEach(() => {
  scrolledTo = [];
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolledTo.push(this);
  });
  secrets = [{ name: 'OPENAI_API_KEY', isSet: false, source: null }];
  saved = [];
  stored = CONFIG;
  storedRevision = 1;
  api = createFakeApi({
    'config.get': () => ok({ config: stored, source: 'database' as const, revision: revisionName(storedRevision) }),
    // Like the server: a save from a revision that is no longer the stored one is refused.
    'config.set': ({ config, revision }) => {
      if (revision !== undefined && revision !== revisionName(storedRevision)) {
        return { ok: false, error: { code: 'conflict', message: 'The saved settings were changed elsewhere since these were loaded.', details: { revision: revisionName(storedRevision) } } };
      }
      const c = config as AppConfig;
      saved.push(c);
      changeElsewhere(c);
      return ok({ config: c, revision: revisionName(storedRevision) });
    },
    'secrets.list': () => ok({ secrets }),
    // Like the server: the answer says whether a key is set, never what it is.
    'secrets.set': ({ name }) => {
      const s: SecretStatus = { name, isSet: true, source: 'store' };
      secrets = [s];
      return ok(s);
    },
    'models.list': () => ok({ models: MODELS }),
    'providers.test': ({ provider }) =>
      ok(
        provider === 'ollama'
          ? { ok: true, message: 'Connected to Ollama at http://127.0.0.1:11434: 2 models installed', models: [{ name: 'llama3.2:3b', parameterSize: '3.2B', sizeBytes: 2_019_000_000 }, { name: 'qwen2.5:7b' }] }
          : { ok: false, message: 'no key', models: [] },
      ),
  });
  setApi(api);
  useSettingsStore.setState({ config: null, revision: null, source: null, status: 'idle', error: null, secrets: [], models: [], modelsStatus: 'idle', modelsError: null });
  useSettingsDraftStore.setState(useSettingsDraftStore.getInitialState());
});

afterEach(() => {
  cleanup();
  setApi(null);
  // @ts-expect-error jsdom has none; put it back the way it was.
  delete Element.prototype.scrollIntoView;
});

/** What a screen reader reads as the control's description: the texts its aria-describedby names. */
function description(control: Element): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`).join(' ');
}

async function renderSettings(): Promise<void> {
  render(<SettingsView />);
  await screen.findByTestId('tier-list');
}

// Whole-view tests render the settings form many times; a loaded machine can take seconds.
describe('models and settings', { timeout: 30_000 }, () => {
  it('prices a local model by its energy, and names a truly unknown price', async () => {
    await renderSettings();
    const table = await screen.findByTestId('models-table');
    await within(table).findByText('llama3.2:3b');
    const row = (model: string) => within(table).getByText(model).closest('tr')?.textContent ?? '';
    expect(row('llama3.2:3b')).toContain('energy (local)');
    expect(row('llama3.2:3b')).not.toContain('price unknown');
    expect(row('gpt-4o')).toContain('$2.50 in$10.00 outlist price');
    expect(row('my-finetune')).toContain('price unknownset a price below');
    expect(row('my-finetune')).not.toContain('did you mean');
  });

  it("names the price list's close ids for a model whose price is unknown, and changes nothing", async () => {
    await renderSettings();
    const table = await screen.findByTestId('models-table');
    const row = (await within(table).findByText('llama-3.2-3b')).closest('tr')?.textContent ?? '';
    expect(row).toContain('price unknownset a price belowdid you mean llama-3.2-3b-preview or llama-3.2-1b-preview?');
    // Said, not applied: nothing was saved and no tier was renamed.
    expect(saved).toEqual([]);
  });

  it('looks for Ollama on opening, at the server default when none is configured, and lists its models', async () => {
    await renderSettings();
    const installed = await screen.findByTestId('ollama-installed-models');
    expect(installed.textContent).toContain('llama3.2:3b');
    expect(installed.textContent).toContain('3.2B');
    expect(installed.textContent).toContain('2.0 GB');
    expect(installed.textContent).toContain('qwen2.5:7b');
    expect(api.callsOf('providers.test')).toEqual([{ provider: 'ollama' }]);
    // The detected address can be written into the config with one click.
    fireEvent.click(screen.getByRole('button', { name: 'Use http://127.0.0.1:11434' }));
    expect((screen.getByLabelText('Base URL', { selector: '#provider-ollama-url' }) as HTMLInputElement).value).toBe('http://127.0.0.1:11434');
  });

  it('saves a key write-only: the box empties, the status says set, the key is nowhere in the page', async () => {
    await renderSettings();
    const box = screen.getByLabelText(/API key/, { selector: '#key-openai' });
    fireEvent.change(box, { target: { value: SECRET } });
    const row = box.closest('.provider-row');
    if (!(row instanceof HTMLElement)) throw new Error('no provider row');
    fireEvent.click(within(row).getByRole('button', { name: 'Save key' }));
    // The status comes from the store and the box is cleared by the row once the call returns:
    // two renders, so wait for both.
    await waitFor(() => {
      expect(screen.getByTestId('key-status-openai').textContent).toContain('key set');
      expect((box as HTMLInputElement).value).toBe('');
    });
    expect(api.callsOf('secrets.set')).toEqual([{ name: 'OPENAI_API_KEY', value: SECRET }]);
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify(useSettingsStore.getState())).not.toContain(SECRET);
  });

  it('checks a key as soon as it is saved: a rejected one is said in its row, and the models table is asked again', async () => {
    api.handlers['providers.test'] = ({ provider }) =>
      ok(
        provider === 'openai'
          ? { ok: false, message: 'OpenAI rejected the API key (401): set a valid OPENAI_API_KEY under Providers in Settings', models: [] }
          : { ok: true, message: 'Connected to Ollama at http://127.0.0.1:11434: 1 model installed', models: [{ name: 'llama3.2:3b' }] },
      );
    await renderSettings();
    await waitFor(() => expect(api.callsOf('models.list').length).toBeGreaterThan(0));
    const listedBefore = api.callsOf('models.list').length;
    const box = screen.getByLabelText(/API key/, { selector: '#key-openai' });
    const row = box.closest('.provider-row');
    if (!(row instanceof HTMLElement)) throw new Error('no provider row');
    fireEvent.change(box, { target: { value: 'sk-mistyped' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save key' }));
    const outcome = await within(row).findByTestId('provider-test-result');
    expect(outcome.textContent).toBe('OpenAI rejected the API key (401): set a valid OPENAI_API_KEY under Providers in Settings');
    expect(api.callsOf('providers.test')).toContainEqual({ provider: 'openai' });
    expect(api.callsOf('models.list').length).toBe(listedBefore + 1);
  });

  it("tests a saved key where the cascade uses it: an OpenAI tier's own address, else the provider's default", async () => {
    const gateway = 'http://gateway.internal:8080/v1';
    stored = { ...CONFIG, tiers: [CONFIG.tiers[0] as TierConfig, { model: 'gpt-4o', provider: 'openai', baseUrl: gateway }] };
    api.handlers['providers.test'] = () => ok({ ok: true, message: 'Connected', models: [] });
    await renderSettings();
    const box = screen.getByLabelText(/API key/, { selector: '#key-openai' });
    const row = box.closest('.provider-row');
    if (!(row instanceof HTMLElement)) throw new Error('no provider row');
    fireEvent.change(box, { target: { value: 'sk-gateway' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save key' }));
    await within(row).findByTestId('provider-test-result');
    expect(api.callsOf('providers.test')).toContainEqual({ provider: 'openai', baseUrl: gateway });
    expect(api.callsOf('providers.test')).not.toContainEqual({ provider: 'openai' });
  });

  it('keyAddress: a tier reading another key variable, or setting no address, leaves the default', () => {
    const tiers: TierConfig[] = [
      { model: 'a', provider: 'openai', baseUrl: 'http://other-account:1/v1', apiKeyEnv: 'OPENAI_KEY_2' },
      { model: 'b', provider: 'openai' },
      { model: 'c', provider: 'anthropic', baseUrl: 'http://claude-proxy:2' },
    ];
    expect(keyAddress(tiers, 'openai', 'OPENAI_API_KEY')).toBeUndefined();
    expect(keyAddress(tiers, 'anthropic', 'ANTHROPIC_API_KEY')).toBe('http://claude-proxy:2');
    expect(keyAddress([...tiers, { model: 'd', provider: 'openai', baseUrl: ' http://gw:3/v1 ' }], 'openai', 'OPENAI_API_KEY')).toBe('http://gw:3/v1');
  });

  it('names the models a connection test found once, without counting them twice', async () => {
    secrets = [{ name: 'OPENAI_API_KEY', isSet: true, source: 'store' }];
    api.handlers['providers.test'] = () => ok({ ok: true, message: 'Connected to OpenAI at https://api.openai.com/v1: 5 models available', models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano'].map((name) => ({ name })) });
    await renderSettings();
    const row = screen.getByLabelText(/API key/, { selector: '#key-openai' }).closest('.provider-row');
    if (!(row instanceof HTMLElement)) throw new Error('no provider row');
    fireEvent.click(within(row).getByRole('button', { name: 'Test connection' }));
    const outcome = await within(row).findByTestId('provider-test-result');
    expect(outcome.textContent).toBe('Connected to OpenAI at https://api.openai.com/v1: 5 models available (gpt-4o, gpt-4o-mini, gpt-4.1, gpt-4.1-mini, …)');
  });

  it('gives a key variable a tier names its own row, so "set it in Settings" has a place', async () => {
    const vllm = { model: 'qwen-box', provider: 'vllm' as const, baseUrl: 'http://gpu-box:8000/v1', apiKeyEnv: 'VLLM_BOX_KEY' };
    stored = { ...CONFIG, tiers: [vllm, ...CONFIG.tiers] };
    secrets = [...secrets, { name: 'VLLM_BOX_KEY', isSet: false, source: null }];
    await renderSettings();
    const box = screen.getByLabelText(/API key/, { selector: '#key-VLLM_BOX_KEY' });
    const row = box.closest('.provider-row');
    if (!(row instanceof HTMLElement)) throw new Error('no provider row');
    expect(row.querySelector('.provider-name')?.textContent).toBe('VLLM_BOX_KEYthe key of qwen-box');
    expect(within(row).queryByRole('button', { name: 'Test connection' })).toBeNull();
    fireEvent.change(box, { target: { value: SECRET } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(api.callsOf('secrets.set')).toEqual([{ name: 'VLLM_BOX_KEY', value: SECRET }]));
  });

  it('adds a domain with its own cascade and refuses to save it without a name', async () => {
    await renderSettings();
    fireEvent.click(screen.getByTestId('add-domain'));
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('give the domain a name');
    expect(saved).toEqual([]);

    fireEvent.change(screen.getByLabelText('Domain name'), { target: { value: 'Code' } });
    fireEvent.change(screen.getByLabelText('Keywords'), { target: { value: 'python, rust,\nstack trace' } });
    fireEvent.change(document.getElementById('domain-0-tier-0-model') as HTMLInputElement, { target: { value: 'qwen2.5-coder:7b' } });
    fireEvent.change(document.getElementById('domain-0-tier-1-model') as HTMLInputElement, { target: { value: 'gpt-4o' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.domains).toEqual({
      code: {
        tiers: [
          { model: 'qwen2.5-coder:7b', provider: 'ollama' },
          { model: 'gpt-4o', provider: 'openai' },
        ],
        keywords: ['python', 'rust', 'stack trace'],
      },
    });
  });

  it('edits per-model prices, and shows a domain tier without a model on that field before sending anything', async () => {
    await renderSettings();
    fireEvent.click(screen.getByTestId('add-price'));
    fireEvent.change(screen.getByLabelText('Model of price row 1'), { target: { value: 'gpt-4.1-mini' } });
    fireEvent.change(screen.getByLabelText('Input price for gpt-4.1-mini'), { target: { value: '0.4' } });
    fireEvent.change(screen.getByLabelText('Output price for gpt-4.1-mini'), { target: { value: '1.6' } });
    fireEvent.click(screen.getByTestId('add-domain'));
    fireEvent.change(screen.getByLabelText('Domain name'), { target: { value: 'code' } });
    fireEvent.click(screen.getByTestId('save-settings'));

    const model = document.getElementById('domain-0-tier-0-model');
    const field = model?.closest('.field');
    if (!(field instanceof HTMLElement) || !(model instanceof HTMLInputElement)) throw new Error('no field around the domain tier model');
    await waitFor(() => expect(description(model)).toBe('required'));
    expect(api.callsOf('config.set')).toHaveLength(0);

    fireEvent.change(model, { target: { value: 'qwen2.5-coder:7b' } });
    fireEvent.change(document.getElementById('domain-0-tier-1-model') as HTMLInputElement, { target: { value: 'gpt-4o' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    const sent = api.callsOf('config.set').at(-1)?.config as AppConfig | undefined;
    expect(sent?.prices).toEqual({ 'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 } });
  });

  it('edits how many answers a drafting tier draws, never the verifier\'s, and saves it', async () => {
    await renderSettings();
    const samples = screen.getByLabelText<HTMLInputElement>('Samples');
    expect(samples.id).toBe('tier-0-samples');
    expect(samples.value).toBe('');
    // One field: the verifier (the last tier) never samples.
    expect(screen.getAllByLabelText('Samples')).toHaveLength(1);
    expect(samples.closest('.field')?.textContent).toContain('Answers drawn per question (3: the draft and 2 more) whose final answers must agree; each extra one is a paid call, or GPU time when local');

    fireEvent.change(samples, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.tiers).toEqual([
      { model: 'llama3.2:3b', provider: 'ollama', local: true, samples: 3 },
      { model: 'gpt-4o', provider: 'openai' },
    ]);

    // The saved config is loaded back into a fresh form.
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Samples').value).toBe('3'));
    fireEvent.change(screen.getByLabelText('Samples'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.at(-1)?.tiers[0]).toEqual({ model: 'llama3.2:3b', provider: 'ollama', local: true });
  });

  it('refuses a samples count outside 1 to 8 on its field, for a domain drafter too', async () => {
    await renderSettings();
    const samples = screen.getByLabelText<HTMLInputElement>('Samples');
    for (const bad of ['9', '0', '2.5', 'two']) {
      fireEvent.change(samples, { target: { value: bad } });
      fireEvent.click(screen.getByTestId('save-settings'));
      await waitFor(() => expect(description(samples)).toBe('Samples must be a whole number from 1 to 8 (empty = 1)'));
    }
    expect(saved).toEqual([]);

    fireEvent.change(samples, { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('add-domain'));
    fireEvent.change(screen.getByLabelText('Domain name'), { target: { value: 'code' } });
    fireEvent.change(document.getElementById('domain-0-tier-0-model') as HTMLInputElement, { target: { value: 'qwen2.5-coder:7b' } });
    fireEvent.change(document.getElementById('domain-0-tier-1-model') as HTMLInputElement, { target: { value: 'gpt-4o' } });
    expect(document.getElementById('domain-0-tier-1-samples')).toBeNull();
    const domainSamples = document.getElementById('domain-0-tier-0-samples') as HTMLInputElement;
    fireEvent.change(domainSamples, { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(description(domainSamples)).toContain('from 1 to 8'));
    expect(saved).toEqual([]);
    fireEvent.change(domainSamples, { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.tiers[0]?.samples).toBe(2);
    expect(saved.at(-1)?.domains['code']?.tiers.map((t) => t.samples)).toEqual([4, undefined]);
  });

  it('puts the server\'s message about a tier\'s samples on that field', async () => {
    api.handlers['config.set'] = () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'config.tiers.0.samples: Too big: expected number to be <=8', details: { fields: ['config.tiers.0.samples'] } },
    });
    await renderSettings();
    const samples = screen.getByLabelText<HTMLInputElement>('Samples');
    fireEvent.change(samples, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(description(samples)).toBe('must be at most 8'));
    expect(document.querySelector('.save-bar')?.textContent).toContain('Not saved: 1 field needs attention: Samples (tier 1).');
  });

  it("sets how much each tier's model thinks, and shows the server's refusal on that field", async () => {
    await renderSettings();
    const drafter = screen.getByLabelText<HTMLSelectElement>('Thinking', { selector: '#tier-0-thinking' });
    expect(drafter.value).toBe('');
    expect([...drafter.options].map((o) => o.textContent)).toEqual(['model default', 'off', 'low', 'medium', 'high']);
    fireEvent.change(drafter, { target: { value: 'off' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.tiers).toEqual([
      { model: 'llama3.2:3b', provider: 'ollama', local: true, thinking: 'off' },
      { model: 'gpt-4o', provider: 'openai' },
    ]);

    api.handlers['config.set'] = () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'config.tiers.1.thinking: Invalid option: expected one of "off"|"low"|"medium"|"high"', details: { fields: ['config.tiers.1.thinking'] } },
    });
    const verifier = screen.getByLabelText<HTMLSelectElement>('Thinking', { selector: '#tier-1-thinking' });
    fireEvent.change(verifier, { target: { value: 'high' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(description(verifier)).toContain('expected one of'));
  });

  it('offers a Claude tier every thinking level, and keeps the level when a tier moves to Claude', async () => {
    await renderSettings();
    const verifier = screen.getByLabelText<HTMLSelectElement>('Thinking', { selector: '#tier-1-thinking' });
    fireEvent.change(verifier, { target: { value: 'medium' } });
    fireEvent.change(document.getElementById('tier-1-provider') as HTMLSelectElement, { target: { value: 'anthropic' } });
    fireEvent.change(document.getElementById('tier-1-model') as HTMLInputElement, { target: { value: 'claude-sonnet-4-6' } });
    const claude = screen.getByLabelText<HTMLSelectElement>('Thinking', { selector: '#tier-1-thinking' });
    expect(claude.value).toBe('medium');
    expect([...claude.options].map((o) => o.textContent)).toEqual(['model default', 'off', 'low', 'medium', 'high']);
    fireEvent.change(claude, { target: { value: 'high' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.tiers[1]).toEqual({ model: 'claude-sonnet-4-6', provider: 'anthropic', thinking: 'high' });
  });

  it('saves standing instructions for every question, and takes them out when emptied', async () => {
    await renderSettings();
    const box = screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question');
    expect(box.value).toBe('');
    expect(box.closest('.field')?.textContent).toContain("Sent to every model as the conversation's system message");
    fireEvent.change(box, { target: { value: 'Answer briefly.' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.instructions).toBe('Answer briefly.');

    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question').value).toBe('Answer briefly.'));
    fireEvent.change(screen.getByLabelText('Instructions for every question'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.at(-1) && 'instructions' in saved.at(-1)!).toBe(false);
  });

  it('marks each invalid field invalid, described by its error, and takes the focus to the first one on Save', async () => {
    await renderSettings();
    const watts = screen.getByLabelText<HTMLInputElement>('GPU power (watts)');
    const kwh = screen.getByLabelText<HTMLInputElement>('Electricity (USD per kWh)');
    fireEvent.change(watts, { target: { value: '-300' } });
    fireEvent.change(kwh, { target: { value: 'abc' } });
    const save = screen.getByTestId('save-settings');
    save.focus();
    fireEvent.click(save);

    await waitFor(() => expect(watts.getAttribute('aria-invalid')).toBe('true'));
    expect(description(watts)).toBe('must be at least 0');
    expect(kwh.getAttribute('aria-invalid')).toBe('true');
    expect(description(kwh)).toBe('enter a number');
    // A field without a mistake says nothing of the kind.
    const instructions = screen.getByLabelText('Instructions for every question');
    expect(instructions.hasAttribute('aria-invalid')).toBe(false);
    expect(instructions.hasAttribute('aria-describedby')).toBe(false);
    // The first mistake in the page's order is where the keyboard lands, scrolled into view.
    await waitFor(() => expect(document.activeElement).toBe(watts));
    expect(scrolledTo.at(-1)).toBe(watts);
    expect(saved).toEqual([]);

    // Fixed, the watts field is plain again, and the next Save goes to the mistake that is left.
    fireEvent.change(watts, { target: { value: '300' } });
    save.focus();
    fireEvent.click(save);
    await waitFor(() => expect(document.activeElement).toBe(kwh));
    expect(watts.hasAttribute('aria-invalid')).toBe(false);
    expect(watts.hasAttribute('aria-describedby')).toBe(false);
    expect(description(kwh)).toBe('enter a number');
    expect(scrolledTo.at(-1)).toBe(kwh);
  });

  it("links the server's refusal to its field and focuses it, in the cascade and in the providers above", async () => {
    api.handlers['config.set'] = () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'config.tiers.0.baseUrl: Invalid URL; config.tiers.1.thinking: Invalid option', details: { fields: ['config.tiers.0.baseUrl', 'config.tiers.1.thinking'] } },
    });
    await renderSettings();
    // An address the form accepts; the server (which may check more) refuses it.
    fireEvent.change(screen.getByLabelText('Base URL', { selector: '#provider-ollama-url' }), { target: { value: 'http://gpu-box:11434' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    const ollama = screen.getByLabelText<HTMLInputElement>('Base URL', { selector: '#provider-ollama-url' });
    await waitFor(() => expect(document.activeElement).toBe(ollama));
    expect(ollama.getAttribute('aria-invalid')).toBe('true');
    expect(description(ollama)).toBe('Invalid URL');
    const tierUrl = document.getElementById('tier-0-url') as HTMLInputElement;
    expect(tierUrl.getAttribute('aria-invalid')).toBe('true');
    expect(description(tierUrl)).toBe('Invalid URL');
    const thinking = document.getElementById('tier-1-thinking') as HTMLSelectElement;
    expect(thinking.getAttribute('aria-invalid')).toBe('true');
    expect(description(thinking)).toBe('Invalid option');
    expect(api.callsOf('config.set')).toHaveLength(1);
  });

  it('links a price row and a domain name to their errors', async () => {
    await renderSettings();
    fireEvent.click(screen.getByTestId('add-domain'));
    fireEvent.click(screen.getByTestId('add-price'));
    fireEvent.change(screen.getByLabelText('Input price for row 1'), { target: { value: '-1' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    const name = screen.getByLabelText<HTMLInputElement>('Domain name');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(description(name)).toBe('give the domain a name');
    const model = screen.getByLabelText('Model of price row 1');
    expect(model.getAttribute('aria-invalid')).toBe('true');
    expect(description(model)).toBe('name the model this price is for');
  });

  it('keeps unsaved edits through a visit to another view, says they are unsaved, and Discard drops them', async () => {
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    fireEvent.change(screen.getByLabelText('Instructions for every question'), { target: { value: 'Answer briefly.' } });
    fireEvent.change(screen.getByLabelText('Electricity (USD per kWh)'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('enter a number');

    // Another view replaces this one (app.tsx renders one view at a time), then the user comes back.
    cleanup();
    render(<UnsavedSettingsMark />);
    expect(screen.getByTestId('unsaved-settings-mark').textContent).toBe('(unsaved changes)');
    cleanup();
    await renderSettings();
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('450');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question').value).toBe('Answer briefly.');
    // The mistake found before leaving is still pointed out.
    const kwh = screen.getByLabelText<HTMLInputElement>('Electricity (USD per kWh)');
    expect(kwh.value).toBe('abc');
    expect(description(kwh)).toBe('enter a number');
    expect(document.querySelector('.save-bar')?.textContent).toContain('Not saved');
    expect(saved).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('300');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Electricity (USD per kWh)').hasAttribute('aria-invalid')).toBe(false);
    expect(document.querySelector('.save-bar')?.textContent).not.toMatch(/Unsaved|Not saved/);
    cleanup();
    render(<UnsavedSettingsMark />);
    expect(screen.queryByTestId('unsaved-settings-mark')).toBeNull();
  });

  it('makes the draft Discard goes back to once, so the rows on screen are not made again', async () => {
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    const drafts: unknown[] = [];
    const unsubscribe = useSettingsDraftStore.subscribe((s, prev) => {
      if (s.draft !== prev.draft) drafts.push(s.draft);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await act(async () => {});
    unsubscribe();
    expect(drafts).toHaveLength(1);
    expect(useSettingsDraftStore.getState()).toMatchObject({ draft: drafts[0], dirty: false, baseRevision: revisionName(1) });
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('300');
  });

  it('says "Unsaved changes" while edits wait, and saves the kept edits after a visit elsewhere', async () => {
    await renderSettings();
    const bar = () => document.querySelector('.save-bar')?.textContent ?? '';
    expect(bar()).not.toContain('Unsaved changes');
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    expect(bar()).toContain('Unsaved changes');
    cleanup();
    await renderSettings();
    expect(bar()).toContain('Unsaved changes');
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)?.local).toEqual({ gpuWatts: 450, electricityUsdPerKwh: 0.15 });
  });

  it('does not lose a save that finishes after the user left the page', async () => {
    let answer: (() => void) | null = null;
    api.handlers['config.set'] = ({ config }) =>
      new Promise((resolve) => {
        answer = () => {
          changeElsewhere(config as AppConfig);
          resolve(ok({ config: config as AppConfig, revision: revisionName(storedRevision) }));
        };
      });
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(answer).not.toBeNull());
    cleanup();
    await act(async () => answer?.());
    // The next visit loads the config the server now has.
    await renderSettings();
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('450');
    expect(document.querySelector('.save-bar')?.textContent).not.toContain('Unsaved changes');
    expect(screen.queryByTestId('unsaved-settings-mark')).toBeNull();
  });

  it('keeps an edit typed while a save was on its way, as unsaved', async () => {
    let answer: (() => void) | null = null;
    api.handlers['config.set'] = ({ config }) =>
      new Promise((resolve) => {
        answer = () => {
          saved.push(config as AppConfig);
          changeElsewhere(config as AppConfig);
          resolve(ok({ config: config as AppConfig, revision: revisionName(storedRevision) }));
        };
      });
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(answer).not.toBeNull());
    // The fields stay editable while the server answers.
    fireEvent.change(screen.getByLabelText('Instructions for every question'), { target: { value: 'Answer briefly.' } });
    await act(async () => answer?.());
    expect(saved.at(-1)?.local.gpuWatts).toBe(450);
    expect(saved.at(-1)?.instructions).toBeUndefined();
    // The later edit is still in the form, and still waits to be saved.
    expect(screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question').value).toBe('Answer briefly.');
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('450');
    expect(useSettingsDraftStore.getState().dirty).toBe(true);
    expect(screen.getByTestId('save-bar').textContent).toContain('Unsaved changes');
  });

  it('says a refused Save once, in one status region naming the fields, and never through the fields themselves', async () => {
    await renderSettings();
    fireEvent.change(document.getElementById('tier-1-model') as HTMLInputElement, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '-300' } });
    fireEvent.change(screen.getByLabelText('Electricity (USD per kWh)'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('save-settings'));

    const announcer = screen.getByTestId('settings-status');
    const summary = 'Not saved: 3 fields need attention: Model (tier 2), GPU power (watts) and Electricity (USD per kWh).';
    await waitFor(() => expect(announcer.textContent).toBe(summary));
    expect(announcer.getAttribute('role')).toBe('status');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    // The same words in sight, once: the status is the Save bar's own message.
    expect(screen.getAllByText(summary)).toHaveLength(1);
    // Nothing else in the page speaks up: no alert, and no field error is a live region.
    expect(document.querySelectorAll('[role="alert"], [aria-live="assertive"]')).toHaveLength(0);
    const errors = [...document.querySelectorAll('.field-error')];
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e.closest('[role], [aria-live]')).toBeNull();
    // The keyboard is on the first of them, which says its own error; the bar says it in sight.
    await waitFor(() => expect(document.activeElement?.id).toBe('tier-1-model'));

    // Typing while fixing says nothing: the region keeps the same node and words.
    const said = announcer.firstElementChild;
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '-30' } });
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '300' } });
    expect(announcer.firstElementChild).toBe(said);
    expect(announcer.textContent).toBe(summary);

    // A second refused Save is said again, for what is left.
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(announcer.textContent).toBe('Not saved: 2 fields need attention: Model (tier 2) and Electricity (USD per kWh).'));
    expect(announcer.firstElementChild).not.toBe(said);
    const again = announcer.firstElementChild;
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(announcer.firstElementChild).not.toBe(again));
    expect(announcer.textContent).toBe('Not saved: 2 fields need attention: Model (tier 2) and Electricity (USD per kWh).');

    fireEvent.change(document.getElementById('tier-1-model') as HTMLInputElement, { target: { value: 'gpt-4o' } });
    fireEvent.change(screen.getByLabelText('Electricity (USD per kWh)'), { target: { value: '0.2' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(announcer.textContent).toBe('Saved. New questions use these settings.'));
    expect(saved).toHaveLength(1);
  });

  it('names a field in a domain by its domain and tier', async () => {
    await renderSettings();
    fireEvent.click(screen.getByTestId('add-domain'));
    fireEvent.change(screen.getByLabelText('Domain name'), { target: { value: 'code' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Not saved: 2 fields need attention: Model (domain code, tier 1) and Model (domain code, tier 2).'));
  });

  it('refuses to save over settings changed elsewhere since the edits began, keeps the edits, and loads the saved ones on request', async () => {
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    // Saved meanwhile where this page cannot see it (the CLI, a hand edit of the config file).
    changeElsewhere({ ...CONFIG, instructions: 'Answer in French.' });
    fireEvent.click(screen.getByTestId('save-settings'));

    const notice = await screen.findByTestId('settings-changed-elsewhere');
    expect(notice.textContent).toBe('Not saved: The saved settings were changed elsewhere since these were loaded.');
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe(notice.textContent));
    expect(saved).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('450');
    expect(screen.queryByTestId('save-settings')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load them, dropping my edits' }));
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Instructions for every question').value).toBe('Answer in French.'));
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('300');
    expect(screen.queryByTestId('settings-changed-elsewhere')).toBeNull();
    expect(screen.getByTestId('settings-status').textContent).toBe('Loaded the saved settings; your edits were dropped.');
    expect(useSettingsDraftStore.getState().dirty).toBe(false);

    // Edits made from there save normally.
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '350' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved.at(-1)).toMatchObject({ instructions: 'Answer in French.', local: { gpuWatts: 350 } });
  });

  it('says when another window saved while edits wait, and saves over it only on purpose', async () => {
    await renderSettings();
    fireEvent.change(screen.getByLabelText('GPU power (watts)'), { target: { value: '450' } });
    // Another window saves: its config.changed event reloads this window's settings (live-sync.ts).
    changeElsewhere({ ...CONFIG, quality: { ...CONFIG.quality, threshold: 0.9 } });
    await act(() => useSettingsStore.getState().load());

    expect(screen.getByTestId('settings-changed-elsewhere').textContent).toContain('changed elsewhere (another window, the command line or the config file) since you started editing');
    expect(screen.getByLabelText<HTMLInputElement>('GPU power (watts)').value).toBe('450');
    fireEvent.click(screen.getByTestId('save-settings-anyway'));
    await screen.findByText('Saved. New questions use these settings.');
    expect(saved).toHaveLength(1);
    // Theirs is replaced by the whole form, as the user chose: their threshold is gone.
    expect(saved[0]).toMatchObject({ local: { gpuWatts: 450 }, quality: { threshold: 0.7 } });
    expect(screen.queryByTestId('settings-changed-elsewhere')).toBeNull();
  });

  it('explains the threshold in plain words as it moves', async () => {
    await renderSettings();
    fireEvent.change(screen.getByLabelText('Quality threshold'), { target: { value: '0.85' } });
    expect(screen.getByText(/A draft scoring below 0\.85 goes to the next tier/)).toBeTruthy();
  });
});
