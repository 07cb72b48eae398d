import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BudgetState, BudgetStatus } from '../../shared/core/budget/types.ts';
import type { Alert } from '../../shared/core/monitoring/alert-types.ts';
import type { CostForecast } from '../../shared/core/monitoring/forecast.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { AnswerBadges } from '../../renderer/src/features/chat/answer-badges.tsx';
import { AppAlertBanner, NavBudget } from '../../renderer/src/features/spend/app-spend.tsx';
import { SavingsBudgets } from '../../renderer/src/features/spend/budget-section.tsx';
import { budgetNotes } from '../../renderer/src/features/spend/budget-notes.ts';
import { ForecastSection, pctToGrowth } from '../../renderer/src/features/spend/forecast-section.tsx';
import { useNavStore } from '../../renderer/src/stores/nav-store.ts';
import { useAlertsStore } from '../../renderer/src/stores/spend-alerts.ts';
import { useSpendStore } from '../../renderer/src/stores/spend-store.ts';
import { startSpendSync } from '../../renderer/src/stores/spend-sync.ts';
import { createFakeApi, ok, type FakeApi } from './fake-api.ts';
import { outcome } from './fixtures.ts';

vi.mock('react-chartjs-2', () => {
  const Stub = () => <div data-testid="chart-stub" />;
  return { Line: Stub, Bar: Stub, Doughnut: Stub };
});

const NANO = 1e9;

function budget(over: Partial<BudgetState> = {}): BudgetState {
  const limitNano = over.limitNano ?? 5 * NANO;
  const spentNano = over.spentNano ?? 1 * NANO;
  return {
    name: 'daily',
    period: 'day',
    userId: null,
    from: Date.UTC(2025, 0, 1),
    to: Date.UTC(2025, 0, 2),
    limitNano,
    limitUsd: limitNano / NANO,
    graceRatio: 0,
    capNano: limitNano,
    spentNano,
    spentUsd: spentNano / NANO,
    reservedNano: 0,
    reservedUsd: 0,
    usedRatio: spentNano / limitNano,
    state: 'ok',
    nextQuery: 'normal',
    ...over,
  };
}

function status(budgets: BudgetState[]): BudgetStatus {
  return { enabled: true, atLimit: 'refuse', nearLimitRatio: 0.8, nearLimitThreshold: 0.5, budgets, perUser: [] };
}

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    createdAt: Date.UTC(2025, 0, 1, 12),
    source: 'rule',
    metric: 'daily_cost',
    name: 'spend watch',
    condition: 'greater_than',
    unit: 'usd',
    threshold: 2,
    value: 2.5,
    zScore: null,
    message: 'spend in the last 24 hours is $2.50, above $2.00 (12 queries).',
    queryId: null,
    actions: ['banner'],
    webhook: null,
    dismissedAt: null,
    ...over,
  };
}

function forecast(growth: number): CostForecast {
  const days = Array.from({ length: 30 }, (_, i) => ({ day: `2025-02-${String(i + 1).padStart(2, '0')}`, costNano: 1 * NANO * growth, lowerNano: 0.5 * NANO, upperNano: 1.5 * NANO * growth }));
  return {
    generatedAt: 0,
    method: 'linear',
    horizonDays: 30,
    growth,
    history: [{ day: '2025-01-31', costNano: NANO }],
    trend: { levelNano: NANO, slopeNanoPerDay: 0 },
    weekdayFactors: null,
    residualStdNano: 1000,
    relativeNoise: 0.1,
    totalNano: 30 * NANO * growth,
    lowerNano: 20 * NANO,
    upperNano: 40 * NANO * growth,
    days,
  };
}

beforeEach(() => {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
  useAlertsStore.setState({ active: [], history: [], historyLoaded: false, error: null });
  useSpendStore.setState({ budget: null, budgetError: null, forecast: null, forecastError: null, growth: 1 });
});

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('alert banner', () => {
  function alertApi(): FakeApi {
    return createFakeApi({
      'alerts.list': () => ok({ alerts: [] }),
      'alerts.dismiss': () => ok({ dismissed: 1 }),
      'budget.status': () => ok(status([])),
    });
  }

  it('shows an alert raised while the app is open and dismisses it on the server', async () => {
    const fake = alertApi();
    setApi(fake);
    const stop = startSpendSync(fake);
    render(<AppAlertBanner />);
    expect(screen.queryByTestId('alert-banner')).toBeNull();
    act(() => fake.emit('alert.raised', alert()));
    expect(screen.getByTestId('alert-banner-name').textContent).toBe('spend watch');
    expect(screen.getByTestId('alert-banner-message').textContent).toContain('$2.50, above $2.00');
    fireEvent.click(screen.getByTestId('alert-banner-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('alert-banner')).toBeNull());
    expect(fake.callsOf('alerts.dismiss')).toEqual([{ id: 'a1' }]);
    stop();
  });

  it('shows undismissed alerts recorded before the app opened, newest first, and opens Reports', async () => {
    const fake = alertApi();
    fake.handlers['alerts.list'] = () => ok({ alerts: [alert({ id: 'old', name: 'older', createdAt: 1 }), alert({ id: 'new', name: 'newer', createdAt: 2 }), alert({ id: 'gone', dismissedAt: 3 })] });
    setApi(fake);
    const stop = startSpendSync(fake);
    render(<AppAlertBanner />);
    expect((await screen.findByTestId('alert-banner-name')).textContent).toBe('newer');
    expect(screen.getByText('and 1 more')).toBeTruthy();
    fireEvent.click(screen.getByTestId('alert-banner-all'));
    expect(useNavStore.getState().view).toBe('reports');
    stop();
  });

  it('puts the alert back when the server refuses to dismiss it', async () => {
    const fake = alertApi();
    fake.handlers['alerts.dismiss'] = () => ({ ok: false, error: { code: 'internal', message: 'disk full' } });
    setApi(fake);
    useAlertsStore.getState().raised(alert());
    render(<AppAlertBanner />);
    fireEvent.click(screen.getByTestId('alert-banner-dismiss'));
    await waitFor(() => expect(useAlertsStore.getState().error?.message).toBe('disk full'));
    expect(screen.getByTestId('alert-banner')).toBeTruthy();
  });
});

describe('budget bars', () => {
  it('shows each budget with its figures and near/over states', async () => {
    const fake = createFakeApi({
      'budget.status': () =>
        ok(status([
          budget({ name: 'daily', spentNano: 4.2 * NANO, usedRatio: 0.84, state: 'near' }),
          budget({ name: 'monthly', period: 'month', limitNano: 100 * NANO, spentNano: 10 * NANO, usedRatio: 0.1, state: 'ok' }),
          budget({ name: 'user:alice:daily', userId: 'alice', limitNano: NANO, spentNano: 1.2 * NANO, usedRatio: 1.2, state: 'over' }),
        ])),
    });
    setApi(fake);
    render(<SavingsBudgets />);
    const daily = await screen.findByTestId('budget-daily');
    expect(daily.getAttribute('data-state')).toBe('near');
    expect(within(daily).getByTestId('budget-figures').textContent).toContain('$4.20 of $5.00');
    expect(within(daily).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('84');
    expect(screen.getByTestId('budget-monthly').getAttribute('data-state')).toBe('ok');
    const alice = screen.getByTestId('budget-user:alice:daily');
    expect(alice.getAttribute('data-state')).toBe('over');
    expect(alice.textContent).toContain('User alice, daily');
    expect(alice.textContent).toContain('over the limit');
  });

  it('says answers are drafter-only once the budget has switched them, not that it is near', async () => {
    // 90% spent and a query's worst case would end past the limit: admission answers with the drafter only.
    const fake = createFakeApi({
      'budget.status': () => ok({ ...status([budget({ spentNano: 4.5 * NANO, usedRatio: 0.9, state: 'near', nextQuery: 'drafter-only' })]), atLimit: 'drafter-only' }),
    });
    setApi(fake);
    render(<SavingsBudgets />);
    const daily = await screen.findByTestId('budget-daily');
    const state = within(daily).getByTestId('budget-state');
    expect(state.textContent).toBe('too little left for a full query: answers are drafter-only until the budget resets');
    expect(state.className).toContain('budget-state-over');
    expect(daily.textContent).not.toContain('near the limit');
    expect(within(daily).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('90% used, too little left for a full query: answers are drafter-only until the budget resets');
  });

  it('says what the limit does once a budget is over it', async () => {
    setApi(createFakeApi({ 'budget.status': () => ok(status([budget({ spentNano: 5 * NANO, usedRatio: 1, state: 'over', nextQuery: 'refuse' })])) }));
    render(<SavingsBudgets />);
    expect((await screen.findByTestId('budget-state')).textContent).toBe('over the limit: queries are refused until the budget resets');
  });

  it('puts a budget that drafts every answer in the navigation, first, though its bar is within the limit', () => {
    useSpendStore.setState({
      budget: status([budget({ name: 'monthly', period: 'month', usedRatio: 0.85, state: 'near', nextQuery: 'prefer-drafter' }), budget({ name: 'daily', usedRatio: 0.4, state: 'ok', nextQuery: 'drafter-only' })]),
    });
    render(<NavBudget />);
    const nav = screen.getByTestId('nav-budget');
    expect(within(nav).getByTestId('budget-daily').getAttribute('data-next-query')).toBe('drafter-only');
    expect(within(nav).getByRole('progressbar').getAttribute('aria-valuetext')).toContain('answers are drafter-only');
    expect(within(nav).getByTestId('budget-state').textContent).toBe('answers drafter-only until reset');
    expect(nav.textContent).toContain('+1 more');
  });

  it('shows a per-user limit in words when no user is named, even with no other budget', async () => {
    const daily = { period: 'day' as const, limitNano: 0.5 * NANO, limitUsd: 0.5, graceRatio: 0 };
    const monthly = { period: 'month' as const, limitNano: 5 * NANO, limitUsd: 5, graceRatio: 0.1 };
    const fake = createFakeApi({ 'budget.status': () => ok({ ...status([]), perUser: [daily, monthly] }) });
    setApi(fake);
    const { unmount } = render(<SavingsBudgets />);
    const line = await screen.findByTestId('budget-per-user');
    expect(line.textContent).toBe("Each user: $0.50 a day, $5.00 a month (+10% grace)held on their own to queries tagged with their user id (the API's userId, or cascadeflow ask --user)");
    unmount();

    // Beside a named user's own bar, the per-user limit is for everyone else.
    fake.handlers['budget.status'] = () => ok({ ...status([budget(), budget({ name: 'user:carol:daily', userId: 'carol' })]), perUser: [daily] });
    useSpendStore.setState({ budget: null });
    render(<SavingsBudgets />);
    await screen.findByTestId('budget-user:carol:daily');
    expect(screen.getByTestId('budget-per-user').textContent).toMatch(/^Each user without limits of their own: \$0\.50 a day/);
  });

  it('shows nothing when no budget is configured', async () => {
    const fake = createFakeApi({ 'budget.status': () => ok({ ...status([]), enabled: false }) });
    setApi(fake);
    const { container } = render(<SavingsBudgets />);
    await waitFor(() => expect(fake.callsOf('budget.status')).toHaveLength(1));
    expect(container.textContent).toBe('');
  });

  it('puts the worst near/over budget in the navigation, and nothing while all are ok', () => {
    useSpendStore.setState({ budget: status([budget({ state: 'ok' })]) });
    const { rerender } = render(<NavBudget />);
    expect(screen.queryByTestId('nav-budget')).toBeNull();
    act(() => useSpendStore.setState({ budget: status([budget({ name: 'daily', usedRatio: 0.85, state: 'near' }), budget({ name: 'monthly', period: 'month', usedRatio: 1.1, state: 'over' })]) }));
    rerender(<NavBudget />);
    const nav = screen.getByTestId('nav-budget');
    expect(within(nav).getByTestId('budget-monthly')).toBeTruthy();
    expect(nav.textContent).toContain('+1 more');
  });

  it('refreshes budgets when the ledger changes', async () => {
    vi.useFakeTimers();
    try {
      const fake = createFakeApi({ 'alerts.list': () => ok({ alerts: [] }), 'budget.status': () => ok(status([])) });
      setApi(fake);
      const stop = startSpendSync(fake);
      expect(fake.callsOf('budget.status')).toHaveLength(1);
      fake.emit('ledger.changed', { queryId: 'q1' });
      await vi.runAllTimersAsync();
      expect(fake.callsOf('budget.status')).toHaveLength(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('forecast', () => {
  it('asks for 30 days, shows the total and range, and asks again with the growth typed', async () => {
    const fake = createFakeApi({ 'forecast.get': ({ growth }) => ok(forecast(growth ?? 1)) });
    setApi(fake);
    render(<ForecastSection />);
    expect((await screen.findByTestId('forecast-total')).textContent).toBe('$30.00');
    expect(screen.getByTestId('forecast-range').textContent).toBe('$20.00 to $40.00');
    expect(await screen.findByTestId('chart-stub')).toBeTruthy();
    expect(fake.callsOf('forecast.get')).toEqual([{ days: 30, growth: 1 }]);
    fireEvent.change(screen.getByTestId('forecast-growth'), { target: { value: '50' } });
    await waitFor(() => expect(screen.getByTestId('forecast-total').textContent).toBe('$45.00'));
    expect(fake.callsOf('forecast.get').at(-1)).toEqual({ days: 30, growth: 1.5 });
  });

  it('says the total is not known yet before the first full day, rather than $0', async () => {
    const empty: CostForecast = { ...forecast(1), method: 'none', history: [], trend: null, residualStdNano: null, relativeNoise: null, totalNano: 0, lowerNano: null, upperNano: null };
    setApi(createFakeApi({ 'forecast.get': () => ok(empty) }));
    render(<ForecastSection />);
    expect((await screen.findByTestId('forecast-total')).textContent).toBe('not known yet');
    expect(screen.queryByTestId('forecast-range')).toBeNull();
    expect(screen.getByText(/the forecast starts after the first full day of queries/)).toBeTruthy();
  });

  it('says why a growth is refused, and which one the forecast still uses', async () => {
    const fake = createFakeApi({ 'forecast.get': ({ growth }) => ok(forecast(growth ?? 1)) });
    setApi(fake);
    render(<ForecastSection />);
    await screen.findByTestId('forecast-total');
    fireEvent.change(screen.getByTestId('forecast-growth'), { target: { value: '-100' } });
    expect(screen.getByTestId('forecast-growth-error').textContent).toBe('Extra growth must be a number from -90 to 900 (%): the forecast below still uses 0%.');
    expect(fake.callsOf('forecast.get')).toEqual([{ days: 30, growth: 1 }]);
  });

  it('refuses a growth the server would reject instead of sending it', () => {
    expect(pctToGrowth('20')).toBe(1.2);
    expect(pctToGrowth('-95')).toBeNull();
    expect(pctToGrowth('abc')).toBeNull();
    expect(pctToGrowth('')).toBeNull();
  });
});

describe('answer badges', () => {
  it('marks an answer served from the cache', () => {
    render(<AnswerBadges outcome={outcome({ cache: { backend: 'sqlite', key: 'k', storedAt: 0, sourceQueryId: 'q0' } })} />);
    expect(screen.getByTestId('answer-cached').textContent).toBe('cached');
  });

  it('shows no cached badge on a fresh answer, and a budget badge with the budget note', () => {
    const decision = "budget 'daily' ($5.00 a day) is 85% spent: threshold lowered to 0.5. accepted the local draft: looks right.";
    render(<AnswerBadges outcome={outcome({ decision })} />);
    expect(screen.queryByTestId('answer-cached')).toBeNull();
    expect(screen.getByTestId('answer-budget').getAttribute('title')).toBe("budget 'daily' ($5.00 a day) is 85% spent: threshold lowered to 0.5");
  });

  it('finds every budget note in a decision and none in a plain one', () => {
    expect(budgetNotes("budget 'daily' ($5.00 a day) is 97% spent: answered with the drafter only; budget 'monthly' ($9.00 a month) is 90% spent: threshold lowered to 0.5. escalated: wrong.")).toEqual([
      "budget 'daily' ($5.00 a day) is 97% spent: answered with the drafter only",
      "budget 'monthly' ($9.00 a month) is 90% spent: threshold lowered to 0.5",
    ]);
    expect(budgetNotes('accepted the local draft: looks right.')).toEqual([]);
  });
});
