// The Replay view on a trace imported from the ledger: it says the set is biased, and which
// queries were left out for want of labels, beside the figures.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplayReport } from '../../shared/core/replay/analyze.ts';
import { LEDGER_BIAS_NOTE } from '../../shared/core/replay/importers/ledger.ts';
import type { ReplayPoint } from '../../shared/core/replay/metrics.ts';
import { ReplayResults } from '../../renderer/src/features/replay/replay-results.tsx';
import { useReplayStore } from '../../renderer/src/stores/replay.ts';

vi.mock('react-chartjs-2', () => ({ Scatter: () => <div data-testid="chart-stub" /> }));

const point = (t: number | null, escalation: number): ReplayPoint => ({
  threshold: t,
  escalation_rate: escalation,
  answered_by: { small: 1 - escalation, big: escalation },
  quality: 0.5 + escalation / 2,
  relative_quality: 0.5 + escalation / 2,
  cost_usd: 1 + escalation,
  savings_pct: (1 - escalation) * 50,
});

function report(over: Partial<ReplayReport>): ReplayReport {
  const points = [point(0.7, 0.5)];
  return {
    queries: 3,
    tiers: ['small', 'big'],
    samples: 1,
    metric: 'accuracy',
    labelled: 3,
    pricing: [],
    counted_usage: [],
    excluded: { count: 0, ids: [] },
    unlabelled: { count: 0, ids: [] },
    from_ledger: null,
    baselines: { always_drafter: point(null, 0), always_verifier: point(null, 1), oracle: point(null, 0.5), random: points },
    points,
    target_quality: 0.95,
    recommended: null,
    at_target: { validator: null, random: null, oracle: null },
    at_targets: [],
    ...over,
  };
}

beforeEach(() => {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
  useReplayStore.setState({ target: 0.95, picked: null, applied: null, applyError: null });
});
afterEach(cleanup);

describe('Replay results of a ledger trace', () => {
  it('says plainly that the set is biased, and how its answers are labelled', () => {
    render(<ReplayResults report={report({ from_ledger: { queries: 3, labels: { feedback: 1, agreement: 5 }, note: LEDGER_BIAS_NOTE } })} title="small → big" />);
    const notice = screen.getByTestId('replay-ledger-bias');
    expect(notice.textContent).toBe(`Biased sample: ${LEDGER_BIAS_NOTE}. Labels: 1 answer by your ratings (one you rated, or one agreeing with it), 5 answers by agreement with the top tier's answer.`);
    expect(notice.textContent).toContain('not a sample of all your traffic');
  });

  it('says how many queries were left out for want of labels', () => {
    render(<ReplayResults report={report({ unlabelled: { count: 1, ids: ['ledger-q4'] } })} title="small → big" />);
    expect(screen.getByTestId('replay-results').textContent).toContain('3 queries; 1 left out (no label for every answer, so every figure is over the labelled ones)');
  });

  it('shows no notice for a benchmark trace', () => {
    render(<ReplayResults report={report({})} title="small → big" />);
    expect(screen.queryByTestId('replay-ledger-bias')).toBeNull();
  });
});
