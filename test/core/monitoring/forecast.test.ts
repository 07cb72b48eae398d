import { describe, expect, it } from 'vitest';
import { dayIndex, dayString, forecastCost, weekdayOf, type DailyCost } from '../../../shared/core/monitoring/forecast.ts';
import { seededRandom } from '../../seeded-random.ts';

/** 2026-11-28 15:00 UTC, a Saturday. */
const NOW = Date.UTC(2026, 10, 28, 15);
const TODAY = dayIndex(NOW);

/** Sunday..Saturday; they average 1. */
const TRUE_FACTORS = [0.5, 1.2, 1.2, 1.1, 1.1, 1.1, 0.8];

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

interface Process {
  level: number;
  slope: number;
  factors: number[] | null;
  noise: number;
}

/** Day `t` days after the history's first day, the cost the process produces (nano-USD). */
function expected(p: Process, first: number, i: number): number {
  const f = p.factors ? (p.factors[weekdayOf(i)] ?? 1) : 1;
  return (p.level + p.slope * (i - first)) * f;
}

function simulate(p: Process, seed: number, historyDays: number, futureDays: number): { history: DailyCost[]; future: number[] } {
  const rand = seededRandom(seed);
  const first = TODAY - historyDays;
  const draw = (i: number) => Math.max(0, Math.round(expected(p, first, i) * (1 + p.noise * normal(rand))));
  const history = Array.from({ length: historyDays }, (_, k) => ({ day: dayString(first + k), costNano: draw(first + k) }));
  const future = Array.from({ length: futureDays }, (_, h) => draw(TODAY + h));
  return { history, future };
}

const OPTS = { days: 30, growth: 1, historyDays: 90 };
const WEEKLY: Process = { level: 1_000_000, slope: 20_000, factors: TRUE_FACTORS, noise: 0.05 };

describe('cost forecast', () => {
  it('recovers the trend and the weekday pattern', () => {
    const { history } = simulate(WEEKLY, 7, 56, 0);
    const f = forecastCost(history, NOW, OPTS);
    expect(f.method).toBe('linear+weekday');
    expect(f.history).toHaveLength(56);
    expect(f.weekdayFactors).toHaveLength(7);
    f.weekdayFactors?.forEach((x, w) => expect(Math.abs(x - (TRUE_FACTORS[w] ?? 0))).toBeLessThan(0.05));
    expect(f.trend?.slopeNanoPerDay).toBeGreaterThan(16_000);
    expect(f.trend?.slopeNanoPerDay).toBeLessThan(24_000);
    expect(f.days).toHaveLength(30);
    expect(f.days[0]?.day).toBe(dayString(TODAY));
    // A Sunday's forecast is about half a Monday's.
    const sunday = f.days.find((d) => weekdayOf(dayIndex(Date.parse(`${d.day}T00:00:00Z`))) === 0);
    const monday = f.days.find((d) => weekdayOf(dayIndex(Date.parse(`${d.day}T00:00:00Z`))) === 1);
    expect((sunday?.costNano ?? 0) / (monday?.costNano ?? 1)).toBeGreaterThan(0.35);
    expect((sunday?.costNano ?? 0) / (monday?.costNano ?? 1)).toBeLessThan(0.5);
    // The total is the sum of the days (each rounded to a whole nano-USD).
    expect(Math.abs(f.totalNano - f.days.reduce((s, d) => s + d.costNano, 0))).toBeLessThanOrEqual(30);
  });

  it('lands the next 30 days within its 5 95 band about 90 percent of the time', () => {
    let inside = 0;
    let truthInside = 0;
    const runs = 200;
    for (let seed = 1; seed <= runs; seed++) {
      const { history, future } = simulate(WEEKLY, seed, 56, 30);
      const f = forecastCost(history, NOW, OPTS);
      const actual = future.reduce((a, b) => a + b, 0);
      if ((f.lowerNano ?? Infinity) <= actual && actual <= (f.upperNano ?? -Infinity)) inside++;
      const first = TODAY - 56;
      const truth = Array.from({ length: 30 }, (_, h) => expected(WEEKLY, first, TODAY + h)).reduce((a, b) => a + b, 0);
      if ((f.lowerNano ?? Infinity) <= truth && truth <= (f.upperNano ?? -Infinity)) truthInside++;
    }
    expect(inside / runs).toBeGreaterThan(0.8);
    expect(inside / runs).toBeLessThan(0.98);
    expect(truthInside / runs).toBeGreaterThan(0.9);
  });

  it('keeps each day within its own band about 90 percent of the time', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const { history, future } = simulate(WEEKLY, seed, 56, 30);
      const f = forecastCost(history, NOW, OPTS);
      f.days.forEach((d, h) => {
        total++;
        const a = future[h] ?? 0;
        if ((d.lowerNano ?? Infinity) <= a && a <= (d.upperNano ?? -Infinity)) inside++;
      });
    }
    expect(inside / total).toBeGreaterThan(0.8);
    expect(inside / total).toBeLessThan(0.98);
  });

  it('finds no weekday pattern in flat noisy traffic', () => {
    const { history } = simulate({ level: 2_000_000, slope: 0, factors: null, noise: 0.1 }, 11, 56, 0);
    const f = forecastCost(history, NOW, OPTS);
    expect(f.method).toBe('linear');
    expect(f.weekdayFactors).toBeNull();
    expect(f.totalNano / 30).toBeGreaterThan(1_850_000);
    expect(f.totalNano / 30).toBeLessThan(2_150_000);
  });

  it('applies growth per 30 days on top of the trend', () => {
    const { history } = simulate(WEEKLY, 3, 56, 0);
    const flat = forecastCost(history, NOW, OPTS);
    const grown = forecastCost(history, NOW, { ...OPTS, growth: 1.2 });
    expect((grown.days[29]?.costNano ?? 0) / (flat.days[29]?.costNano ?? 1)).toBeCloseTo(1.2, 5);
    expect((grown.days[0]?.costNano ?? 0) / (flat.days[0]?.costNano ?? 1)).toBeCloseTo(1.2 ** (1 / 30), 5);
    expect(grown.totalNano / flat.totalNano).toBeGreaterThan(1.08);
    expect(grown.totalNano / flat.totalNano).toBeLessThan(1.12);
  });

  it('predicts nothing on weekdays that never see traffic', () => {
    const weekdaysOnly = [0, 1.4, 1.4, 1.4, 1.4, 1.4, 0];
    const { history } = simulate({ level: 1_000_000, slope: 0, factors: weekdaysOnly, noise: 0.05 }, 5, 42, 0);
    const f = forecastCost(history, NOW, OPTS);
    expect(f.method).toBe('linear+weekday');
    expect(f.weekdayFactors?.[0]).toBe(0);
    expect(f.weekdayFactors?.[6]).toBe(0);
    for (const d of f.days) {
      const w = weekdayOf(dayIndex(Date.parse(`${d.day}T00:00:00Z`)));
      if (w === 0 || w === 6) expect(d.costNano).toBe(0);
      else expect(d.costNano).toBeGreaterThan(1_200_000);
    }
  });

  it('starts at the first day with queries and counts quiet days as zero', () => {
    const history = [
      { day: dayString(TODAY - 5), costNano: 100 },
      { day: dayString(TODAY - 2), costNano: 400 },
      // Today is not over: ignored.
      { day: dayString(TODAY), costNano: 1_000_000 },
      // Older than historyDays: ignored.
      { day: dayString(TODAY - 200), costNano: 1_000_000 },
    ];
    const f = forecastCost(history, NOW, OPTS);
    expect(f.history).toEqual([
      { day: dayString(TODAY - 5), costNano: 100 },
      { day: dayString(TODAY - 4), costNano: 0 },
      { day: dayString(TODAY - 3), costNano: 0 },
      { day: dayString(TODAY - 2), costNano: 400 },
      { day: dayString(TODAY - 1), costNano: 0 },
    ]);
    expect(f.method).toBe('linear');
  });

  it('without history forecasts zero with no band', () => {
    const f = forecastCost([], NOW, OPTS);
    expect(f.method).toBe('none');
    expect(f.totalNano).toBe(0);
    expect(f.lowerNano).toBeNull();
    expect(f.days.every((d) => d.costNano === 0 && d.upperNano === null)).toBe(true);
  });

  it('uses the mean of one or two days without a band', () => {
    const f = forecastCost([{ day: dayString(TODAY - 2), costNano: 300 }, { day: dayString(TODAY - 1), costNano: 500 }], NOW, { ...OPTS, days: 10 });
    expect(f.method).toBe('mean');
    expect(f.totalNano).toBe(4000);
    expect(f.upperNano).toBeNull();
  });

  it('never forecasts a negative cost for a falling trend', () => {
    const history = Array.from({ length: 20 }, (_, k) => ({ day: dayString(TODAY - 20 + k), costNano: 2_000_000 - k * 100_000 }));
    const f = forecastCost(history, NOW, OPTS);
    expect(f.days.every((d) => d.costNano >= 0 && (d.lowerNano ?? 0) >= 0)).toBe(true);
    expect(f.days[f.days.length - 1]?.costNano).toBe(0);
    expect(f.lowerNano).toBeGreaterThanOrEqual(0);
  });

  it('reads days as utc', () => {
    expect(dayString(dayIndex(Date.UTC(2026, 0, 1, 23, 59)))).toBe('2026-01-01');
    expect(weekdayOf(dayIndex(Date.UTC(2026, 10, 29)))).toBe(new Date(Date.UTC(2026, 10, 29)).getUTCDay());
  });
});
