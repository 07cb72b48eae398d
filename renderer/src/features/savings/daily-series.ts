// Daily ledger points as a continuous series: days without queries are zeros, not gaps,
// so a line over a week with two busy days still spans the week.
import type { DailyPoint, TimeRange } from '../../../../shared/core/ledger/types.ts';
import { formatDay } from './range.ts';

/**
 * Zero-filled over ranges up to `maxDays`; a longer range (years) keeps only the days with
 * queries, since filling it would cut it at maxDays and hide the rest.
 */
export function fillDays(points: DailyPoint[], range: TimeRange, maxDays = 400): DailyPoint[] {
  if ((range.to - range.from) / 86_400_000 > maxDays) return [...points].sort((a, b) => a.day.localeCompare(b.day));
  const byDay = new Map(points.map((p) => [p.day, p]));
  const out: DailyPoint[] = [];
  const d = new Date(range.from);
  d.setHours(0, 0, 0, 0);
  while (d.getTime() < range.to && out.length < maxDays) {
    const day = formatDay(d.getTime());
    out.push(byDay.get(day) ?? { day, queries: 0, costNano: 0, baselineCostNano: 0, escalated: 0, cacheHits: 0, avgQuality: null });
    d.setDate(d.getDate() + 1);
  }
  // Points outside the range (a time-zone edge) are kept rather than silently dropped.
  const seen = new Set(out.map((p) => p.day));
  for (const p of points) if (!seen.has(p.day)) out.push(p);
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

export function dayLabel(day: string, withYear = false): string {
  const [y, m, dd] = day.split('-').map(Number);
  if (!y || !m || !dd) return day;
  return new Date(y, m - 1, dd).toLocaleDateString(undefined, { ...(withYear ? { year: 'numeric' } : {}), month: 'short', day: 'numeric' });
}

/** The x-axis labels of a series: with the year when the series spans more than one. */
export function dayLabels(points: readonly DailyPoint[]): string[] {
  const withYear = points.length > 0 && points[0]?.day.slice(0, 4) !== points.at(-1)?.day.slice(0, 4);
  return points.map((p) => dayLabel(p.day, withYear));
}
