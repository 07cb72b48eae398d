// chart.js registration and theme colours, in the chart chunk only (never the main bundle).
// Colours come from the CSS variables so charts follow light/dark like everything else.
import { ArcElement, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import { useEffect, useState } from 'react';

Chart.register(ArcElement, BarElement, CategoryScale, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip);

export interface ChartTheme {
  cascade: string;
  baseline: string;
  local: string;
  cloud: string;
  quality: string;
  warn: string;
  grid: string;
  text: string;
  muted: string;
  surface: string;
  font: string;
}

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    cascade: v('--chart-cascade', '#4f46e5'),
    baseline: v('--chart-baseline', '#9ca3af'),
    local: v('--chart-local', '#0d9488'),
    cloud: v('--chart-cloud', '#7c3aed'),
    quality: v('--chart-quality', '#16a34a'),
    warn: v('--warn', '#a84d08'),
    grid: v('--chart-grid', 'rgba(0,0,0,0.08)'),
    text: v('--text-2', '#4b5361'),
    muted: v('--muted', '#5f6673'),
    surface: v('--surface', '#ffffff'),
    font: v('--font', 'system-ui, sans-serif'),
  };
}

/** The current chart colours; re-read when the system switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => {
      const t = readTheme();
      Chart.defaults.color = t.text;
      Chart.defaults.font.family = t.font;
      setTheme(t);
    };
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return theme;
}

/** chart.js defaults shared by our charts: no animation jank on refresh, compact legend. */
export const BASE_OPTIONS = {
  responsive: true,
  maintainAspectRatio: false,
  animation: { duration: 250 },
  interaction: { mode: 'index' as const, intersect: false },
  plugins: {
    legend: { position: 'bottom' as const, labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true, padding: 14 } },
    tooltip: { padding: 10, boxPadding: 4 },
  },
};
