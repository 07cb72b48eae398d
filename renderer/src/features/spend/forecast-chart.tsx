// The 30-day forecast chart (chart.js, loaded lazily): the recent daily history, the forecast
// and its 5-95% band.
import { Line } from 'react-chartjs-2';
import type { CostForecast } from '../../../../shared/core/monitoring/forecast.ts';
import { BASE_OPTIONS, useChartTheme } from '../../components/charts/chart-setup.ts';
import { formatUsd, formatUsdTick, nanoToUsd } from '../../lib/format.ts';
import { dayLabel } from '../savings/daily-series.ts';

/** History shown before the forecast: enough to judge the trend, not so much it squeezes it. */
export const HISTORY_SHOWN = 30;

export function ForecastChart({ forecast }: { forecast: CostForecast }) {
  const t = useChartTheme();
  const history = forecast.history.slice(-HISTORY_SHOWN);
  const pad = (n: number) => Array.from({ length: n }, () => null);
  const usd = (nano: number | null) => (nano === null ? null : nanoToUsd(nano));
  const fd = forecast.days;
  const hasBand = fd.some((d) => d.upperNano !== null);
  // The forecast line starts at the last actual day so the two read as one curve.
  const last = history.at(-1);
  const joint = last ? [...pad(history.length - 1), nanoToUsd(last.costNano)] : [];
  return (
    <Line
      aria-label="Daily cost: recent history and the forecast with its 5-95% band"
      role="img"
      data={{
        labels: [...history.map((d) => dayLabel(d.day)), ...fd.map((d) => dayLabel(d.day))],
        datasets: [
          { label: 'Actual', data: [...history.map((d) => nanoToUsd(d.costNano)), ...pad(fd.length)], borderColor: t.cascade, backgroundColor: t.cascade, tension: 0.25, pointRadius: 0, borderWidth: 2 },
          { label: 'Forecast', data: [...joint, ...fd.map((d) => nanoToUsd(d.costNano))], borderColor: t.cloud, backgroundColor: t.cloud, borderDash: [6, 4], tension: 0.25, pointRadius: 0, borderWidth: 2 },
          ...(hasBand
            ? [
                { label: '5%', data: [...pad(history.length), ...fd.map((d) => usd(d.lowerNano))], borderColor: 'transparent', pointRadius: 0, fill: false },
                { label: '5-95% band', data: [...pad(history.length), ...fd.map((d) => usd(d.upperNano))], borderColor: 'transparent', backgroundColor: `${t.cloud}26`, pointRadius: 0, fill: '-1' as const },
              ]
            : []),
        ],
      }}
      options={{
        ...BASE_OPTIONS,
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 10, maxRotation: 0 } },
          y: { beginAtZero: true, grid: { color: t.grid }, ticks: { callback: (v) => formatUsdTick(Number(v)), maxTicksLimit: 6 } },
        },
        plugins: {
          ...BASE_OPTIONS.plugins,
          legend: { ...BASE_OPTIONS.plugins.legend, labels: { ...BASE_OPTIONS.plugins.legend.labels, filter: (item) => item.text !== '5%' } },
          tooltip: {
            ...BASE_OPTIONS.plugins.tooltip,
            filter: (item) => item.dataset.label !== '5%' && item.parsed.y !== null,
            callbacks: {
              label: (c) => {
                if (c.dataset.label !== '5-95% band') return `${c.dataset.label}: ${formatUsd(Number(c.parsed.y))}`;
                const day = fd[c.dataIndex - history.length];
                return `5-95%: ${formatUsd(usd(day?.lowerNano ?? null))} to ${formatUsd(Number(c.parsed.y))}`;
              },
            },
          },
        },
      }}
    />
  );
}
