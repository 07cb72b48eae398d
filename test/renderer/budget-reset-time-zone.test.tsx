// Budgets run on UTC days and months. Away from UTC they reset at another hour of the user's day:
// the bar says when in the user's clock, not only a date that may read as already past.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let resetWhen: (to: number) => string;

beforeAll(async () => {
  vi.stubEnv('TZ', 'America/Los_Angeles');
  // Imported after the time zone is set: the date formatters are built when their module loads.
  ({ resetWhen } = await import('../../renderer/src/features/spend/budget-bars.tsx'));
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('when a budget resets, west of UTC', () => {
  it('gives the hour: the UTC day ends at 4 p.m. in Los Angeles', () => {
    const endOfUtcDay = Date.UTC(2026, 10, 30);
    expect(resetWhen(endOfUtcDay)).toMatch(/^Nov 29, 0?4:00\s?PM$/);
  });

  it('keeps the date alone where the reset is at the local midnight', () => {
    expect(resetWhen(new Date(2026, 10, 30).getTime())).toBe(new Date(2026, 10, 30).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
  });
});
