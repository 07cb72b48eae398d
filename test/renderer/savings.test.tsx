import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerExtent } from '../../shared/api/contract.ts';
import type { LedgerSummary } from '../../shared/core/ledger/types.ts';
import { escalatedWords } from '../../shared/core/ledger/escalated-words.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { dayLabels, fillDays } from '../../renderer/src/features/savings/daily-series.ts';
import { customRange, elapsedDays, presetRange, rangeDays } from '../../renderer/src/features/savings/range.ts';
import { SavingsView } from '../../renderer/src/features/savings/savings-view.tsx';
import { formatDate } from '../../renderer/src/lib/format.ts';
import { projectRoi } from '../../renderer/src/features/savings/roi.ts';
import { useSavingsStore } from '../../renderer/src/stores/savings-store.ts';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { answeredBy } from '../../renderer/src/features/savings/answered-by.ts';
import { costByModelLabels, modelLabels } from '../../renderer/src/features/savings/savings-charts.tsx';

// jsdom has no canvas and no matchMedia: the chart components draw nothing here (the e2e
// tests draw the real ones); the figures around them are plain HTML.
vi.mock('react-chartjs-2', () => {
  const Stub = () => <div data-testid="chart-stub" />;
  return { Line: Stub, Bar: Stub, Doughnut: Stub };
});

beforeEach(() => {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
});

const summary = (over: Partial<LedgerSummary> = {}): LedgerSummary => ({
  queries: 0,
  costNano: 0,
  baselineCostNano: 0,
  savingsNano: 0,
  savingsRatio: null,
  drafterAcceptanceRate: null,
  draftsAccepted: 0,
  draftsUnverified: 0,
  answeredAbove: 0,
  avgCostNano: null,
  escalated: 0,
  cacheHits: 0,
  cacheSavingsNano: 0,
  unknownPriceQueries: 0,
  localTokens: 0,
  cloudTokens: 0,
  localCostNano: 0,
  cloudCostNano: 0,
  falseAcceptRate: null,
  audited: 0,
  ...over,
});

function ledgerApi(s: LedgerSummary, extent: LedgerExtent = { firstAt: null, lastAt: null }): FakeApi {
  return createFakeApi({
    'ledger.summary': () => ok(s),
    'ledger.extent': () => ok(extent),
    'ledger.daily': () => ok({ points: [] }),
    'ledger.byModel': () => ok({ models: [] }),
    'ledger.topQueries': () => ok({ queries: [] }),
    'ledger.byTag': () => ok({ tags: [] }),
    'ledger.prepareExport': ({ format }) => ok({ downloadId: `dl-${format}`, filename: `ledger.${format}`, mimeType: format === 'csv' ? 'text/csv' : 'application/json', rows: 1234 }),
  });
}

beforeEach(() => {
  useSavingsStore.setState({ preset: '30d', data: null, status: 'idle', error: null, rangeError: null });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('savings ranges', () => {
  it('presets cover whole local days up to the end of today', () => {
    const now = new Date(2026, 10, 28, 15, 30).getTime();
    const r = presetRange('7d', now);
    expect(new Date(r.from)).toEqual(new Date(2026, 10, 22));
    expect(new Date(r.to)).toEqual(new Date(2026, 10, 29));
    expect(rangeDays(r)).toBe(7);
    expect(rangeDays(presetRange('today', now))).toBe(1);
  });

  it('projects from the part of the range that has passed: today at 1 p.m. is 13 hours of traffic', () => {
    const now = new Date(2026, 10, 28, 13, 0).getTime();
    expect(elapsedDays(presetRange('today', now), now)).toBeCloseTo(13 / 24, 9);
    expect(elapsedDays(presetRange('7d', now), now)).toBeCloseTo(6 + 13 / 24, 9);
    expect(elapsedDays({ from: now - 3 * 86_400_000, to: now - 86_400_000 }, now)).toBeCloseTo(2, 9);
  });

  it('a custom range includes its end day and refuses an end before the start', () => {
    const r = customRange({ from: '2026-11-01', to: '2026-11-03' });
    expect(r.ok && rangeDays(r.range)).toBe(3);
    expect(customRange({ from: '2026-11-05', to: '2026-11-03' })).toEqual({ ok: false, message: 'The end date is before the start date.' });
  });

  it('fills days without queries with zeros so the line spans the range', () => {
    const range = customRange({ from: '2026-11-01', to: '2026-11-04' });
    if (!range.ok) throw new Error('bad range');
    const days = fillDays([{ day: '2026-11-02', queries: 3, costNano: 10, baselineCostNano: 50, escalated: 1, cacheHits: 0, avgQuality: 0.8 }], range.range);
    expect(days.map((d) => [d.day, d.queries])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 3],
      ['2026-11-03', 0],
      ['2026-11-04', 0],
    ]);
  });
});

describe('cost by model', () => {
  it('labels a model without a known price so its empty bar is not read as free', () => {
    const row = (model: string, costNano: number, unknownPriceCalls: number) => ({ model, provider: 'openai-compatible' as const, costNano, unknownPriceCalls });
    expect(costByModelLabels([row('gpt-4o', 900, 0), row('acme-legal-13b', 0, 93), row('mixed-7b', 25, 4)])).toEqual(['gpt-4o', 'acme-legal-13b (price unknown)', 'mixed-7b (+4 unpriced)']);
  });

  it('names the provider only where two serve a model of the same name', () => {
    expect(modelLabels([{ model: 'gpt-4o', provider: 'openai' }, { model: 'gpt-4o', provider: 'openai-compatible' }, { model: 'llama3.2:3b', provider: 'ollama' }])).toEqual(['gpt-4o (openai)', 'gpt-4o (openai-compatible)', 'llama3.2:3b']);
  });
});

describe('long ranges', () => {
  const point = (day: string) => ({ day, queries: 1, costNano: 10, baselineCostNano: 50, escalated: 0, cacheHits: 0, avgQuality: 0.9 });

  it('keeps every busy day of a range of years, instead of cutting it at 400 days', () => {
    const range = customRange({ from: '2020-01-01', to: '2026-11-29' });
    if (!range.ok) throw new Error('bad range');
    const days = fillDays([point('2026-11-02'), point('2020-03-01')], range.range);
    expect(days.map((d) => d.day)).toEqual(['2020-03-01', '2026-11-02']);
  });

  it('labels the days with their year when the series spans more than one', () => {
    expect(dayLabels([point('2025-12-30'), point('2026-01-02')])).toEqual([new Date(2025, 11, 30).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }), new Date(2026, 0, 2).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })]);
    expect(dayLabels([point('2026-01-01'), point('2026-01-02')])[0]).toBe(new Date(2026, 0, 1).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }));
  });
});

describe('savings view', () => {
  it('with an empty ledger tells the user to ask something first', async () => {
    setApi(ledgerApi(summary()));
    render(<SavingsView />);
    await screen.findByText('No queries in this range');
    expect(screen.getByRole('button', { name: 'Ask something in Chat' })).toBeTruthy();
    expect(document.querySelector('.empty-state-body')?.textContent).toBe(
      'Every answer is recorded with its tokens and cost. Ask a few questions in Chat (or with cascadeflow ask) and the savings show up here, or pick a longer range.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ask something in Chat' }));
    expect(useNavStore.getState().view).toBe('chat');
  });

  it('with queries only outside the range says where they are and shows them in one click', async () => {
    const firstAt = new Date(2025, 6, 1, 9, 0).getTime();
    const lastAt = new Date(2025, 11, 31, 18, 30).getTime();
    const api = ledgerApi(summary(), { firstAt, lastAt });
    setApi(api);
    render(<SavingsView />);
    const extent = await screen.findByTestId('ledger-extent');
    expect(extent.textContent).toBe(`Your ledger holds queries from ${formatDate(firstAt)} to ${formatDate(lastAt)}.`);
    expect(screen.queryByRole('button', { name: 'Ask something in Chat' })).toBeNull();

    fireEvent.click(screen.getByTestId('show-newest-queries'));
    await vi.waitFor(() => expect(api.callsOf('ledger.summary')).toHaveLength(2));
    // The 30 local days that end with the newest query's day, both included.
    expect(api.callsOf('ledger.summary')[1]?.range).toEqual({ from: new Date(2025, 11, 2).getTime(), to: new Date(2026, 0, 1).getTime() });
    expect(useSavingsStore.getState().preset).toBe('custom');
    expect(useSavingsStore.getState().custom).toEqual({ from: '2025-12-02', to: '2025-12-31' });
  });

  it('asks for the ledger\'s bounds only when the range is empty', async () => {
    const api = ledgerApi(summary({ queries: 4, costNano: 12, baselineCostNano: 48, savingsNano: 36 }));
    setApi(api);
    render(<SavingsView />);
    await screen.findByTestId('stat-saved');
    expect(api.callsOf('ledger.extent')).toHaveLength(0);
  });

  it('shows the headline figures and queries every ledger method for the chosen range', async () => {
    const api = ledgerApi(summary({ queries: 4, costNano: 12_000_000, baselineCostNano: 48_000_000, savingsNano: 36_000_000, savingsRatio: 0.75, drafterAcceptanceRate: 0.75, escalated: 1, avgCostNano: 3_000_000 }));
    setApi(api);
    render(<SavingsView />);
    const saved = await screen.findByTestId('stat-saved');
    expect(saved.textContent).toContain('$0.04');
    expect(saved.textContent).toContain('75.0% of the baseline');
    expect(screen.getByTestId('stat-spent').textContent).toContain('$0.01');
    fireEvent.click(screen.getByRole('radio', { name: '7 days' }));
    await vi.waitFor(() => expect(api.callsOf('ledger.summary')).toHaveLength(2));
    const r = api.callsOf('ledger.summary')[1]?.range;
    expect(r && rangeDays(r)).toBe(7);
    expect(api.callsOf('ledger.byTag').map((c) => c.tag).sort()).toEqual(['feature', 'feature', 'user', 'user']);
  });

  it('exports by preparing the range and handing the download to the transport', async () => {
    const api = ledgerApi(summary({ queries: 4, costNano: 12, baselineCostNano: 48, savingsNano: 36 }));
    setApi(api);
    render(<SavingsView />);
    await screen.findByTestId('stat-saved');
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect((await screen.findByTestId('export-status')).textContent).toBe('Download of 1,234 queries started: ledger.csv');
    // The file is named by the local days shown: the last 30, today included.
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const first = new Date();
    first.setDate(first.getDate() - 29);
    expect(api.callsOf('ledger.prepareExport')).toEqual([{ range: useSavingsStore.getState().range, format: 'csv', days: { first: day(first), last: day(new Date()) } }]);
    expect(api.downloads).toEqual([{ downloadId: 'dl-csv', filename: 'ledger.csv', mimeType: 'text/csv', rows: 1234 }]);

    // The desktop saves through a dialog and reports where; a cancelled dialog says nothing.
    api.onDownload = () => ok({ saved: '/home/me/ledger.json', rows: 1235 });
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await vi.waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('Saved 1,235 queries to /home/me/ledger.json'));
    api.onDownload = () => ok({ cancelled: true });
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await vi.waitFor(() => expect(api.downloads).toHaveLength(3));
    await vi.waitFor(() => expect(screen.queryByTestId('export-status')).toBeNull());
  });

  it('drops the export note when the range changes, and for an export that finishes after it changed', async () => {
    const api = ledgerApi(summary({ queries: 4, costNano: 12, baselineCostNano: 48, savingsNano: 36 }));
    setApi(api);
    render(<SavingsView />);
    await screen.findByTestId('stat-saved');
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect((await screen.findByTestId('export-status')).textContent).toBe('Download of 1,234 queries started: ledger.csv');
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    expect(screen.queryByTestId('export-status')).toBeNull();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2020-01-01' } });
    await vi.waitFor(() => expect(api.callsOf('ledger.summary').at(-1)?.range.from).toBe(new Date(2020, 0, 1).getTime()));
    expect(screen.queryByTestId('export-status')).toBeNull();

    // Started for one range, finished under another: its note would describe the wrong range.
    let finish: (() => void) | null = null;
    api.onDownload = () => new Promise((resolve) => (finish = () => resolve(ok({ started: true }))));
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await vi.waitFor(() => expect(finish).not.toBeNull());
    fireEvent.click(screen.getByRole('radio', { name: '7 days' }));
    await act(async () => finish?.());
    await vi.waitFor(() => expect((screen.getByRole('button', { name: 'CSV' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('export-status')).toBeNull();
    // Back on the range it was made for, a note cleared once stays cleared.
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    expect(screen.queryByTestId('export-status')).toBeNull();
  });

  it('shows why an export failed, whether preparing or downloading', async () => {
    const api = ledgerApi(summary({ queries: 4, costNano: 12, baselineCostNano: 48, savingsNano: 36 }));
    api.onDownload = () => ({ ok: false, error: { code: 'not_found', message: 'This download is unknown, already used or expired.' } });
    setApi(api);
    render(<SavingsView />);
    await screen.findByTestId('stat-saved');
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await screen.findByText(/already used or expired/);
    api.handlers['ledger.prepareExport'] = () => ({ ok: false, error: { code: 'invalid_input', message: 'range.to: `to` must be after `from`' } });
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await screen.findByText(/must be after/);
    expect(api.downloads).toHaveLength(1);
  });

  it('names an unknown price instead of counting it as free', async () => {
    setApi(ledgerApi(summary({ queries: 2, unknownPriceQueries: 1, costNano: 5, baselineCostNano: 10, savingsNano: 5 })));
    render(<SavingsView />);
    await screen.findByText(/1 query used a model without a known price/);
  });

  it('writes each table column to one precision: $0.2440 under $0.2999, $0.0110 under $0.0119', async () => {
    const api = ledgerApi(summary({ queries: 2, costNano: 22_900_000, baselineCostNano: 1_000_000_000, savingsNano: 977_100_000, savingsRatio: 0.9771 }));
    const top = (id: string, costNano: number) => ({ id, createdAt: Date.UTC(2026, 10, 2), conversationId: null, prompt: id, finalModel: 'gpt-4o', costNano, escalated: true });
    api.handlers['ledger.topQueries'] = () => ok({ queries: [top('q1', 11_900_000), top('q2', 11_000_000)] });
    api.handlers['ledger.byTag'] = () => ok({ tags: [
      { tag: 'search', queries: 1, costNano: 299_900_000, baselineCostNano: 5_330_000_000, savingsNano: 5_030_100_000, unknownPriceQueries: 0 },
      { tag: 'support', queries: 1, costNano: 244_000_000, baselineCostNano: 2_840_000_000, savingsNano: 2_596_000_000, unknownPriceQueries: 0 },
    ] });
    setApi(api);
    render(<SavingsView />);
    const topTable = await screen.findByTestId('top-queries');
    expect(within(topTable).getAllByRole('row').slice(1).map((r) => r.lastElementChild?.textContent)).toEqual(['$0.0119', '$0.0110']);
    const cells = within(screen.getByTestId('tags-user')).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td.num')].slice(1).map((td) => td.textContent));
    expect(cells).toEqual([
      ['$0.2999', '$5.33', '$5.03'],
      ['$0.2440', '$2.84', '$2.60'],
    ]);
  });

  it('says the saving leaves the queries of unknown price out, where the baseline keeps them', async () => {
    // 3 queries: 2 priced (baseline 8, cost 2), 1 unpriced (baseline 4): saved 6 of 8, not 10 of 12.
    setApi(ledgerApi(summary({ queries: 3, unknownPriceQueries: 1, costNano: 2_000_000_000, baselineCostNano: 12_000_000_000, savingsNano: 6_000_000_000, savingsRatio: 0.75 })));
    render(<SavingsView />);
    expect((await screen.findByTestId('stat-saved')).textContent).toBe('Saved$6.0075.0% of the baseline, without the 1 query of unknown price');
    expect(screen.getByTestId('stat-baseline').textContent).toContain('$12.00');
    await screen.findByText(/that query is not in the savings/);
  });
});

describe('savings figures', () => {
  const busy = summary({
    queries: 40,
    costNano: 2_000_000_000,
    baselineCostNano: 8_000_000_000,
    savingsNano: 6_000_000_000,
    savingsRatio: 0.75,
    drafterAcceptanceRate: 0.825,
    draftsAccepted: 33,
    answeredAbove: 7,
    escalated: 7,
    avgCostNano: 50_000_000,
    localTokens: 12_000,
    cloudTokens: 4_000,
    localCostNano: 30_000_000,
    cloudCostNano: 1_970_000_000,
    falseAcceptRate: 0.05,
    audited: 20,
  });

  it('marks a saving good, a loss bad and none neutral, and says when there is no baseline', async () => {
    setApi(ledgerApi(busy));
    render(<SavingsView />);
    expect((await screen.findByTestId('stat-saved')).className).toBe('stat-card stat-good');
    expect(screen.getByTestId('stat-baseline').textContent).toBe('Verifier alone$8.00every query sent to the top tier');
    cleanup();
    for (const [savingsNano, tone, shown] of [
      [-1_000_000_000, 'bad', 'Saved−$1.00no baseline yet'],
      [0, 'neutral', 'Saved$0.00no baseline yet'],
    ] as const) {
      setApi(ledgerApi({ ...busy, savingsNano, savingsRatio: null }));
      useSavingsStore.setState({ data: null, status: 'idle' });
      render(<SavingsView />);
      const saved = await screen.findByTestId('stat-saved');
      expect(saved.className).toBe(`stat-card stat-${tone}`);
      expect(saved.textContent).toBe(shown);
      cleanup();
    }
  });

  it('projects a month as a twelfth of a year at the range\'s daily pace', () => {
    const p = projectRoi(busy, 10);
    // $6 saved in 10 days: $0.60 a day, 365/12 days a month, 12 months a year.
    expect(p.savedPerMonthNano).toBeCloseTo(0.6e9 * (365 / 12), 3);
    expect(p.savedPerYearNano).toBeCloseTo(0.6e9 * 365, 3);
    expect(p.spendPerMonthNano).toBeCloseTo(0.2e9 * (365 / 12), 3);
    expect(p.baselinePerMonthNano).toBeCloseTo(0.8e9 * (365 / 12), 3);
    expect(p.queriesPerMonth).toBeCloseTo(4 * (365 / 12), 9);
  });

  it('shows every headline figure, the gauge, local energy and the projection', async () => {
    setApi(ledgerApi(busy));
    // Seven whole days that have passed: the projection divides by 7.
    useSavingsStore.setState({ preset: 'custom', custom: { from: '2026-01-01', to: '2026-01-07' }, range: { from: new Date(2026, 0, 1).getTime(), to: new Date(2026, 0, 8).getTime() } });
    render(<SavingsView />);
    const text = async (id: string) => (await screen.findByTestId(id)).textContent ?? '';
    expect(await text('stat-spent')).toContain('$2.00');
    expect(await text('stat-baseline')).toContain('$8.00');
    expect(await text('stat-saved')).toContain('$6.00');
    expect(await text('stat-saved')).toContain('75.0% of the baseline');
    expect(await text('stat-queries')).toContain('40');
    expect(await text('stat-queries')).toContain('7 escalated');
    expect(await text('stat-acceptance')).toContain('82.5%');
    // Of the queries a tier above the drafter could have answered (not "answered by the first tier":
    // a draft returned unverified was answered by it, and is not in the rate).
    expect(await text('stat-acceptance')).toContain('of 40 answered queries');
    expect(await text('stat-avg-cost')).toContain('$0.05');
    expect(await text('stat-false-accepts')).toContain('5.0%');
    expect(await text('stat-false-accepts')).toContain('20 audited');
    expect(await text('stat-local-energy')).toContain('$0.03');
    expect(await text('stat-local-energy')).toContain('12k tokens');
    expect(await text('savings-gauge-value')).toContain('75.0%');
    // 7 days: $6 / 7 x 365 / 12 = $26.07 a month, $312.86 a year.
    expect(await text('roi-month')).toContain('$26.07');
    expect(await text('roi-year')).toContain('$312.86');
    expect((await text('local-vs-cloud')).replace(/\s+/g, ' ')).toContain('12k tokens (75%)');
  });

  it('says what the projection is measured over in whole days, "so far" while the range runs', async () => {
    // 30 days ending today, at 3:10 p.m.: the pace is over 29.6 days, the caption names the 30.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 29, 15, 10));
    try {
      setApi(ledgerApi(busy));
      useSavingsStore.setState({ preset: '30d', range: presetRange('30d', Date.now()) });
      render(<SavingsView />);
      expect((await screen.findByTestId('roi')).querySelector('.card-title .card-sub')?.textContent).toBe('at the pace so far of the 30 days selected');
      cleanup();
      useSavingsStore.setState({ preset: 'custom', custom: { from: '2026-01-01', to: '2026-01-07' }, range: { from: new Date(2026, 0, 1).getTime(), to: new Date(2026, 0, 8).getTime() } });
      render(<SavingsView />);
      expect((await screen.findByTestId('roi')).querySelector('.card-title .card-sub')?.textContent).toBe('at the pace of the 7 days selected');
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts who answered from the ledger, with queries that got no answer apart', () => {
    // 19 queries: 10 drafts accepted, 4 answered above (one asked the verifier directly), 5 failed.
    expect(answeredBy({ queries: 19, draftsAccepted: 10, draftsUnverified: 0, answeredAbove: 4, cacheHits: 0 })).toEqual([
      { kind: 'drafter', label: 'Drafter accepted', value: 10 },
      { kind: 'above', label: 'Answered above the drafter', value: 4 },
      { kind: 'other', label: 'No answer, or no tier above to ask', value: 5 },
    ]);
    expect(answeredBy({ queries: 3, draftsAccepted: 2, draftsUnverified: 0, answeredAbove: 1, cacheHits: 0 }).map((s) => s.kind)).toEqual(['drafter', 'above']);
  });

  it('says how many escalated queries kept their draft unverified, as the chat marks them', async () => {
    // 13 queries: 3 answered by the verifier, 2 drafts kept because the verifier failed.
    setApi(ledgerApi(summary({ queries: 13, draftsAccepted: 8, draftsUnverified: 2, answeredAbove: 3, escalated: 5, costNano: 10, baselineCostNano: 50, savingsNano: 40 })));
    render(<SavingsView />);
    expect((await screen.findByTestId('stat-queries')).textContent).toContain('5 escalated, 2 of them kept unverified (verifier failed)');
    expect(escalatedWords(3, 0)).toBe('3 escalated');
  });

  it('shows answers from the cache as their own slice and figure, beside an acceptance that leaves them out', async () => {
    // The reviewer's ledger: 7 queries, 3 of them cache hits; of the 4 a model answered, 3 drafts
    // accepted and 1 answered above. Counting the hits as drafts gave 6 of 7 (85.7%).
    const s = summary({ queries: 7, draftsAccepted: 3, answeredAbove: 1, drafterAcceptanceRate: 0.75, cacheHits: 3, cacheSavingsNano: 1_200_000, costNano: 10, baselineCostNano: 50, savingsNano: 40 });
    expect(answeredBy(s)).toEqual([
      { kind: 'drafter', label: 'Drafter accepted', value: 3 },
      { kind: 'above', label: 'Answered above the drafter', value: 1 },
      { kind: 'cache', label: 'Answered from cache', value: 3 },
    ]);
    setApi(ledgerApi(s));
    render(<SavingsView />);
    const card = await screen.findByTestId('stat-acceptance');
    expect(card.querySelector('.stat-value')?.textContent).toBe('75.0%');
    expect(card.textContent).toContain('of 4 answered queries');
    expect(screen.getByTestId('stat-acceptance-cache').textContent).toBe('3 answered from cache, saving $0.001200');
  });

  it('says a saving by the cache is unknown rather than $0, and shows no cache line without hits', async () => {
    setApi(ledgerApi(summary({ queries: 2, cacheHits: 2, cacheSavingsNano: null, costNano: 0, baselineCostNano: 0 })));
    render(<SavingsView />);
    expect((await screen.findByTestId('stat-acceptance-cache')).textContent).toBe('2 answered from cache, saving unknown (no price for the top tier)');
    cleanup();
    setApi(ledgerApi(busy));
    render(<SavingsView />);
    await screen.findByTestId('stat-acceptance');
    expect(screen.queryByTestId('stat-acceptance-cache')).toBeNull();
  });

  it('keeps drafts returned unverified apart from accepted ones', () => {
    // 12 queries: 7 drafts accepted, 2 rejected drafts kept because the verifier failed, 3 escalated.
    expect(answeredBy({ queries: 12, draftsAccepted: 7, draftsUnverified: 2, answeredAbove: 3, cacheHits: 0 })).toEqual([
      { kind: 'drafter', label: 'Drafter accepted', value: 7 },
      { kind: 'unverified', label: 'Draft kept unverified (verifier failed)', value: 2 },
      { kind: 'above', label: 'Answered above the drafter', value: 3 },
    ]);
  });

  it('hides the last range\'s figures and exports under a range that cannot be read', async () => {
    setApi(ledgerApi(busy));
    render(<SavingsView />);
    await screen.findByTestId('stat-spent');
    act(() => useSavingsStore.getState().setCustom({ from: '2026-11-05', to: '2026-11-03' }));
    expect(screen.getByText('The end date is before the start date.')).toBeTruthy();
    expect(screen.queryByTestId('stat-spent')).toBeNull();
    expect((screen.getByRole('button', { name: 'CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says so when the cascade cost more than the verifier alone', async () => {
    setApi(ledgerApi(summary({ queries: 2, costNano: 300, baselineCostNano: 200, savingsNano: -100, savingsRatio: -0.5, drafterAcceptanceRate: 0 })));
    render(<SavingsView />);
    expect((await screen.findByTestId('savings-gauge-value')).textContent).toContain('more than the verifier alone');
  });
});
