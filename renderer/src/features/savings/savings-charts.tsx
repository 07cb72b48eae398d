// The Savings charts (chart.js via react-chartjs-2). Loaded with React.lazy from the view so
// chart.js stays out of the main bundle.
import { Bar, Doughnut, Line } from 'react-chartjs-2';
import type { DailyPoint, ModelCost } from '../../../../shared/core/ledger/types.ts';
import { BASE_OPTIONS, useChartTheme } from '../../components/charts/chart-setup.ts';
import { formatNano, formatPct, formatScore, formatUsd, formatUsdTick, nanoToUsd } from '../../lib/format.ts';
import { dayLabels } from './daily-series.ts';
import { counted } from '../../../../shared/core/words.ts';
import type { AnsweredKind, AnsweredSlice } from './answered-by.ts';

const usdTick = (v: number | string) => formatUsdTick(Number(v));

export function CostOverTimeChart({ points }: { points: DailyPoint[] }) {
  const t = useChartTheme();
  return (
    <Line
      aria-label="Cost per day: cascade and verifier alone"
      role="img"
      data={{
        labels: dayLabels(points),
        datasets: [
          { label: 'Cascade', data: points.map((p) => nanoToUsd(p.costNano)), borderColor: t.cascade, backgroundColor: `${t.cascade}22`, fill: true, tension: 0.3, pointRadius: points.length > 40 ? 0 : 2 },
          // Points while they are few: a range of one day ("Today") is one point, and a line of one point draws nothing.
          { label: 'Verifier alone', data: points.map((p) => nanoToUsd(p.baselineCostNano)), borderColor: t.baseline, backgroundColor: t.baseline, borderDash: [5, 4], tension: 0.3, pointRadius: points.length > 40 ? 0 : 2 },
        ],
      }}
      options={{
        ...BASE_OPTIONS,
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 8, maxRotation: 0 } },
          y: { beginAtZero: true, grid: { color: t.grid }, ticks: { callback: usdTick, maxTicksLimit: 6 } },
        },
        plugins: { ...BASE_OPTIONS.plugins, tooltip: { ...BASE_OPTIONS.plugins.tooltip, callbacks: { label: (c) => `${c.dataset.label}: ${formatUsd(Number(c.parsed.y))}` } } },
      }}
    />
  );
}

/** Who answered: the drafter (accepted or unverified), a tier above it, the cache, or no one. */
export function AnsweredByChart({ slices }: { slices: AnsweredSlice[] }) {
  const t = useChartTheme();
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const color: Record<AnsweredKind, string> = { drafter: t.local, unverified: t.warn, above: t.cloud, cache: t.quality, other: t.baseline };
  return (
    <Doughnut
      aria-label={`Queries answered: ${slices.map((s) => `${s.label.toLowerCase()} ${s.value}`).join('; ')}`}
      role="img"
      data={{
        labels: slices.map((s) => s.label),
        datasets: [{ data: slices.map((s) => s.value), backgroundColor: slices.map((s) => color[s.kind]), borderColor: t.surface, borderWidth: 2 }],
      }}
      options={{
        ...BASE_OPTIONS,
        cutout: '62%',
        interaction: { mode: 'nearest', intersect: true },
        plugins: {
          ...BASE_OPTIONS.plugins,
          tooltip: { ...BASE_OPTIONS.plugins.tooltip, callbacks: { label: (c) => `${c.label}: ${c.parsed} (${formatPct(total ? Number(c.parsed) / total : null)})` } },
        },
      }}
    />
  );
}

export function CostByModelChart({ models }: { models: ModelCost[] }) {
  const t = useChartTheme();
  const rows = [...models].sort((a, b) => b.costNano - a.costNano).slice(0, 8);
  return (
    <Bar
      aria-label="Cost by model"
      role="img"
      data={{
        labels: costByModelLabels(rows),
        datasets: [{ label: 'Cost', data: rows.map((m) => nanoToUsd(m.costNano)), backgroundColor: rows.map((m) => (m.local ? t.local : t.cloud)), borderRadius: 4, maxBarThickness: 28 }],
      }}
      options={{
        ...BASE_OPTIONS,
        indexAxis: 'y',
        interaction: { mode: 'nearest', intersect: false, axis: 'y' },
        scales: {
          x: { beginAtZero: true, grid: { color: t.grid }, ticks: { callback: usdTick, maxTicksLimit: 5 } },
          y: { grid: { display: false } },
        },
        plugins: {
          ...BASE_OPTIONS.plugins,
          legend: { display: false },
          tooltip: {
            ...BASE_OPTIONS.plugins.tooltip,
            callbacks: {
              label: (c) => {
                const m = rows[c.dataIndex];
                if (!m) return '';
                const unknown = m.unknownPriceCalls > 0 ? ` (+ ${counted(m.unknownPriceCalls, 'call')} with unknown price)` : '';
                return `${formatNano(m.costNano)} over ${counted(m.calls, 'call')}${unknown}`;
              },
            },
          },
        },
      }}
    />
  );
}

/**
 * The day's answers: the validator's score of the answer given (a draft it accepted, or the
 * verifier's, which it does not doubt), 0 to 1, and the share escalated. The score is no
 * percentage and not the drafts' (a rejected draft's score is not the answer's), so it has an
 * axis and a name of its own.
 */
export function QualityOverTimeChart({ points }: { points: DailyPoint[] }) {
  const t = useChartTheme();
  return (
    <Line
      aria-label="Average answer score and escalation rate per day"
      role="img"
      data={{
        labels: dayLabels(points),
        datasets: [
          { label: 'Average answer score (0-1)', data: points.map((p) => p.avgQuality), borderColor: t.quality, backgroundColor: t.quality, tension: 0.3, spanGaps: true, pointRadius: points.length > 40 ? 1 : 3, yAxisID: 'score' },
          // Over the queries a model answered: a cache hit can be neither escalated nor not.
          { label: 'Escalation rate', data: points.map((p) => (p.queries - p.cacheHits > 0 ? p.escalated / (p.queries - p.cacheHits) : null)), borderColor: t.warn, backgroundColor: t.warn, borderDash: [5, 4], tension: 0.3, spanGaps: true, pointRadius: points.length > 40 ? 1 : 3, yAxisID: 'share' },
        ],
      }}
      options={{
        ...BASE_OPTIONS,
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 8, maxRotation: 0 } },
          score: { position: 'left', min: 0, max: 1, grid: { color: t.grid }, title: { display: true, text: 'score' }, ticks: { callback: (v) => formatScore(Number(v)), stepSize: 0.25 } },
          share: { position: 'right', min: 0, max: 1, grid: { display: false }, title: { display: true, text: 'escalated' }, ticks: { callback: (v) => formatPct(Number(v)), stepSize: 0.25 } },
        },
        plugins: {
          ...BASE_OPTIONS.plugins,
          tooltip: {
            ...BASE_OPTIONS.plugins.tooltip,
            callbacks: { label: (c) => (c.dataset.yAxisID === 'share' ? `${c.dataset.label}: ${formatPct(Number(c.parsed.y), 1)}` : `Average answer score: ${formatScore(Number(c.parsed.y))}`) },
          },
        },
      }}
    />
  );
}

/**
 * Half-doughnut gauge of the share saved against the verifier alone; the figure itself is HTML
 * in the view. A cascade that cost more than the baseline shows an empty arc.
 */
export function SavingsGaugeArc({ ratio }: { ratio: number | null }) {
  const t = useChartTheme();
  const saved = ratio === null ? 0 : Math.min(1, Math.max(0, ratio));
  return (
    <Doughnut
      aria-label={`Savings gauge: ${ratio === null ? 'no baseline yet' : `${formatPct(ratio, 1)} saved`}`}
      role="img"
      data={{
        labels: ['Saved', 'Spent'],
        datasets: [{ data: [saved, 1 - saved], backgroundColor: [t.quality, t.grid], borderColor: t.surface, borderWidth: 2 }],
      }}
      options={{
        ...BASE_OPTIONS,
        rotation: -90,
        circumference: 180,
        cutout: '70%',
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
      }}
    />
  );
}

/**
 * The bars' labels: a model without a known price has no bar to draw, and an empty bar reads as
 * free, so its label says so; one whose cost misses some calls says how many.
 */
export function costByModelLabels(rows: readonly Pick<ModelCost, 'model' | 'provider' | 'costNano' | 'unknownPriceCalls'>[]): string[] {
  return modelLabels(rows).map((label, i) => {
    const m = rows[i];
    if (!m || m.unknownPriceCalls === 0) return label;
    return m.costNano === 0 ? `${label} (price unknown)` : `${label} (+${m.unknownPriceCalls} unpriced)`;
  });
}

/** A model's name, with its provider where two providers serve a model of the same name. */
export function modelLabels(rows: readonly Pick<ModelCost, 'model' | 'provider'>[]): string[] {
  return rows.map((m) => (rows.some((o) => o.model === m.model && o.provider !== m.provider) ? `${m.model} (${m.provider})` : m.model));
}
