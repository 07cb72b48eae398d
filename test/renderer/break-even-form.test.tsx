import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/instance.ts';
import { BreakEvenView } from '../../renderer/src/features/break-even/break-even-view.tsx';
import { DEFAULT_FORM, fieldErrors, toInputs } from '../../renderer/src/features/break-even/form.ts';
import { useBreakEvenStore } from '../../renderer/src/stores/break-even-store.ts';
import { analyzeBreakEven } from '../../shared/core/breakeven/analyze.ts';
import { createFakeApi, ok } from './fake-api.ts';

beforeEach(() => useBreakEvenStore.getState().reset());
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

  it('shows field errors next to the fields and hides the results until fixed', () => {
    render(<BreakEvenView />);
    expect(screen.getByTestId('break-even-result')).toBeTruthy();
    const volume = screen.getByLabelText('Queries per month');
    fireEvent.change(volume, { target: { value: '-1' } });
    expect(volume.getAttribute('aria-invalid')).toBe('true');
    const field = volume.closest('.field');
    if (!(field instanceof HTMLElement)) throw new Error('no field wrapper');
    expect(within(field).getByRole('alert').textContent).toBe('Must not be negative.');
    expect(screen.queryByTestId('break-even-result')).toBeNull();
    fireEvent.change(volume, { target: { value: '2000000' } });
    expect(screen.getByTestId('break-even-result').textContent).toContain('2,000,000');
  });

  it('"use my numbers" fills volume, tokens and acceptance from the usage profile', async () => {
    setApi(
      createFakeApi({
        'ledger.usageProfile': () => ok({ days: 30, queries: 300, monthlyQueries: 300, avgInputTokens: 812.4, avgOutputTokens: 215.6, drafterAcceptanceRate: 0.8123 }),
        'models.list': () => ok({ models: [] }),
      }),
    );
    await useBreakEvenStore.getState().useMyNumbers();
    const f = useBreakEvenStore.getState().form;
    expect([f.monthlyQueries, f.inputTokensPerQuery, f.outputTokensPerQuery, f.acceptancePct]).toEqual(['300', '812', '216', '81.2']);
    expect(useBreakEvenStore.getState().filledFrom).toContain('300 queries');
  });

  it('"use my numbers" with an empty ledger says what to do instead of filling zeros', async () => {
    setApi(createFakeApi({ 'ledger.usageProfile': () => ok({ days: 30, queries: 0, monthlyQueries: 0, avgInputTokens: 0, avgOutputTokens: 0, drafterAcceptanceRate: null }), 'models.list': () => ok({ models: [] }) }));
    await useBreakEvenStore.getState().useMyNumbers();
    expect(useBreakEvenStore.getState().form.monthlyQueries).toBe(DEFAULT_FORM.monthlyQueries);
    expect(useBreakEvenStore.getState().fillError?.message).toContain('ask a few questions');
  });
});
