// The Savings charts draw the ledger's UTC days. In a time zone other than UTC a range of local
// days touches UTC days the local calendar does not name the same: the series must stay in UTC
// days and say so, not put a UTC day's spend under a local date.
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DailyPoint, LedgerSummary } from '../../shared/core/ledger/types.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { dayLabels, fillDays, utcDaysDiffer } from '../../renderer/src/features/savings/daily-series.ts';
import { presetRange } from '../../renderer/src/features/savings/range.ts';
import { SavingsView } from '../../renderer/src/features/savings/savings-view.tsx';
import { useSavingsStore } from '../../renderer/src/stores/savings-store.ts';
import { createFakeApi, ok } from './fake-api.ts';

vi.mock('react-chartjs-2', () => {
  const Stub = () => <div data-testid="chart-stub" />;
  return { Line: Stub, Bar: Stub, Doughnut: Stub };
});

beforeAll(() => {
  // UTC+9 all year: Tokyo's day starts at 15:00 UTC the day before. (Node reads TZ when it changes.)
  vi.stubEnv('TZ', 'Asia/Tokyo');
  // jsdom has no matchMedia; the view reads the colour scheme.
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
});
afterAll(() => {
  vi.unstubAllEnvs();
});
afterEach(() => {
  cleanup();
  setApi(null);
});

const point = (day: string, costNano: number): DailyPoint => ({ day, queries: 1, costNano, baselineCostNano: 10 * costNano, escalated: 0, cacheHits: 0, avgQuality: 0.9 });

describe('daily series in a time zone other than UTC', () => {
  // 08:30 on 30 November in Tokyo: 23:30 on the 29th in UTC.
  const now = Date.UTC(2026, 10, 29, 23, 30);

  it("draws Today's morning on the UTC day its spend is filed under, never a local date it is not", () => {
    const today = presetRange('today', now);
    expect(today.from).toBe(Date.UTC(2026, 10, 29, 15));
    // The ledger files the morning's queries (after 15:00 UTC) under 2026-11-29, and the UTC
    // day of the 30th has not begun: one point, on the date it is filed under.
    const days = fillDays([point('2026-11-29', 500)], today, now);
    expect(days.map((d) => [d.day, d.costNano])).toEqual([['2026-11-29', 500]]);
    expect(dayLabels(days)).toEqual(['Nov 29']);
    expect(utcDaysDiffer(today)).toBe(true);
  });

  it('draws no UTC day that has not begun: west of UTC, "Today" in the morning ends with today', () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    try {
      // 09:00 on 30 November in Los Angeles, 17:00 UTC: the local day runs to 08:00 UTC on 1 December.
      const morning = Date.UTC(2026, 10, 30, 17);
      const today = presetRange('today', morning);
      expect(today.to).toBe(Date.UTC(2026, 11, 1, 8));
      expect(fillDays([point('2026-11-30', 300)], today, morning).map((d) => d.day)).toEqual(['2026-11-30']);
    } finally {
      vi.stubEnv('TZ', 'Asia/Tokyo');
    }
  });

  it('spans the UTC days a week of local days touches, with no day drawn twice', () => {
    const week = presetRange('7d', now);
    const days = fillDays([point('2026-11-23', 100), point('2026-11-29', 700)], week);
    expect(days.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(days.map((d) => d.costNano)).toEqual([100, 0, 0, 0, 0, 0, 700, 0]);
  });

  it('says the charts are by UTC day on the Savings view', async () => {
    const summary = { queries: 1, costNano: 500, baselineCostNano: 5000, savingsNano: 4500, savingsRatio: 0.9 } as Partial<LedgerSummary>;
    setApi(
      createFakeApi({
        'ledger.summary': () => ok({ ...(summary as LedgerSummary), drafterAcceptanceRate: null, draftsAccepted: 0, draftsUnverified: 0, answeredAbove: 0, avgCostNano: 500, escalated: 0, cacheHits: 0, cacheSavingsNano: 0, unknownPriceQueries: 0, localTokens: 0, cloudTokens: 0, localCostNano: 0, cloudCostNano: 0, falseAcceptRate: null, audited: 0 }),
        'ledger.extent': () => ok({ firstAt: null, lastAt: null }),
        'ledger.daily': () => ok({ points: [point('2026-11-29', 500)] }),
        'ledger.byModel': () => ok({ models: [] }),
        'ledger.topQueries': () => ok({ queries: [] }),
        'ledger.byTag': () => ok({ tags: [] }),
      }),
    );
    useSavingsStore.setState({ preset: 'today', data: null, status: 'idle', error: null, rangeError: null });
    render(<SavingsView />);
    expect(await screen.findByText('cascade vs verifier alone, by UTC day')).toBeTruthy();
    expect(screen.getByText('average answer score and share escalated, by UTC day')).toBeTruthy();
  });
});
