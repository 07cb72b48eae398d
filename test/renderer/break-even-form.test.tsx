import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/instance.ts';
import { BreakEvenView } from '../../renderer/src/features/break-even/break-even-view.tsx';
import { fieldErrors, pricedModels } from '../../renderer/src/features/break-even/form.ts';
import { DEFAULT_FORM, toInputs, type BreakEvenForm } from '../../shared/core/breakeven/form.ts';
import { useBreakEvenStore } from '../../renderer/src/stores/break-even-store.ts';
import { useSettingsStore } from '../../renderer/src/stores/settings-store.ts';
import { DEFAULT_CONFIG } from '../../shared/core/config/schema.ts';
import { analyzeBreakEven } from '../../shared/core/breakeven/analyze.ts';
import type { ModelStatus, UsageProfile } from '../../shared/api/contract.ts';
import { SEED_EXAMPLE } from '../core/breakeven/fixtures.ts';
import { createFakeApi, ok } from './fake-api.ts';

const status = (over: Partial<ModelStatus>): ModelStatus => ({
  model: 'm',
  provider: 'openai',
  usedAs: ['tier 2'],
  local: false,
  reachable: true,
  reachability: 'ok',
  inputPerMTok: 1,
  outputPerMTok: 2,
  pricing: 'list',
  ...over,
});

/** A ledger without local drafts: "use my numbers" leaves tokens/second alone. */
const NO_LOCAL_DRAFTS = { measured: false, reason: 'no-local-drafts', localDrafts: 0 } as const;

const MODELS: ModelStatus[] = [
  status({ model: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10, pricing: 'override' }),
  status({ model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6 }),
  status({ model: 'llama3.2:3b', provider: 'ollama', local: true, inputPerMTok: null, outputPerMTok: null, pricing: 'energy' }),
  status({ model: 'mystery-model', inputPerMTok: null, outputPerMTok: null, pricing: 'unknown' }),
];

beforeEach(() => {
  useBreakEvenStore.getState().reset();
  useBreakEvenStore.setState({ models: [] });
  setApi(createFakeApi({ 'models.list': () => ok({ models: MODELS }) }));
});
afterEach(() => {
  cleanup();
  setApi(null);
});

function errorsFor(patch: Partial<typeof DEFAULT_FORM>) {
  const r = analyzeBreakEven(toInputs({ ...DEFAULT_FORM, ...patch }));
  return r.ok ? {} : fieldErrors(r.errors);
}

describe('break-even form', () => {
  it('the default numbers are valid', () => {
    expect(analyzeBreakEven(toInputs(DEFAULT_FORM)).ok).toBe(true);
  });

  it('puts each error on its own field, in the units the user typed', () => {
    const errors = errorsFor({ monthlyQueries: '-5', acceptancePct: '140', verifierOut: 'abc', throughputTokensPerSec: '' });
    expect(errors.monthlyQueries).toBe('Must not be negative.');
    expect(errors.acceptancePct).toBe('Must be between 0 and 100%.');
    expect(errors.verifierOut).toBe('Must be a number.');
    expect(errors.throughputTokensPerSec).toBe('Is required.');
    expect(errors.inputTokensPerQuery).toBeUndefined();
  });

  it('accepts thousands separators as people type them', () => {
    expect(toInputs({ ...DEFAULT_FORM, monthlyQueries: '1,500,000' }).monthlyQueries).toBe(1_500_000);
  });

  it('shows counts with digit grouping in their fields, and groups a typed one once the field is left', () => {
    render(<BreakEvenView />);
    const volume = screen.getByLabelText<HTMLInputElement>('Queries per month');
    expect(volume.value).toBe('1,000,000');
    expect(screen.getByLabelText<HTMLInputElement>('Tokens / second').value).toBe('1,200');
    fireEvent.change(volume, { target: { value: '2500000' } });
    // Not while typing: the caret would jump.
    expect(volume.value).toBe('2500000');
    fireEvent.blur(volume);
    expect(volume.value).toBe('2,500,000');
    // What is not a whole count stays as typed, with its error, and so do prices.
    fireEvent.change(volume, { target: { value: '12.5k' } });
    fireEvent.blur(volume);
    expect(volume.value).toBe('12.5k');
    const price = screen.getByLabelText<HTMLInputElement>('USD per hour');
    fireEvent.change(price, { target: { value: '1200' } });
    fireEvent.blur(price);
    expect(price.value).toBe('1200');
  });

  it('shows field errors next to the fields and hides the results until fixed', () => {
    render(<BreakEvenView />);
    expect(screen.getByTestId('break-even-result')).toBeTruthy();
    const volume = screen.getByLabelText('Queries per month');
    fireEvent.change(volume, { target: { value: '-1' } });
    expect(volume.getAttribute('aria-invalid')).toBe('true');
    const field = volume.closest('.field');
    if (!(field instanceof HTMLElement)) throw new Error('no field wrapper');
    // The field's error is its description, read on reaching it; not an alert of its own.
    const error = field.querySelector('.field-error');
    expect(error?.textContent).toBe('Must not be negative.');
    expect(volume.getAttribute('aria-describedby')).toBe(error?.id);
    // One alert for the form, in place of the results: it names the field, so it does not
    // change (and speak again) while the user keeps typing in that field.
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['1 field needs attention: Queries per month. The comparison shows when every field is valid.']);
    const alert = screen.getByRole('alert');
    fireEvent.change(volume, { target: { value: '-12' } });
    expect(screen.getByRole('alert')).toBe(alert);
    expect(alert.textContent).toContain('1 field needs attention: Queries per month.');
    fireEvent.change(screen.getByLabelText('Output tokens'), { target: { value: 'x' } });
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['2 fields need attention: Queries per month and Output tokens. The comparison shows when every field is valid.']);
    fireEvent.change(screen.getByLabelText('Output tokens'), { target: { value: '500' } });
    expect(screen.queryByTestId('break-even-result')).toBeNull();
    fireEvent.change(volume, { target: { value: '2000000' } });
    expect(screen.getByTestId('break-even-result').textContent).toContain('2,000,000');
  });

  it('"use my numbers" fills volume, tokens and acceptance from the usage profile, and the verifier price from the models list', async () => {
    setApi(
      createFakeApi({
        'ledger.usageProfile': () => ok({ days: 30, queries: 300, cacheHits: 0, coveredDays: 30, monthlyQueries: 300, avgInputTokens: 812.4, avgOutputTokens: 215.6, drafterAcceptanceRate: 0.8123, localDrafterSpeed: NO_LOCAL_DRAFTS }),
        'models.list': () => ok({ models: MODELS }),
      }),
    );
    useSettingsStore.setState({ config: { ...DEFAULT_CONFIG, local: { gpuWatts: 250, electricityUsdPerKwh: 0.31 } } });
    await useBreakEvenStore.getState().useMyNumbers();
    const f = useBreakEvenStore.getState().form;
    expect([f.monthlyQueries, f.inputTokensPerQuery, f.outputTokensPerQuery, f.acceptancePct]).toEqual(['300', '812', '216', '81.2']);
    expect([f.verifierName, f.verifierIn, f.verifierOut, f.gpuWatts, f.electricityUsdPerKwh]).toEqual(['gpt-4o', '2.5', '10', '250', '0.31']);
    useSettingsStore.setState({ config: null });
    expect(useBreakEvenStore.getState().filledFrom).toContain('300 queries');
  });

  it('"use my numbers" keeps the drafter picked from the price list, and writes counts with separators', async () => {
    // The drafter is picked from the bundled price list; the user's own cascade has other models.
    const fake = createFakeApi({
      'pricing.list': () =>
        ok({
          models: [
            { model: 'claude-3-haiku', provider: 'anthropic', inputPerMTok: 0.25, outputPerMTok: 1.25, cachedInputPerMTok: null },
            { model: 'gpt-4o', provider: 'openai', inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: null },
          ],
        }),
      'models.list': () => ok({ models: [MODELS[0] as ModelStatus, MODELS[2] as ModelStatus] }),
      'ledger.usageProfile': () => ok({ days: 30, queries: 4983, cacheHits: 0, coveredDays: 30, monthlyQueries: 4983.2, avgInputTokens: 1412.4, avgOutputTokens: 215.6, drafterAcceptanceRate: 0.8123, localDrafterSpeed: NO_LOCAL_DRAFTS }),
    });
    setApi(fake);
    useSettingsStore.setState({ config: DEFAULT_CONFIG });
    render(<BreakEvenView />);
    const picker = screen.getByLabelText('Cloud drafter');
    if (!(picker instanceof HTMLSelectElement)) throw new Error('the drafter picker is not a select');
    await within(picker).findByRole('option', { name: /claude-3-haiku/ });
    fireEvent.change(picker, { target: { value: 'claude-3-haiku' } });

    fireEvent.click(screen.getByTestId('use-my-numbers'));
    const note = await screen.findByText(/^From your last 30 days/);
    expect(note.textContent).toBe('From your last 30 days: 4,983 queries (4,983 a month), 1,412 tokens in and 216 out on average, 81.2% of drafts accepted. Tokens / second left at 1,200: no local drafter answered in the last 30 days.');
    expect(picker.value).toBe('claude-3-haiku');
    expect(screen.getByLabelText('Drafter name')).toHaveProperty('value', 'claude-3-haiku');
    expect(screen.getByLabelText('Queries per month')).toHaveProperty('value', '4,983');
    expect(screen.getByLabelText('Input tokens')).toHaveProperty('value', '1,412');
    useSettingsStore.setState({ config: null });
  });

  it('"use my numbers" says so when it puts your cascade\'s verifier in place of the one picked', async () => {
    setApi(
      createFakeApi({
        'ledger.usageProfile': () => ok({ days: 30, queries: 300, cacheHits: 0, coveredDays: 30, monthlyQueries: 300, avgInputTokens: 812.4, avgOutputTokens: 215.6, drafterAcceptanceRate: null, localDrafterSpeed: NO_LOCAL_DRAFTS }),
        'models.list': () => ok({ models: MODELS }),
      }),
    );
    useSettingsStore.setState({ config: { ...DEFAULT_CONFIG, tiers: [{ model: 'llama3.2:3b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }] } });
    useBreakEvenStore.getState().replace({ ...DEFAULT_FORM, verifierName: 'gpt-4o-mini', verifierIn: '0.15', verifierOut: '0.6' });
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.verifierName).toBe('gpt-4o');
    expect(useBreakEvenStore.getState().filledFrom).toBe('From your last 30 days: 300 queries (300 a month), 812 tokens in and 216 out on average. Verifier: your cascade\'s gpt-4o at $2.50 in / $10.00 out per million tokens (was gpt-4o-mini). Tokens / second left at 1,200: no local drafter answered in the last 30 days.');
    useSettingsStore.setState({ config: null });
  });

  it('"use my numbers" says the monthly rate comes from the days the ledger covers, not the whole window', async () => {
    // 13 queries, all today: Savings spreads them over the 30 days (13 a month); this form extrapolates from the one day.
    setApi(
      createFakeApi({
        'ledger.usageProfile': () => ok({ days: 30, queries: 13, cacheHits: 0, coveredDays: 1, monthlyQueries: 390, avgInputTokens: 167, avgOutputTokens: 15, drafterAcceptanceRate: 0.583, localDrafterSpeed: NO_LOCAL_DRAFTS }),
        'models.list': () => ok({ models: [] }),
      }),
    );
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.monthlyQueries).toBe('390');
    expect(useBreakEvenStore.getState().filledFrom).toBe('From your last 30 days: 13 queries (all in the last day: 390 a month at that pace), 167 tokens in and 15 out on average, 58.3% of drafts accepted. Tokens / second left at 1,200: no local drafter answered in the last 30 days.');
    setApi(createFakeApi({ 'ledger.usageProfile': () => ok({ days: 30, queries: 50, cacheHits: 0, coveredDays: 5, monthlyQueries: 300, avgInputTokens: 167, avgOutputTokens: 15, drafterAcceptanceRate: null, localDrafterSpeed: NO_LOCAL_DRAFTS }), 'models.list': () => ok({ models: [] }) }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().filledFrom).toBe('From your last 30 days: 50 queries (all in the last 5 days: 300 a month at that pace), 167 tokens in and 15 out on average. Tokens / second left at 1,200: no local drafter answered in the last 30 days.');
  });

  it('"use my numbers" leaves the answers from the cache out of the workload and the acceptance, and says so', async () => {
    setApi(
      createFakeApi({
        'ledger.usageProfile': () => ok({ days: 30, queries: 4, cacheHits: 3, coveredDays: 30, monthlyQueries: 4, avgInputTokens: 167, avgOutputTokens: 15, drafterAcceptanceRate: 0.75, localDrafterSpeed: NO_LOCAL_DRAFTS }),
        'models.list': () => ok({ models: [] }),
      }),
    );
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.acceptancePct).toBe('75');
    expect(useBreakEvenStore.getState().filledFrom).toContain('4 queries (4 a month), 167 tokens in and 15 out on average, 75% of drafts accepted. 3 more queries answered from the response cache are left out: no model ran.');
    // Only hits: nothing to learn the workload from.
    setApi(createFakeApi({ 'ledger.usageProfile': () => ok({ days: 30, queries: 0, cacheHits: 2, coveredDays: 30, monthlyQueries: 0, avgInputTokens: 0, avgOutputTokens: 0, drafterAcceptanceRate: null, localDrafterSpeed: NO_LOCAL_DRAFTS }), 'models.list': () => ok({ models: [] }) }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().fillError?.message).toBe('No queries a model answered in the last 30 days (2 answers from the response cache, which call no model) to learn from: ask a few questions in Chat first.');
  });

  it('"use my numbers" with an empty ledger says what to do instead of filling zeros', async () => {
    setApi(createFakeApi({ 'ledger.usageProfile': () => ok({ days: 30, queries: 0, cacheHits: 0, coveredDays: 30, monthlyQueries: 0, avgInputTokens: 0, avgOutputTokens: 0, drafterAcceptanceRate: null, localDrafterSpeed: NO_LOCAL_DRAFTS }), 'models.list': () => ok({ models: [] }) }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.monthlyQueries).toBe(DEFAULT_FORM.monthlyQueries);
    expect(useBreakEvenStore.getState().fillError?.message).toContain('ask a few questions');
  });
});

/** The seed guide's example as the form's text fields. */
const SEED_FORM: BreakEvenForm = {
  ...DEFAULT_FORM,
  monthlyQueries: String(SEED_EXAMPLE.monthlyQueries),
  inputTokensPerQuery: String(SEED_EXAMPLE.inputTokensPerQuery),
  outputTokensPerQuery: String(SEED_EXAMPLE.outputTokensPerQuery),
  acceptancePct: '70',
  cloudDrafterName: 'gpt-4o-mini',
  cloudDrafterIn: '0.15',
  cloudDrafterOut: '0.6',
  verifierName: 'gpt-4o',
  verifierIn: '2.5',
  verifierOut: '10',
  selfHostKind: 'monthly',
  usdPerMonth: '200',
  gpuWatts: '400',
  electricityUsdPerKwh: '0.36',
  maintenanceUsdPerMonth: '100',
  throughputTokensPerSec: '400',
  maxUtilizationPct: '70',
};

describe('break-even view', () => {
  it('shows the hand-checked seed example: three monthly costs, break-even, GPUs and the decision', () => {
    useBreakEvenStore.getState().replace(SEED_FORM);
    render(<BreakEvenView />);
    expect(screen.getByTestId('be-cloud-only').textContent).toContain('$10,000');
    expect(screen.getByTestId('be-cloud-drafter').textContent).toContain('$3,600.00');
    expect(screen.getByTestId('be-self-hosted').textContent).toContain('$3,350.00');
    expect(screen.getByTestId('break-even-queries').textContent).toContain('2,727,273');
    expect(screen.getByTestId('be-gpus').textContent).toContain('48% busy');
    expect(screen.getByTestId('be-best-saving').textContent).toContain('$6,650.00');
    expect(screen.getByTestId('break-even-result').textContent).toContain(
      'Self-host: at 5,000,000 queries/month a self-hosted drafter (1 GPU, 48% busy) saves $250.00/month over gpt-4o-mini; break-even at 2,727,273 queries/month.',
    );
  });

  it('writes the break-even one way in the card and the sentence, and a few seconds of generation as seconds', () => {
    // The evaluator's ledger: 390 queries a month, 167 tokens in and 15 out, 58.3% accepted.
    useBreakEvenStore.getState().replace({ ...DEFAULT_FORM, monthlyQueries: '390', inputTokensPerQuery: '167', outputTokensPerQuery: '15', acceptancePct: '58.3' });
    render(<BreakEvenView />);
    const card = screen.getByTestId('break-even-queries').querySelector('.stat-value')?.textContent ?? '';
    expect(card).toMatch(/^\d+(\.\d)?M$/);
    expect(screen.getByTestId('break-even-result').textContent).toContain(`self-hosting breaks even at ${card} queries/month.`);
    // 390 x 15 tokens at 1,200 a second: 4.9 s, not "0 generation hours" beside a cost above $0.
    expect(screen.getByTestId('be-electricity').textContent).toBe('Electricity (4.9 s of generation)');
  });

  it('offers only cloud models with a known price, cheapest first', () => {
    expect(pricedModels(MODELS).map((m) => m.model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('picking a model fills its name and prices; typing another price makes it custom', async () => {
    render(<BreakEvenView />);
    const picker = screen.getByLabelText('Verifier');
    if (!(picker instanceof HTMLSelectElement)) throw new Error('the verifier picker is not a select');
    await within(picker).findByRole('option', { name: /gpt-4o-mini/ });
    fireEvent.change(picker, { target: { value: 'gpt-4o-mini' } });
    const f = useBreakEvenStore.getState().form;
    expect([f.verifierName, f.verifierIn, f.verifierOut]).toEqual(['gpt-4o-mini', '0.15', '0.6']);
    expect(picker.value).toBe('gpt-4o-mini');
    fireEvent.change(screen.getByLabelText('Verifier name'), { target: { value: 'my-verifier' } });
    expect(picker.value).toBe('');
  });
});

describe('a GPU bought outright', () => {
  const BOUGHT: BreakEvenForm = { ...SEED_FORM, selfHostKind: 'purchase', gpuPriceUsd: '2000', writeOffMonths: '24', resaleUsd: '' };

  it('takes a price, the months to write it off over and a resale value, and shows what that is a month', () => {
    render(<BreakEvenView />);
    fireEvent.click(screen.getByRole('radio', { name: 'Bought' }));
    expect(screen.queryByLabelText('USD per GPU per month')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Price, USD').value).toBe('2000');
    expect(screen.getByLabelText<HTMLInputElement>('Written off over').value).toBe('24');
    expect(screen.getByLabelText<HTMLInputElement>('Resale value, USD').value).toBe('');
    // $2,000 / 24 = $83.33 a month.
    expect(screen.getByTestId('be-write-off').textContent).toBe('$2,000 GPU over 24 months = $83.33 a month per GPU.');
    fireEvent.change(screen.getByLabelText('Resale value, USD'), { target: { value: '500' } });
    // ($2,000 - $500) / 24 = $62.50.
    expect(screen.getByTestId('be-write-off').textContent).toBe('$2,000 GPU over 24 months, less $500 resale = $62.50 a month per GPU.');
  });

  it('states the assumption in the results and when the GPU pays for itself', () => {
    // Hand-checked in test/core/breakeven/hardware-purchase.test.ts: self-hosted $83.33 + $50 +
    // $100 + $3,000 of escalations; a month saves $600 - $50 - $100 = $450, $2,000 / $450 -> 5 months.
    useBreakEvenStore.getState().replace(BOUGHT);
    render(<BreakEvenView />);
    expect(screen.getByTestId('be-self-hosted').textContent).toContain('$3,233.33');
    expect(screen.getByTestId('be-payback').textContent).toBe(
      'The $2,000 GPU pays for itself after 5 months at 5,000,000 queries/month: it saves $450.00 a month over drafting on gpt-4o-mini, after electricity and maintenance.',
    );
    expect(screen.getByText(/^bought: /).textContent).toBe('bought: $2,000 GPU over 24 months = $83.33 a month each');
  });

  it('says plainly when it never pays for itself', () => {
    useBreakEvenStore.getState().replace({ ...BOUGHT, monthlyQueries: '500000' });
    render(<BreakEvenView />);
    expect(screen.getByTestId('be-payback').textContent).toMatch(/^The \$2,000 GPU never pays for itself at 500,000 queries\/month: /);
  });

  it('puts each purchase error on its own field', () => {
    render(<BreakEvenView />);
    fireEvent.click(screen.getByRole('radio', { name: 'Bought' }));
    fireEvent.change(screen.getByLabelText('Resale value, USD'), { target: { value: '2500' } });
    fireEvent.change(screen.getByLabelText('Written off over'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Price, USD'), { target: { value: '2,000' } });
    const errorOf = (label: string) => {
      const field = screen.getByLabelText(label).closest('.field');
      if (!(field instanceof HTMLElement)) throw new Error('no field wrapper');
      // Field errors are linked to their input, not alerts: the view's one notice speaks for them.
      return field.querySelector('.field-error')?.textContent ?? null;
    };
    expect(errorOf('Resale value, USD')).toBe('Must not be more than the purchase price.');
    expect(errorOf('Written off over')).toBe('Is required.');
    expect(errorOf('Price, USD')).toBeNull();
    expect(screen.queryByTestId('break-even-result')).toBeNull();
    expect(screen.getByTestId('be-write-off').textContent).toBe('The monthly figure appears when these fields are valid.');
    expect(errorsFor({ selfHostKind: 'purchase', gpuPriceUsd: '0' }).gpuPriceUsd).toBe('Must be greater than 0.');
  });
});

describe('"use my numbers" and the local drafter\'s speed', () => {
  const profile = (localDrafterSpeed: UsageProfile['localDrafterSpeed']) =>
    createFakeApi({
      'ledger.usageProfile': () => ok({ days: 30, queries: 300, cacheHits: 0, coveredDays: 30, monthlyQueries: 300, avgInputTokens: 812, avgOutputTokens: 216, drafterAcceptanceRate: null, localDrafterSpeed }),
      'models.list': () => ok({ models: [] }),
    });

  it('fills tokens/second with the measured speed and says where it came from', async () => {
    setApi(profile({ measured: true, model: 'llama3.2:3b', tokensPerSec: 160 / 3, calls: 37, skipped: 4, timing: 'after-first-token' }));
    render(<BreakEvenView />);
    fireEvent.click(screen.getByTestId('use-my-numbers'));
    await screen.findByText(/^From your last 30 days/);
    const speed = screen.getByLabelText<HTMLInputElement>('Tokens / second');
    // 53.33 tokens/s, shown whole.
    expect(speed.value).toBe('53');
    expect(useBreakEvenStore.getState().filledFrom).toContain(
      'Tokens / second: 53, measured on this machine over 37 drafts of llama3.2:3b, timed from its first token; 4 others left out (failed, cancelled, under 20 tokens or thinking first). That is one answer at a time; a server answering several at once sustains more.',
    );
    const hint = () => speed.closest('.field')?.querySelector('.field-hint')?.textContent;
    expect(hint()).toBe('measured: 37 drafts of llama3.2:3b');
    // Typed over, it is no longer the measured figure.
    fireEvent.change(speed, { target: { value: '900' } });
    expect(hint()).toBe('output, per GPU, all requests');
  });

  it('says when the speed includes reading the prompt, and keeps a slow speed\'s tenths', async () => {
    setApi(profile({ measured: true, model: 'qwen2.5:7b', tokensPerSec: 7.46, calls: 1, skipped: 0, timing: 'whole-call' }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.throughputTokensPerSec).toBe('7.5');
    expect(useBreakEvenStore.getState().filledFrom).toContain(
      'Tokens / second: 7.5, measured on this machine over 1 draft of qwen2.5:7b, timed from the request, as no time to first token was recorded: reading the prompt is included, so the real speed is higher.',
    );
  });

  it('leaves the field when no local draft could be timed, and says why', async () => {
    setApi(profile({ measured: false, reason: 'too-few-usable', localDrafts: 3 }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.throughputTokensPerSec).toBe(DEFAULT_FORM.throughputTokensPerSec);
    expect(useBreakEvenStore.getState().measuredSpeed).toBeNull();
    expect(useBreakEvenStore.getState().filledFrom).toContain('Tokens / second left at 1,200: your 3 local drafts in the last 30 days all failed, were cancelled or were shorter than 20 tokens.');
  });
});

