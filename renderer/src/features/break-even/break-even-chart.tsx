// Monthly cost of the three options against volume (log scale), with the break-even and the
// user's own volume marked. Lazy-loaded with chart.js.
import { Line } from 'react-chartjs-2';
import type { CostCurve } from '../../../../shared/core/breakeven/types.ts';
import { BASE_OPTIONS, useChartTheme } from '../../components/charts/chart-setup.ts';
import { formatCount, formatUsd, nanoToUsd } from '../../lib/format.ts';

export function BreakEvenChart({ curve, volume, names }: { curve: CostCurve; volume: number; names: { drafter: string; verifier: string } }) {
  const t = useChartTheme();
  const pts = curve.points.filter((p) => p.queries > 0);
  const at = (q: number) => pts.find((p) => p.queries === q);
  const be = curve.breakEvenQueries !== null ? at(curve.breakEvenQueries) : undefined;
  const here = at(volume);
  const series = (f: (p: (typeof pts)[number]) => number) => pts.map((p) => ({ x: p.queries, y: nanoToUsd(f(p)) }));
  return (
    <Line
      aria-label="Monthly cost of cloud only, cloud drafter and self-hosted drafter by monthly volume"
      role="img"
      data={{
        datasets: [
          { label: `Cloud only (${names.verifier})`, data: series((p) => p.cloudOnlyNano), borderColor: t.baseline, borderDash: [5, 4], pointRadius: 0, tension: 0 },
          { label: `Cloud drafter (${names.drafter})`, data: series((p) => p.cloudDrafterNano), borderColor: t.cloud, pointRadius: 0, tension: 0 },
          { label: 'Self-hosted drafter', data: series((p) => p.selfHostedNano), borderColor: t.local, pointRadius: 0, tension: 0, stepped: false },
          ...(be ? [{ label: 'Break-even', data: [{ x: be.queries, y: nanoToUsd(be.selfHostedNano) }], borderColor: t.warn, backgroundColor: t.warn, pointRadius: 7, pointStyle: 'rectRot' as const, showLine: false }] : []),
          ...(here ? [{ label: 'Your volume', data: [{ x: here.queries, y: nanoToUsd(Math.min(here.cloudDrafterNano, here.selfHostedNano, here.cloudOnlyNano)) }], borderColor: t.cascade, backgroundColor: t.cascade, pointRadius: 6, pointStyle: 'circle' as const, showLine: false }] : []),
        ],
      }}
      options={{
        ...BASE_OPTIONS,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        parsing: false,
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'queries per month' }, grid: { color: t.grid }, ticks: { callback: (v) => compact(Number(v)), autoSkip: true, maxTicksLimit: 10 } },
          y: { type: 'logarithmic', title: { display: true, text: 'cost per month' }, grid: { color: t.grid }, ticks: { callback: (v) => usdTick(Number(v)) } },
        },
        plugins: {
          ...BASE_OPTIONS.plugins,
          tooltip: {
            ...BASE_OPTIONS.plugins.tooltip,
            callbacks: {
              title: (items) => `${formatCount(Number(items[0]?.parsed.x ?? 0))} queries/month`,
              label: (c) => `${c.dataset.label}: ${formatUsd(Number(c.parsed.y))}/month`,
            },
          },
        },
      }}
    />
  );
}

/** Only the 1-2-5 steps (or only powers of ten) get a label, so a log axis stays readable. */
function isStep(n: number, steps: readonly number[] = [1, 2, 5]): boolean {
  if (!(n > 0)) return false;
  const lead = n / 10 ** Math.floor(Math.log10(n));
  return steps.some((s) => Math.abs(lead - s) < 1e-6);
}

/** Dollars spanning many decades: one label per power of ten ("$0.01", "$1", "$10,000"). */
function usdTick(n: number): string {
  if (!isStep(n, [1])) return '';
  return n >= 1 ? `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : `$${Number(n.toPrecision(1))}`;
}

function compact(n: number): string {
  if (!isStep(n, [1])) return '';
  if (n >= 1e9) return `${n / 1e9}B`;
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}
