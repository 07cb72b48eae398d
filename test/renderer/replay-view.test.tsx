import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import type { ReplayReport } from '../../shared/core/replay/analyze.ts';
import type { ReplayTraceInfo } from '../../shared/core/replay/library.ts';
import type { ReplayPoint } from '../../shared/core/replay/metrics.ts';
import { appConfigSchema } from '../../shared/core/config/schema.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { cheapestReaching } from '../../shared/core/replay/recommend.ts';
import { ReplayResults } from '../../renderer/src/features/replay/replay-results.tsx';
import { ReplayView } from '../../renderer/src/features/replay/replay-view.tsx';
import { useReplayStore } from '../../renderer/src/stores/replay.ts';
import { useSettingsStore } from '../../renderer/src/stores/settings-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';

const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';

// In the server's order (trace-library.ts): the trace Replay opens on comes first.
const TRACES: ReplayTraceInfo[] = [
  {
    id: 'bundled:mtbench',
    name: 'MT-Bench conversations (RouteLLM)',
    source: 'bundled',
    description: 'Two-turn questions graded 1-10.',
    queries: 160,
    metric: 'score',
    models: [
      { model: GPT4, answers: 160, priced: true, price: '$10.00 in / $30.00 out per 1M tokens', recordedLocal: false, samples: 0 },
      { model: MIXTRAL, answers: 160, priced: true, price: 'local: energy (300 W at $0.15/kWh) (the recording says it ran locally)', recordedLocal: true, samples: 0 },
    ],
    categories: ['writing'],
    importedAt: null,
  },
  {
    id: 'bundled:gsm8k',
    name: 'GSM8K math (RouteLLM)',
    source: 'bundled',
    description: 'Grade-school math.',
    queries: 1319,
    metric: 'accuracy',
    models: [
      { model: GPT4, answers: 1319, priced: true, price: '$10.00 in / $30.00 out per 1M tokens', recordedLocal: false, samples: 0 },
      { model: MIXTRAL, answers: 1319, priced: true, price: 'local: energy (300 W at $0.15/kWh) (the recording says it ran locally)', recordedLocal: true, samples: 0 },
    ],
    categories: ['math'],
    importedAt: null,
  },
];

/**
 * Least escalation to keep each share of the verifier's quality: random routing on the sweep's
 * line (relative quality 0.8 + 0.2 x escalation), the oracle a tenth of it.
 */
const LEAST_ESCALATION = [
  { target: 0.9, random: 0.5, oracle: 0.05 },
  { target: 0.95, random: 0.75, oracle: 0.075 },
  { target: 0.99, random: 0.95, oracle: 0.095 },
];

/** A sweep whose quality rises linearly from 80% (threshold 0) to 100% (threshold 1) of the verifier's. */
function report(): ReplayReport {
  const point = (t: number | null, escalation: number): ReplayPoint => {
    const rel = 0.8 + 0.2 * escalation;
    const cost = 1 + 9 * escalation;
    return { threshold: t, escalation_rate: escalation, answered_by: { [MIXTRAL]: 1 - escalation, [GPT4]: escalation }, quality: 8 * rel, relative_quality: rel, cost_usd: cost, savings_pct: ((10 - cost) / 10) * 100 };
  };
  const points = Array.from({ length: 101 }, (_, i) => point(i / 100, i / 100));
  const atTargets = LEAST_ESCALATION.map(({ target, random, oracle }) => ({
    target,
    validator: cheapestReaching(points, target),
    random: { ...point(null, random), relative_quality: target },
    oracle: { ...point(null, oracle), quality: 8 * target, relative_quality: target },
  }));
  return {
    queries: 160,
    tiers: [MIXTRAL, GPT4],
    samples: 1,
    metric: 'score',
    labelled: 160,
    pricing: [
      { model: MIXTRAL, pricing: 'energy', description: 'local: energy (300 W at $0.15/kWh)' },
      { model: GPT4, pricing: 'list', description: '$10.00 in / $30.00 out per 1M tokens' },
    ],
    counted_usage: [MIXTRAL, GPT4],
    excluded: { count: 0, ids: [] },
    unlabelled: { count: 0, ids: [] },
    from_ledger: null,
    baselines: { always_drafter: point(null, 0), always_verifier: point(null, 1), oracle: { ...point(null, 0.1), quality: 8.08, relative_quality: 1.01 }, random: points.map((p) => ({ ...p, relative_quality: (p.relative_quality ?? 0) - 0.02 })) },
    points,
    target_quality: 0.95,
    recommended: cheapestReaching(points, 0.95),
    // The run's target is 95%.
    at_target: atTargets[1] ?? { validator: null, random: null, oracle: null },
    at_targets: atTargets,
  };
}

// jsdom has no canvas and no matchMedia: the chart is a stub listing its datasets (the e2e test
// draws the real one).
vi.mock('react-chartjs-2', () => ({
  Scatter: ({ data }: { data: { datasets: { label?: string; data: unknown[] }[] } }) => (
    <ul data-testid="chart-stub">
      {data.datasets.map((d) => (
        <li key={d.label}>
          {d.label}: {d.data.length}
        </li>
      ))}
    </ul>
  ),
}));

let api: FakeApi;
let finishRun: (() => void) | null;

beforeEach(() => {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
  useReplayStore.setState({ traces: null, unreadable: [], tracesStatus: 'idle', traceId: null, drafter: null, verifier: null, pricing: {}, samples: 1, running: null, report: null, reportOf: null, runError: null, target: 0.95, picked: null, applied: null, applyError: null, importError: null });
  finishRun = null;
  api = createFakeApi({
    'replay.traces': () => ok({ traces: TRACES, unreadable: [] }),
    'replay.run': (input: MethodInput<'replay.run'>) =>
      new Promise<ReturnType<typeof ok<MethodOutput<'replay.run'>>>>((resolve) => {
        // Progress arrives while the call is still running.
        api.emit('replay.progress', { runId: input.runId ?? '', done: 40, total: 160 });
        api.emit('replay.progress', { runId: 'someone-else', done: 150, total: 160 });
        finishRun = () => resolve(ok(report()));
      }),
    'replay.apply': ({ threshold }) => ok({ config: appConfigSchema.parse({ tiers: [{ model: 'm', provider: 'ollama' }], quality: { threshold } }), notes: ['domain "code" keeps its own threshold 0.80'] }),
  });
  setApi(api);
});

afterEach(() => {
  cleanup();
  setApi(null);
  useSettingsStore.setState({ config: null });
});

async function runSweep(): Promise<void> {
  fireEvent.click(screen.getByTestId('replay-run'));
  await waitFor(() => expect(finishRun).not.toBeNull());
  await act(async () => {
    finishRun?.();
  });
  await screen.findByTestId('replay-results');
}

describe('replay view', () => {
  it('starts on the MT-Bench trace with the locally recorded model drafting on this machine', async () => {
    render(<ReplayView />);
    const select = await screen.findByTestId<HTMLSelectElement>('replay-trace');
    expect(select.value).toBe('bundled:mtbench');
    // The one it opens on is the first in the list.
    expect(select.options[0]?.value).toBe('bundled:mtbench');
    expect(screen.getByTestId<HTMLSelectElement>('replay-drafter').value).toBe(MIXTRAL);
    expect(screen.getByTestId<HTMLSelectElement>('replay-verifier').value).toBe(GPT4);
    expect(screen.getByText(`${MIXTRAL}`, { selector: 'legend strong' }).parentElement?.textContent).toBe(`${MIXTRAL} was recorded running on its own hardware`);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /runs on this machine/ }).checked).toBe(true);
    // The list-priced verifier gets no choice, just its price.
    expect(screen.getByText(GPT4, { selector: 'li strong' }).parentElement?.textContent).toBe(`${GPT4}: $10.00 in / $30.00 out per 1M tokens`);
    expect(screen.getByTestId('replay-trace-info').textContent).toContain('mean judge score');
  });

  it('names a trace that cannot be read, with its file, and keeps the others usable', async () => {
    api.handlers['replay.traces'] = () =>
      ok({ traces: TRACES, unreadable: [{ id: 'imported:mine-1234abcd', name: 'mine', file: '/data/traces/mine-1234abcd.jsonl', problem: 'mine is not a valid trace (1 problem):\n  line 3: not valid JSON' }] });
    render(<ReplayView />);
    const notice = await screen.findByTestId('replay-unreadable');
    expect(notice.textContent).toContain('1 trace cannot be read and is left out of the list. Fix or delete the file');
    expect(notice.textContent).toContain('mine (/data/traces/mine-1234abcd.jsonl): mine is not a valid trace (1 problem):');
    expect(screen.getByTestId<HTMLSelectElement>('replay-trace').value).toBe('bundled:mtbench');
    expect(screen.getByTestId('replay-run')).toHaveProperty('disabled', false);
  });

  it('counts a one-query trace as "1 query"', async () => {
    const one: ReplayTraceInfo = { ...(TRACES[0] as ReplayTraceInfo), id: 'imported:one-1234abcd', name: 'one', source: 'imported', queries: 1, importedAt: 1 };
    api.handlers['replay.traces'] = () => ok({ traces: [one], unreadable: [] });
    render(<ReplayView />);
    const select = await screen.findByTestId<HTMLSelectElement>('replay-trace');
    expect(select.options[0]?.textContent).toBe('one · 1 query · imported');
    expect(screen.getByText(/101 thresholds from/).textContent).toBe('101 thresholds from 0.00 to 1.00 over 1 query');
    api.handlers['replay.run'] = () => ok({ ...report(), queries: 1 });
    fireEvent.click(screen.getByTestId('replay-run'));
    const results = await screen.findByTestId('replay-results');
    expect(results.querySelector('.card-sub')?.textContent).toMatch(/^1 query/);
  });

  it('opens on the first trace listed, whichever it is', async () => {
    api.handlers['replay.traces'] = () => ok({ traces: [...TRACES].reverse(), unreadable: [] });
    render(<ReplayView />);
    const select = await screen.findByTestId<HTMLSelectElement>('replay-trace');
    await waitFor(() => expect(select.value).toBe('bundled:gsm8k'));
    expect(select.options[0]?.value).toBe('bundled:gsm8k');
  });

  it('runs a sweep with a progress bar for its own run, then marks the recommended threshold', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByTestId('replay-run'));
    const bar = await screen.findByRole('progressbar', { name: 'Queries replayed' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemax')).toBe('160');
    expect(api.callsOf('replay.run')).toEqual([{ runId: expect.any(String) as string, traceId: 'bundled:mtbench', tiers: [MIXTRAL, GPT4], sweep: true, local: [MIXTRAL] }]);
    await act(async () => {
      finishRun?.();
    });
    const verdict = await screen.findByTestId('replay-recommended');
    expect(verdict.textContent).toContain('Threshold 0.75 is the cheapest that keeps 95% of the verifier');
    // The target buttons read as a sentence, and as a named group to a screen reader.
    expect(screen.getByTestId('replay-target').textContent).toBe("Keep90%95%99%of the verifier's quality");
    expect(screen.getByRole('radiogroup', { name: "Share of the verifier's quality to keep" })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('replay-apply').textContent).toBe('Use threshold 0.75');
    expect(screen.getByTestId('replay-point').textContent).toContain('120 of 160 escalated');
    // What random routing is compared on: the same escalation rate, quality as a share of the verifier's.
    expect(screen.getByTestId('replay-point').textContent).toContain("random routing at the same escalation rate keeps 93.0% of the verifier's quality");
    expect(screen.getByTestId('replay-baselines').textContent).toContain('Always the verifier');
    const chart = await screen.findByTestId('chart-stub');
    expect([...chart.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Cascade (each threshold): 101',
      'Random routing: 101',
      // The target as a line across the cost axis: what the verdict is about.
      "Target: 95% of the verifier's quality: 2",
      'Always drafter: 1',
      'Always verifier: 1',
      'Oracle: 1',
      'Recommended (0.75): 1',
    ]);
  });

  it('takes the keyboard to the verdict when a sweep ends, and the slider says each threshold\'s figures', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    // The Run button disables itself while busy: its focus falls to the page body.
    fireEvent.click(screen.getByTestId('replay-run'));
    await waitFor(() => expect(finishRun).not.toBeNull());
    expect(document.activeElement).toBe(document.body);
    await act(async () => {
      finishRun?.();
    });
    const verdict = await screen.findByTestId('replay-recommended');
    await waitFor(() => expect(document.activeElement).toBe(verdict));
    // 0.75: 75% escalated, quality 0.8 + 0.2 x 0.75 = 95% of the verifier's, cost 7.75 of 10.
    expect(screen.getByLabelText('Threshold').getAttribute('aria-valuetext')).toBe("0.75: 25.0% kept by the drafter, 95.0% of the verifier's quality, saves 22.5%");
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '0.1' } });
    expect(screen.getByLabelText('Threshold').getAttribute('aria-valuetext')).toBe("0.10: 90.0% kept by the drafter, 82.0% of the verifier's quality, saves 81.0%");
  });

  it('a failed sweep takes the keyboard back to Run, and a threshold applied back to its button', async () => {
    api.handlers['replay.run'] = () => ({ ok: false, error: { code: 'invalid_input', message: 'No price is known for x.' } });
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByTestId('replay-run'));
    await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('replay-run')));

    api.handlers['replay.run'] = () => ok(report());
    fireEvent.click(screen.getByTestId('replay-run'));
    await screen.findByTestId('replay-results');
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.click(screen.getByTestId('replay-apply'));
    await screen.findByTestId('replay-applied');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('replay-apply')));
  });

  it('writes the Baselines cost column to one precision', () => {
    const r = report();
    const b = { ...r.baselines, always_drafter: { ...r.baselines.always_drafter, cost_usd: 0.0184 }, always_verifier: { ...r.baselines.always_verifier, cost_usd: 2.18 } };
    render(<ReplayResults report={{ ...r, baselines: b }} title="Mixtral → GPT-4" />);
    const costs = [...screen.getByTestId('replay-baselines').querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[4]?.textContent);
    // Not "$0.0184" above "$2.18": every row with the four decimals the smallest needs.
    expect(costs.slice(0, 2)).toEqual(['$0.0184', '$2.1800']);
    expect(costs.every((c) => /^\$\d+\.\d{4}$/.test(c ?? ''))).toBe(true);
    // The Cost card repeats the chosen row's and the verifier's amounts as the table writes them.
    const chosen = [...screen.getByTestId('replay-baselines').querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('Validator at'));
    expect(screen.getByTestId('replay-cost').textContent).toContain(chosen?.querySelectorAll('td')[4]?.textContent ?? 'no chosen row');
    expect(screen.getByTestId('replay-cost').textContent).toContain('verifier alone $2.1800');
  });

  it("the oracle and random rows follow the target picked, not the run's", () => {
    render(<ReplayResults report={report()} title="Mixtral → GPT-4" />);
    // Router, drafter answers, vs verifier, cost.
    const atTargetRows = () =>
      [...screen.getByTestId('replay-baselines').querySelectorAll('tbody tr')]
        .filter((tr) => / least escalation for /.test(tr.textContent ?? ''))
        .map((tr) => [0, 1, 3, 4].map((k) => tr.querySelectorAll('td')[k]?.textContent));
    expect(atTargetRows()).toEqual([
      ['Oracle, least escalation for 95%', '92.5%', '95.0%', '$1.67'],
      ['Random, least escalation for 95%', '25.0%', '95.0%', '$7.75'],
    ]);
    fireEvent.click(screen.getByRole('radio', { name: '90%' }));
    expect(atTargetRows()).toEqual([
      ['Oracle, least escalation for 90%', '95.0%', '90.0%', '$1.45'],
      ['Random, least escalation for 90%', '50.0%', '90.0%', '$5.50'],
    ]);
  });

  it('a lower target picks a cheaper threshold, and "Use threshold" applies it', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    await runSweep();
    fireEvent.click(screen.getByRole('radio', { name: '90%' }));
    expect(screen.getByTestId('replay-recommended').textContent).toContain('Threshold 0.50');
    fireEvent.click(screen.getByTestId('replay-apply'));
    const applied = await screen.findByTestId('replay-applied');
    expect(api.callsOf('replay.apply')).toEqual([{ threshold: 0.5 }]);
    expect(applied.textContent).toContain('scoring 0.50 or more');
    expect(applied.textContent).toContain('domain "code" keeps its own threshold 0.80');
  });

  it('says before applying that the threshold was measured on another pair than your cascade', async () => {
    useSettingsStore.setState({ config: appConfigSchema.parse({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }] }) });
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    await runSweep();
    expect(screen.getByTestId('replay-other-cascade').textContent).toBe(
      `Measured on ${MIXTRAL} → ${GPT4}, not your cascade (llama3.2:3b → gpt-4o). The validator scores your drafter's own answers, so this threshold may keep more or fewer of its drafts than shown here.`,
    );
    expect(screen.getByTestId('replay-apply').textContent).toBe('Use threshold 0.75 anyway');
    fireEvent.click(screen.getByTestId('replay-apply'));
    const applied = await screen.findByTestId('replay-applied');
    expect(api.callsOf('replay.apply')).toEqual([{ threshold: 0.75 }]);
    expect(applied.textContent).toContain(`scoring 0.75 or more (measured on ${MIXTRAL} → ${GPT4}, not on it).`);
  });

  it('applies in one click, without a warning, when the replay measured your own drafter and verifier', async () => {
    useSettingsStore.setState({ config: appConfigSchema.parse({ tiers: [{ model: MIXTRAL, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1' }, { model: GPT4, provider: 'openai' }] }) });
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    await runSweep();
    expect(screen.queryByTestId('replay-other-cascade')).toBeNull();
    expect(screen.getByTestId('replay-apply').textContent).toBe('Use threshold 0.75');
    fireEvent.click(screen.getByTestId('replay-apply'));
    expect((await screen.findByTestId('replay-applied')).textContent).not.toContain('measured on');
  });

  it('says when no threshold reaches the target, shows the closest one, and any threshold can still be picked and used', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    await runSweep();
    fireEvent.click(screen.getByRole('radio', { name: '99%' }));
    expect(screen.getByTestId('replay-recommended').textContent).toContain('Threshold 0.95');
    useReplayStore.getState().setTarget(1.5);
    await waitFor(() => expect(screen.getByTestId('replay-recommended').textContent).toContain('No threshold keeps 150%'));
    // The figures shown are the closest the validator comes: quality rises to 100% at threshold 1.00.
    expect(screen.getByTestId('replay-recommended').textContent).toContain('The closest is 100.0% at threshold 1.00, shown below.');
    expect(screen.getByTestId('replay-point').textContent).toContain('100.0% of the verifier');
    expect(screen.getByTestId('replay-apply').textContent).toBe('Use threshold 1.00');
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '0.3' } });
    expect(screen.getByTestId('replay-apply').textContent).toBe('Use threshold 0.30');
  });

  it('sends a price for an unpriced model instead of running it locally, and refuses a bad one', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByRole('radio', { name: /costs/ }));
    fireEvent.change(screen.getByLabelText(`${MIXTRAL} input price, USD per million tokens`), { target: { value: '0.6' } });
    fireEvent.change(screen.getByLabelText(`${MIXTRAL} output price, USD per million tokens`), { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('replay-run'));
    expect((await screen.findByRole('alert')).textContent).toContain(`Give ${MIXTRAL} a price`);
    expect(api.callsOf('replay.run')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(`${MIXTRAL} output price, USD per million tokens`), { target: { value: '0.7' } });
    fireEvent.click(screen.getByTestId('replay-run'));
    await waitFor(() => expect(api.callsOf('replay.run')).toHaveLength(1));
    expect(api.callsOf('replay.run')[0]).toMatchObject({ prices: { [MIXTRAL]: { inputPerMTok: 0.6, outputPerMTok: 0.7 } } });
    expect(api.callsOf('replay.run')[0]?.local).toBeUndefined();
  });

  it('offers the same choice for a model with no known price, says so, and guesses neither', async () => {
    const unmarked: ReplayTraceInfo = {
      ...(TRACES[1] as ReplayTraceInfo),
      id: 'imported:unmarked-1234abcd',
      name: 'unmarked',
      source: 'imported',
      importedAt: 1,
      models: [
        { model: GPT4, answers: 160, priced: true, price: '$10.00 in / $30.00 out per 1M tokens', recordedLocal: false, samples: 0 },
        { model: MIXTRAL, answers: 160, priced: false, price: 'price unknown', recordedLocal: false, samples: 0 },
      ],
    };
    api.handlers['replay.traces'] = () => ok({ traces: [unmarked], unreadable: [] });
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    expect(screen.getByText(`${MIXTRAL}`, { selector: 'legend strong' }).parentElement?.textContent).toBe(`${MIXTRAL} has no known price`);
    // Priced by electricity by default, a cloud model would show a saving that is not there.
    const local = screen.getByRole<HTMLInputElement>('radio', { name: /runs on this machine/ });
    expect(local.checked).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /costs/ }).checked).toBe(false);
    fireEvent.click(screen.getByTestId('replay-run'));
    expect((await screen.findByRole('alert')).textContent).toContain(`${MIXTRAL} has no known price: choose whether it runs on this machine or give its price`);
    expect(api.callsOf('replay.run')).toHaveLength(0);

    fireEvent.click(local);
    fireEvent.click(screen.getByTestId('replay-run'));
    await waitFor(() => expect(api.callsOf('replay.run')).toHaveLength(1));
    expect(api.callsOf('replay.run')[0]).toMatchObject({ traceId: 'imported:unmarked-1234abcd', local: [MIXTRAL] });
  });

  it('imports a trace file and selects it, or shows why it cannot', async () => {
    const imported: ReplayTraceInfo = { ...(TRACES[1] as ReplayTraceInfo), id: 'imported:my-run-1234abcd', name: 'my-run', source: 'imported', importedAt: 1 };
    api.handlers['replay.import'] = ({ content }) =>
      content.includes('bad') ? { ok: false, error: { code: 'invalid_input', message: 'The trace has 1 bad line: line 2: not valid JSON' } } : ok(imported);
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByText('Import a trace'));

    const input = screen.getByTestId<HTMLInputElement>('replay-import-file');
    fireEvent.change(input, { target: { files: [new File(['{"id":"a"}\nbad'], 'broken.jsonl')] } });
    fireEvent.click(screen.getByTestId('replay-import'));
    expect((await screen.findByRole('alert')).textContent).toContain('line 2: not valid JSON');
    // Import disables itself while busy; refused, the keyboard is back on it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('replay-import')));
    (document.activeElement as HTMLElement | null)?.blur();

    api.handlers['replay.traces'] = () => ok({ traces: [...TRACES, imported], unreadable: [] });
    fireEvent.change(input, { target: { files: [new File(['{"id":"a"}'], 'my-run.jsonl')] } });
    fireEvent.click(screen.getByTestId('replay-import'));
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('replay-trace').value).toBe('imported:my-run-1234abcd'));
    // Imported, it is the trace selected, and the keyboard is on that list.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('replay-trace')));
    expect(api.callsOf('replay.import').at(-1)).toEqual({ kind: 'trace', content: '{"id":"a"}', name: 'my-run' });
  });
});

describe('replay view: files refused before they are sent', () => {
  it('is refused before it is read or sent, naming the file and the command line that reads any size', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByText('Import a trace'));
    fireEvent.change(screen.getByTestId('replay-import-file'), { target: { files: [new File([new Uint8Array(8_000_001)], 'recorded-week.jsonl')] } });
    fireEvent.click(screen.getByTestId('replay-import'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('recorded-week.jsonl is larger than 8 MB, the most the app imports.');
    expect(alert.textContent).toContain('cascadeflow replay recorded-week.jsonl --tiers drafter,verifier --sweep');
    expect(api.callsOf('replay.import')).toHaveLength(0);
  });

  it('an empty file is refused by its name, not by the API field', async () => {
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    fireEvent.click(screen.getByText('Import a trace'));
    fireEvent.change(screen.getByTestId('replay-import-file'), { target: { files: [new File([], 'nothing.jsonl')] } });
    fireEvent.click(screen.getByTestId('replay-import'));
    expect((await screen.findByRole('alert')).textContent).toBe('nothing.jsonl is empty: a trace has one JSON object a line.');
    expect(api.callsOf('replay.import')).toHaveLength(0);
  });
});

describe('replay view: consistency check from recorded samples', () => {
  /** MT-Bench with two extra answers of the drafter recorded with every query. */
  const sampledTrace = (): ReplayTraceInfo => {
    const mt = TRACES.find((t) => t.id === 'bundled:mtbench') as ReplayTraceInfo;
    return { ...mt, id: 'imported:sampled-1234abcd', name: 'sampled', source: 'imported', importedAt: 1, models: mt.models.map((m) => (m.model === MIXTRAL ? { ...m, samples: 2 } : m)) };
  };

  beforeEach(() => {
    api.handlers['replay.traces'] = () => ok({ traces: [sampledTrace()], unreadable: [] });
    api.handlers['replay.run'] = (input: MethodInput<'replay.run'>) => ok({ ...report(), samples: input.samples ?? 1 });
    api.handlers['replay.apply'] = ({ threshold, samples }) =>
      ok({
        config: appConfigSchema.parse({ tiers: [{ model: 'qwen2.5:7b', provider: 'ollama', ...(samples ? { samples } : {}) }, { model: 'gpt-4o', provider: 'openai' }], quality: { threshold } }),
        notes: [],
      });
  });

  it('is hidden when the drafter has no recorded samples', async () => {
    api.handlers['replay.traces'] = () => ok({ traces: TRACES, unreadable: [] });
    render(<ReplayView />);
    await screen.findByTestId('replay-trace');
    expect(screen.queryByTestId('replay-samples')).toBeNull();
    fireEvent.click(screen.getByTestId('replay-run'));
    await screen.findByTestId('replay-results');
    expect(api.callsOf('replay.run')[0]?.samples).toBeUndefined();
    expect(screen.getByTestId('replay-results').textContent).not.toContain('answers per query');
  });

  it('offers 1 to 1 + the recorded answers, runs with the chosen number, says so, and the applied drafter draws as many', async () => {
    render(<ReplayView />);
    const select = await screen.findByTestId<HTMLSelectElement>('replay-samples');
    expect(select.value).toBe('1');
    expect([...select.options].map((o) => o.textContent)).toEqual(['1 (off)', '2', '3']);
    expect(screen.getByTestId('replay-samples-choice').textContent).toContain(`Consistency check: draw`);
    expect(screen.getByTestId('replay-samples-choice').textContent).toContain(`2 extra answers of ${MIXTRAL}`);
    expect(screen.getByTestId('replay-trace-info').textContent).toContain(`Models: ${GPT4} (160), ${MIXTRAL} (160, 2 extra answers each).`);

    fireEvent.change(select, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('replay-run'));
    const results = await screen.findByTestId('replay-results');
    expect(api.callsOf('replay.run')[0]).toMatchObject({ traceId: 'imported:sampled-1234abcd', tiers: [MIXTRAL, GPT4], samples: 3 });
    expect(results.textContent).toContain('the drafter drew 3 answers per query (consistency check)');
    expect(results.textContent).toContain('has your drafter draw 3 answers per query');

    fireEvent.click(screen.getByTestId('replay-apply'));
    const applied = await screen.findByTestId('replay-applied');
    expect(api.callsOf('replay.apply')).toEqual([{ threshold: 0.75, samples: 3 }]);
    expect(applied.textContent).toBe('Your cascade now accepts drafts scoring 0.75 or more, and its drafter qwen2.5:7b draws 3 answers per query.');
  });

  it('a drafter without samples hides the choice and runs one answer; 1 applies the threshold alone', async () => {
    render(<ReplayView />);
    fireEvent.change(await screen.findByTestId<HTMLSelectElement>('replay-samples'), { target: { value: '2' } });
    // The verifier has no recorded samples: as the drafter it can draw only its own answer.
    fireEvent.change(screen.getByTestId('replay-drafter'), { target: { value: GPT4 } });
    expect(screen.queryByTestId('replay-samples')).toBeNull();
    fireEvent.change(screen.getByTestId('replay-drafter'), { target: { value: MIXTRAL } });
    expect(screen.getByTestId<HTMLSelectElement>('replay-samples').value).toBe('1');

    fireEvent.click(screen.getByTestId('replay-run'));
    await screen.findByTestId('replay-results');
    expect(api.callsOf('replay.run')[0]?.samples).toBeUndefined();
    fireEvent.click(screen.getByTestId('replay-apply'));
    const applied = await screen.findByTestId('replay-applied');
    expect(api.callsOf('replay.apply')).toEqual([{ threshold: 0.75 }]);
    expect(applied.textContent).toBe('Your cascade now accepts drafts scoring 0.75 or more.');
  });
});
