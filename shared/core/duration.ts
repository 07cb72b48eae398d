// Durations as people read them, shared by the app's views and the command line.
import { formatCount } from './pricing/money.ts';

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * A duration given in hours, at the scale that shows it: "4.9 s", "12 min", "347 hours". Rounded
 * to whole hours, a few seconds of generation read "0 generation hours" beside a cost above $0.
 */
export function formatHours(hours: number): string {
  const ms = hours * 3_600_000;
  if (ms < 59_950) return formatMs(ms);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const whole = Math.round(hours);
  return `${formatCount(whole)} ${whole === 1 ? 'hour' : 'hours'}`;
}
