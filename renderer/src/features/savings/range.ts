// Date ranges of the Savings view, in the user's local days: [from, to) epoch ms.
import type { TimeRange } from '../../../../shared/core/ledger/types.ts';

export const RANGE_PRESETS = [
  { id: 'today', label: 'Today', days: 1 },
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'] | 'custom';

export interface CustomDates {
  /** yyyy-mm-dd, inclusive. */
  from: string;
  /** yyyy-mm-dd, inclusive. */
  to: string;
}

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function addDays(ms: number, days: number): number {
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): TimeRange {
  const days = RANGE_PRESETS.find((p) => p.id === preset)?.days ?? 30;
  const today = startOfDay(now);
  return { from: addDays(today, -(days - 1)), to: addDays(today, 1) };
}

export function parseDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function customRange(dates: CustomDates): { ok: true; range: TimeRange } | { ok: false; message: string } {
  const from = parseDay(dates.from);
  const to = parseDay(dates.to);
  if (from === null) return { ok: false, message: 'Pick a start date.' };
  if (to === null) return { ok: false, message: 'Pick an end date.' };
  if (to < from) return { ok: false, message: 'The end date is before the start date.' };
  return { ok: true, range: { from, to: addDays(to, 1) } };
}

/** The `days` local calendar days that end with the day of `ms`, as the custom range picker holds them. */
export function daysEndingAt(ms: number, days: number): CustomDates {
  return { from: formatDay(addDays(startOfDay(ms), -(days - 1))), to: formatDay(ms) };
}

/**
 * The days of the range that have passed by `now` (a fraction for today): a projection at the
 * range's pace divides by these, or "today" at 1 p.m. would count as a whole day's traffic.
 */
export function elapsedDays(range: TimeRange, now: number): number {
  return Math.max(1 / 24, (Math.min(range.to, now) - range.from) / 86_400_000);
}

/** Length of the range in whole days (at least one), as the user selected it (paceLabel). */
export function rangeDays(range: TimeRange): number {
  return Math.max(1, Math.round((range.to - range.from) / 86_400_000));
}

/**
 * What a projection at the range's pace is measured over, in words: "the 30 days selected",
 * or "so far" while the range has not ended (the pace is then over the part that has passed).
 */
export function paceLabel(range: TimeRange, now: number): string {
  const days = rangeDays(range);
  const selected = days === 1 ? 'the selected day' : `the ${days} days selected`;
  return now < range.to ? `at the pace so far of ${selected}` : `at the pace of ${selected}`;
}
