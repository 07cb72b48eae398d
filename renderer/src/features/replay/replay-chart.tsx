// The cost-quality curve of a sweep: each threshold's total cost against its quality relative to
// the verifier, with random routing at the same escalation rates, the three fixed baselines, the
// target quality as a line and the chosen threshold marked. Lazy-loaded with chart.js (kept out of the main bundle).
import { Scatter } from 'react-chartjs-2';
import type { ReplayReport } from '../../../../shared/core/replay/analyze.ts';
import type { ReplayPoint } from '../../../../shared/core/replay/metrics.ts';
import { BASE_OPTIONS, useChartTheme } from '../../components/charts/chart-setup.ts';
import { formatPct, formatUsd, formatUsdTick } from '../../lib/format.ts';
import { counted } from '../../../../shared/core/words.ts';

interface XY {
  x: number;
  y: number;
  threshold: number | null;
  /** Share of queries escalated; absent on the target line, which is no routing. */
  escalation?: number;
}

const xy = (p: ReplayPoint): XY | null => (p.relative_quality === null ? null : { x: p.cost_usd, y: p.relative_quality, threshold: p.threshold, escalation: p.escalation_rate });
const all = (ps: readonly ReplayPoint[]): XY[] => ps.map(xy).filter((v): v is XY => v !== null);

export function ReplayChart({ report, chosen, recommended, target }: { report: ReplayReport; chosen: ReplayPoint | null; recommended: ReplayPoint | null; target: number }) {
  const t = useChartTheme();
  const b = report.baselines;
  // The quality to keep, across the whole cost axis: what the verdict above the chart is about,
  // and why no point may be recommended when the curve stays under it.
  const targetLabel = `Target: ${formatPct(target)} of the verifier's quality`;
  const widest = Math.max(b.always_verifier.cost_usd, b.always_drafter.cost_usd, b.oracle.cost_usd, ...report.points.map((p) => p.cost_usd));
  const targetLine: XY[] = [
    { x: 0, y: target, threshold: null },
    { x: widest, y: target, threshold: null },
  ];
  // The random baseline has one point per sweep point; sorted by cost it draws a line.
  const random = all(b.random).sort((p, q) => p.x - q.x);
  const single = (label: string, p: ReplayPoint, color: string, style: 'rectRot' | 'triangle' | 'rect' | 'star', radius = 7) => ({
    label,
    data: all([p]),
    borderColor: color,
    backgroundColor: color,
    pointStyle: style,
    pointRadius: radius,
    pointHoverRadius: radius + 2,
    // A star is drawn with strokes only: thicker, it stands out from the curve it sits on.
    borderWidth: style === 'star' ? 2.5 : 1,
    showLine: false,
  });
  return (
    <Scatter
      aria-label="Cost against quality for every acceptance threshold, with the baselines"
      role="img"
      data={{
        datasets: [
          { label: 'Cascade (each threshold)', data: all(report.points), borderColor: t.cascade, backgroundColor: t.cascade, showLine: true, pointRadius: 2, pointHoverRadius: 5, borderWidth: 2 },
          { label: 'Random routing', data: random, borderColor: t.baseline, backgroundColor: t.baseline, borderDash: [5, 4], showLine: true, pointRadius: 0, borderWidth: 1.5, pointStyle: 'line' as const },
          { label: targetLabel, data: targetLine, borderColor: t.warn, backgroundColor: t.warn, borderDash: [2, 3], showLine: true, pointRadius: 0, pointHoverRadius: 0, borderWidth: 1.5, pointStyle: 'line' as const },
          single('Always drafter', b.always_drafter, t.local, 'rect'),
          single('Always verifier', b.always_verifier, t.cloud, 'rect'),
          single('Oracle', b.oracle, t.quality, 'triangle'),
          ...(recommended ? [single(`Recommended (${recommended.threshold?.toFixed(2)})`, recommended, t.warn, 'star', 10)] : []),
          ...(chosen && chosen !== recommended ? [single(`Chosen (${chosen.threshold?.toFixed(2)})`, chosen, t.warn, 'rectRot', 8)] : []),
        ],
      }}
      options={{
        ...BASE_OPTIONS,
        animation: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', beginAtZero: true, title: { display: true, text: `cost of the ${counted(report.queries, 'query', 'queries')}` }, grid: { color: t.grid }, ticks: { callback: (v) => formatUsdTick(Number(v)), maxTicksLimit: 7 } },
          // Room under the target line, so it never sits on the axis where it cannot be seen.
          y: { suggestedMin: target - 0.02, title: { display: true, text: "quality, share of the verifier's" }, grid: { color: t.grid }, ticks: { callback: (v) => formatPct(Number(v)) } },
        },
        plugins: {
          ...BASE_OPTIONS.plugins,
          tooltip: {
            ...BASE_OPTIONS.plugins.tooltip,
            // The target line is read off its axis and its legend; its two ends are no routing to describe.
            filter: (item) => item.dataset.label !== targetLabel,
            callbacks: {
              label: (c) => {
                const raw = c.raw as XY;
                const at = raw.threshold === null ? '' : ` at threshold ${raw.threshold.toFixed(2)}`;
                const escalated = raw.escalation === undefined ? '' : `, ${formatPct(raw.escalation, 1)} escalated`;
                return `${c.dataset.label ?? ''}${at}: ${formatUsd(raw.x)}, ${formatPct(raw.y, 1)} of the verifier's quality${escalated}`;
              },
            },
          },
        },
      }}
    />
  );
}
