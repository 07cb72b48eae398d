// Cost forecast from the ledger's daily history (UTC days, today excluded: it is not over).
//
// Method:
// 1. Daily cost y_t over the history, from the first day with queries to yesterday; days without
//    queries count as $0.
// 2. Linear trend y = a + b t by least squares.
// 3. With two weeks or more, multiplicative weekday factors f_w: the mean of y / trend per weekday,
//    normalised to average 1, then the trend is refitted on the deseasonalised y / f_w (three
//    rounds). The factors are kept only when they explain enough: an F-test of the weekday model
//    against the plain trend (6 extra parameters) at the 5% level. Weekdays whose factor is ~0
//    (say, no weekend use) are left out of the trend fit.
// 4. Forecast day h (h = 0 is today): f_w * g_h * (a + b t_h), floored at $0, where
//    g_h = growth^((h + 1) / 30) is the user's extra growth per 30 days on top of the trend the
//    history shows (growth 1 = the history's own trend only).
// 5. Band: cost noise grows with volume, so a day's noise is taken as a share of its level: the
//    relative residual standard error r = sd((y / f_w - trend) / trend) with n - p degrees of
//    freedom. Day h's variance is (r x forecast_h)^2 plus the uncertainty of the fitted line,
//    (c_h s)^2 (1/n + (t_h - t̄)^2 / Stt), with s the absolute residual standard error and
//    c_h = f_w g_h; the 30-day total adds every day's noise to the shared line uncertainty,
//    s^2 [(Σ c_h)^2 / n + (Σ c_h (t_h - t̄))^2 / Stt]. The 5% and 95% bounds are ± t(0.95, n - p)
//    standard deviations (the lower one floored at $0). Uncertainty in the weekday factors is
//    not modelled, so the band runs a little narrow: on synthetic weekly traffic (8 weeks of
//    history, 5% noise) it held 87% of 30-day totals and 88% of single days against the nominal
//    90% (1000 simulated histories; test/core/monitoring/forecast.test.ts checks 200).
import { fCritical6, fitLine, mean, tQuantile95, type LinearFit } from './stats.ts';

const DAY_MS = 86_400_000;
const GROWTH_PERIOD_DAYS = 30;
const MIN_DAYS_FOR_WEEKDAYS = 14;
const NEGLIGIBLE_FACTOR = 0.05;
const ROUNDS = 3;

export interface DailyCost {
  /** YYYY-MM-DD (UTC). */
  day: string;
  costNano: number;
}

export interface ForecastOptions {
  /** Days to forecast, from today. */
  days: number;
  /** Extra growth multiplier per 30 days (1.2 = +20% a month on top of the trend). */
  growth: number;
  /** How far back the history may reach. */
  historyDays: number;
}

export interface ForecastDay {
  day: string;
  costNano: number;
  /** 5% / 95% bounds; null when the history is too short for a band. */
  lowerNano: number | null;
  upperNano: number | null;
}

export interface CostForecast {
  generatedAt: number;
  method: 'none' | 'mean' | 'linear' | 'linear+weekday';
  horizonDays: number;
  growth: number;
  /** The dense daily history the fit used (oldest first). */
  history: DailyCost[];
  /** Deseasonalised level today and its change per day; null without history. */
  trend: { levelNano: number; slopeNanoPerDay: number } | null;
  /** Sunday..Saturday multipliers averaging 1; null when the history shows no weekday pattern. */
  weekdayFactors: number[] | null;
  /** Standard error of the fit's residuals (deseasonalised), in nano-USD a day. */
  residualStdNano: number | null;
  /** The residuals relative to the fitted level: a day's noise as a share of its cost. */
  relativeNoise: number | null;
  totalNano: number;
  lowerNano: number | null;
  upperNano: number | null;
  days: ForecastDay[];
}

export const dayIndex = (ms: number): number => Math.floor(ms / DAY_MS);
export const dayString = (index: number): string => new Date(index * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday, like Date#getUTCDay (1970-01-01 was a Thursday). */
export const weekdayOf = (index: number): number => (((index + 4) % 7) + 7) % 7;
const parseDay = (day: string): number => dayIndex(Date.parse(`${day}T00:00:00Z`));

interface Model {
  fit: LinearFit;
  factors: number[] | null;
  /** Residuals of the fit (deseasonalised scale) on the days it used. */
  residualSs: number;
  /** Indices of the days the fit used. */
  usedIdx: number[];
  used: number;
  params: number;
}

function trendOnly(t: number[], y: number[]): Model {
  const fit = fitLine(t, y);
  let ss = 0;
  for (let i = 0; i < t.length; i++) ss += ((y[i] ?? 0) - fit.intercept - fit.slope * (t[i] ?? 0)) ** 2;
  return { fit, factors: null, residualSs: ss, usedIdx: t.map((_, i) => i), used: t.length, params: 2 };
}

/** One or two days: their mean, no trend and no band. */
function flatMean(t: number[], y: number[]): Model {
  const fit = fitLine(t, y);
  return { fit: { ...fit, intercept: mean(y), slope: 0 }, factors: null, residualSs: 0, usedIdx: t.map((_, i) => i), used: t.length, params: 1 };
}

/** Weekday model, or null when a weekday has no usable day. */
function withWeekdays(t: number[], y: number[], weekday: number[], start: LinearFit): { model: Model; fullSs: number } | null {
  let fit = start;
  let factors: number[] = [];
  let keep: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sum = new Array<number>(7).fill(0);
    const count = new Array<number>(7).fill(0);
    for (let i = 0; i < t.length; i++) {
      const level = fit.intercept + fit.slope * (t[i] ?? 0);
      if (level <= 0) continue;
      const w = weekday[i] ?? 0;
      sum[w] = (sum[w] ?? 0) + (y[i] ?? 0) / level;
      count[w] = (count[w] ?? 0) + 1;
    }
    if (count.some((c) => c === 0)) return null;
    const raw = sum.map((s, w) => s / (count[w] ?? 1));
    const avg = raw.reduce((a, b) => a + b, 0) / 7;
    if (!(avg > 0)) return null;
    factors = raw.map((f) => f / avg);
    keep = t.map((_, i) => i).filter((i) => (factors[weekday[i] ?? 0] ?? 0) >= NEGLIGIBLE_FACTOR);
    if (keep.length < 3) return null;
    fit = fitLine(keep.map((i) => t[i] ?? 0), keep.map((i) => (y[i] ?? 0) / (factors[weekday[i] ?? 0] ?? 1)));
  }
  let residualSs = 0;
  for (const i of keep) residualSs += ((y[i] ?? 0) / (factors[weekday[i] ?? 0] ?? 1) - fit.intercept - fit.slope * (t[i] ?? 0)) ** 2;
  let fullSs = 0;
  for (let i = 0; i < t.length; i++) fullSs += ((y[i] ?? 0) - (factors[weekday[i] ?? 0] ?? 1) * (fit.intercept + fit.slope * (t[i] ?? 0))) ** 2;
  return { model: { fit, factors, residualSs, usedIdx: keep, used: keep.length, params: 8 }, fullSs };
}

/**
 * Day-to-day noise as a share of the fitted level: cost varies with volume, so a day twice as
 * busy varies about twice as much, and a growing trend must widen the band in proportion.
 */
function relativeNoise(model: Model, t: number[], y: number[], weekday: number[]): number | null {
  let ss = 0;
  let n = 0;
  for (const i of model.usedIdx) {
    const level = model.fit.intercept + model.fit.slope * (t[i] ?? 0);
    if (level <= 0) continue;
    const f = model.factors ? (model.factors[weekday[i] ?? 0] ?? 1) : 1;
    ss += (((y[i] ?? 0) / f - level) / level) ** 2;
    n++;
  }
  const dof = n - model.params;
  return dof >= 1 ? Math.sqrt(ss / dof) : null;
}

function chooseModel(t: number[], y: number[], weekday: number[]): Model {
  const plain = trendOnly(t, y);
  if (t.length < MIN_DAYS_FOR_WEEKDAYS) return plain;
  const seasonal = withWeekdays(t, y, weekday, plain.fit);
  if (!seasonal) return plain;
  const dof = t.length - 8;
  if (seasonal.fullSs <= 0) return plain.residualSs > 0 ? seasonal.model : plain;
  const f = (plain.residualSs - seasonal.fullSs) / 6 / (seasonal.fullSs / dof);
  return f > fCritical6(dof) ? seasonal.model : plain;
}

export function forecastCost(history: readonly DailyCost[], now: number, opts: ForecastOptions): CostForecast {
  const today = dayIndex(now);
  const earliest = today - opts.historyDays;
  const byDay = new Map<number, number>();
  for (const p of history) {
    const i = parseDay(p.day);
    if (i >= earliest && i < today) byDay.set(i, (byDay.get(i) ?? 0) + p.costNano);
  }
  const first = byDay.size > 0 ? Math.min(...byDay.keys()) : today;
  const dense: DailyCost[] = [];
  const t: number[] = [];
  const y: number[] = [];
  const weekday: number[] = [];
  for (let i = first; i < today; i++) {
    const cost = byDay.get(i) ?? 0;
    dense.push({ day: dayString(i), costNano: cost });
    t.push(i - first);
    y.push(cost);
    weekday.push(weekdayOf(i));
  }
  const growthAt = (h: number) => opts.growth ** ((h + 1) / GROWTH_PERIOD_DAYS);
  const base = { generatedAt: now, horizonDays: opts.days, growth: opts.growth, history: dense };

  if (dense.length === 0) {
    const days = Array.from({ length: opts.days }, (_, h) => ({ day: dayString(today + h), costNano: 0, lowerNano: null, upperNano: null }));
    return { ...base, method: 'none', trend: null, weekdayFactors: null, residualStdNano: null, relativeNoise: null, totalNano: 0, lowerNano: null, upperNano: null, days };
  }

  const model = dense.length < 3 ? flatMean(t, y) : chooseModel(t, y, weekday);
  const { fit, factors } = model;
  const dof = model.used - model.params;
  const sigma = dense.length >= 3 && dof >= 1 ? Math.sqrt(model.residualSs / dof) : null;
  const relative = sigma === null ? null : relativeNoise(model, t, y, weekday);
  const q = dof >= 1 ? tQuantile95(dof) : 0;

  const days: ForecastDay[] = [];
  let total = 0;
  let sumP2 = 0;
  let sumC = 0;
  let sumCdt = 0;
  for (let h = 0; h < opts.days; h++) {
    const index = today + h;
    const th = index - first;
    const c = (factors ? (factors[weekdayOf(index)] ?? 1) : 1) * growthAt(h);
    const point = Math.max(0, c * (fit.intercept + fit.slope * th));
    total += point;
    sumP2 += point * point;
    sumC += c;
    sumCdt += c * (th - fit.xMean);
    let lower: number | null = null;
    let upper: number | null = null;
    if (sigma !== null && relative !== null) {
      const slopeVar = fit.sxx > 0 ? (th - fit.xMean) ** 2 / fit.sxx : 0;
      const sd = Math.sqrt((relative * point) ** 2 + (c * sigma) ** 2 * (1 / model.used + slopeVar));
      lower = Math.max(0, Math.round(point - q * sd));
      upper = Math.round(point + q * sd);
    }
    days.push({ day: dayString(index), costNano: Math.round(point), lowerNano: lower, upperNano: upper });
  }
  let lowerNano: number | null = null;
  let upperNano: number | null = null;
  if (sigma !== null && relative !== null) {
    const slopeVar = fit.sxx > 0 ? sumCdt ** 2 / fit.sxx : 0;
    const sd = Math.sqrt(relative ** 2 * sumP2 + sigma ** 2 * (sumC ** 2 / model.used + slopeVar));
    lowerNano = Math.max(0, Math.round(total - q * sd));
    upperNano = Math.round(total + q * sd);
  }
  const method = dense.length < 3 ? 'mean' : factors ? 'linear+weekday' : 'linear';
  return {
    ...base,
    method,
    trend: { levelNano: fit.intercept + fit.slope * (today - first), slopeNanoPerDay: fit.slope },
    weekdayFactors: factors,
    residualStdNano: sigma,
    relativeNoise: relative,
    totalNano: Math.round(total),
    lowerNano,
    upperNano,
    days,
  };
}
