// Daily ledger points as a continuous series: days without queries are zeros, not gaps,
// so a line over a week with two busy days still spans the week.
//
// The ledger's days are UTC days (its rollups, like the budgets' "today (UTC)"), while a range
// is the user's local days. A local day straddles two UTC days wherever the clock is not UTC, and
// the ledger cannot split its day totals, so the series stays in UTC days, labelled as such
// (utcDaysDiffer): labelled as local days, "Today" in Tokyo drew the morning's spend on
// yesterday's date and today at $0.
import type { DailyPoint, TimeRange } from '../../../../shared/core/ledger/types.ts';

const DAY_MS = 86_400_000;

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The UTC days the range touches up to `now`, zero-filled, over ranges up to `maxDays` (a UTC day
 * that has not begun is not drawn as a day at $0); a longer range (years) keeps only the days
 * with queries, since filling it would cut it at maxDays and hide the rest.
 */
export function fillDays(points: DailyPoint[], range: TimeRange, now = Number.POSITIVE_INFINITY, maxDays = 400): DailyPoint[] {
  if ((range.to - range.from) / DAY_MS > maxDays) return [...points].sort((a, b) => a.day.localeCompare(b.day));
  const byDay = new Map(points.map((p) => [p.day, p]));
  const out: DailyPoint[] = [];
  const end = Math.min(range.to, now);
  for (let t = Math.floor(range.from / DAY_MS) * DAY_MS; t < end && out.length < maxDays; t += DAY_MS) {
    const day = utcDay(t);
    out.push(byDay.get(day) ?? { day, queries: 0, costNano: 0, baselineCostNano: 0, escalated: 0, cacheHits: 0, avgQuality: null });
  }
  // Points outside the range are kept rather than silently dropped.
  const seen = new Set(out.map((p) => p.day));
  for (const p of points) if (!seen.has(p.day)) out.push(p);
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

/** Whether the range's local days differ from the UTC days its charts are drawn in. */
export function utcDaysDiffer(range: TimeRange): boolean {
  return new Date(range.from).getTimezoneOffset() !== 0 || new Date(range.to).getTimezoneOffset() !== 0;
}

/** A UTC day (yyyy-mm-dd) as the same calendar date, whatever the user's time zone. */
export function dayLabel(day: string, withYear = false): string {
  const [y, m, dd] = day.split('-').map(Number);
  if (!y || !m || !dd) return day;
  return new Date(Date.UTC(y, m - 1, dd)).toLocaleDateString(undefined, { timeZone: 'UTC', ...(withYear ? { year: 'numeric' } : {}), month: 'short', day: 'numeric' });
}

/** The x-axis labels of a series: with the year when the series spans more than one. */
export function dayLabels(points: readonly DailyPoint[]): string[] {
  const withYear = points.length > 0 && points[0]?.day.slice(0, 4) !== points.at(-1)?.day.slice(0, 4);
  return points.map((p) => dayLabel(p.day, withYear));
}
