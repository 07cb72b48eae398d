// The Savings "Quality over time" chart: the day's average answer score (0 to 1, the validator's
// score of the answer given: an accepted draft's or the verifier's) and the share escalated. A
// score is no percentage and is not the drafts' average: its axis, legend and tooltip say so.
import { render } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Line } from 'react-chartjs-2';
import { QualityOverTimeChart } from '../../renderer/src/features/savings/savings-charts.tsx';

type LineProps = ComponentProps<typeof Line>;
const drawn: LineProps[] = [];
vi.mock('react-chartjs-2', () => ({
  Line: (props: LineProps) => {
    drawn.push(props);
    return <div data-testid="chart-stub" />;
  },
  Bar: () => null,
  Doughnut: () => null,
}));

type Tick = (value: number) => string;
type Label = (c: { dataset: { label?: string; yAxisID?: string }; parsed: { y: number } }) => string;

describe('quality over time', () => {
  it('draws the answer score on a 0-1 axis of its own and the escalation rate in percent', () => {
    window.matchMedia = (query: string) =>
      ({ matches: false, media: query, onchange: null, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false }) satisfies MediaQueryList;
    render(<QualityOverTimeChart points={[{ day: '2026-11-02', queries: 20, costNano: 1, baselineCostNano: 2, escalated: 2, cacheHits: 0, avgQuality: 0.971 }]} />);
    const props = drawn.at(-1);
    if (!props) throw new Error('nothing drawn');
    const [score, share] = props.data.datasets;
    expect(score?.label).toBe('Average answer score (0-1)');
    expect(share?.label).toBe('Escalation rate');
    expect(score?.yAxisID).not.toBe(share?.yAxisID);
    const scales = props.options?.scales as Record<string, { ticks: { callback: Tick } }>;
    expect(scales[score?.yAxisID ?? '']?.ticks.callback(0.75)).toBe('0.75');
    expect(scales[share?.yAxisID ?? '']?.ticks.callback(0.25)).toBe('25%');
    const label = props.options?.plugins?.tooltip?.callbacks?.label as unknown as Label;
    expect(label({ dataset: score ?? {}, parsed: { y: 0.971 } })).toBe('Average answer score: 0.97');
    expect(label({ dataset: share ?? {}, parsed: { y: 0.1 } })).toBe('Escalation rate: 10.0%');
  });
});
