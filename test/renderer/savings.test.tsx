import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerSummary } from '../../shared/core/ledger/types.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { fillDays } from '../../renderer/src/features/savings/daily-series.ts';
import { customRange, presetRange, rangeDays } from '../../renderer/src/features/savings/range.ts';
import { SavingsView } from '../../renderer/src/features/savings/savings-view.tsx';
import { useSavingsStore } from '../../renderer/src/stores/savings-store.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';

const summary = (over: Partial<LedgerSummary> = {}): LedgerSummary => ({
  queries: 0,
  costNano: 0,
  baselineCostNano: 0,
  savingsNano: 0,
  savingsRatio: null,
  drafterAcceptanceRate: null,
  avgCostNano: null,
  escalated: 0,
  unknownPriceQueries: 0,
  localTokens: 0,
  cloudTokens: 0,
  localCostNano: 0,
  cloudCostNano: 0,
  falseAcceptRate: null,
  audited: 0,
  ...over,
});

function ledgerApi(s: LedgerSummary): FakeApi {
  return createFakeApi({
    'ledger.summary': () => ok(s),
    'ledger.daily': () => ok({ points: [] }),
    'ledger.byModel': () => ok({ models: [] }),
    'ledger.topQueries': () => ok({ queries: [] }),
    'ledger.byTag': () => ok({ tags: [] }),
    'ledger.export': ({ format }) => ok({ filename: `ledger.${format}`, mimeType: 'text/csv', content: 'id,cost\n', rows: 0 }),
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

  it('a custom range includes its end day and refuses an end before the start', () => {
    const r = customRange({ from: '2026-11-01', to: '2026-11-03' });
    expect(r.ok && rangeDays(r.range)).toBe(3);
    expect(customRange({ from: '2026-11-05', to: '2026-11-03' })).toEqual({ ok: false, message: 'The end date is before the start date.' });
  });

  it('fills days without queries with zeros so the line spans the range', () => {
    const range = customRange({ from: '2026-11-01', to: '2026-11-04' });
    if (!range.ok) throw new Error('bad range');
    const days = fillDays([{ day: '2026-11-02', queries: 3, costNano: 10, baselineCostNano: 50, escalated: 1, avgQuality: 0.8 }], range.range);
    expect(days.map((d) => [d.day, d.queries])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 3],
      ['2026-11-03', 0],
      ['2026-11-04', 0],
    ]);
  });
});

describe('savings view', () => {
  it('with an empty ledger tells the user to ask something first', async () => {
    setApi(ledgerApi(summary()));
    render(<SavingsView />);
    await screen.findByText('No queries in this range');
    expect(screen.getByRole('button', { name: 'Ask something in Chat' })).toBeTruthy();
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

  it('names an unknown price instead of counting it as free', async () => {
    setApi(ledgerApi(summary({ queries: 2, unknownPriceQueries: 1, costNano: 5, baselineCostNano: 10, savingsNano: 5 })));
    render(<SavingsView />);
    await screen.findByText(/1 query used a model without a known price/);
  });
});
