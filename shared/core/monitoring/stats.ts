// Small statistics for the anomaly detector and the forecast, kept dependency-free.

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

export interface LinearFit {
  intercept: number;
  slope: number;
  /** Mean of the x values and their sum of squared deviations, for prediction intervals. */
  xMean: number;
  sxx: number;
  n: number;
}

/** Ordinary least squares y = intercept + slope x. With fewer than two distinct x: a flat mean. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = xs.length;
  const xMean = mean(xs);
  const yMean = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - xMean;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - yMean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: yMean - slope * xMean, slope, xMean, sxx, n };
}

const Z95 = 1.6448536269514722;

/**
 * One-sided 95% quantile of Student's t with `dof` degrees of freedom: exact for 1 and 2, else
 * the Cornish-Fisher expansion around the normal quantile (error < 0.002 from 3 up).
 */
export function tQuantile95(dof: number): number {
  if (dof <= 1) return 6.313751514675;
  if (dof === 2) return 2.919985580354;
  const z = Z95;
  const v = dof;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * v) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * v ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92_160 * v ** 4)
  );
}

// Upper 5% points of F(6, d) (standard tables). A d between two rows takes the smaller d's
// value, which is the larger critical value: the weekday test errs towards "no pattern".
const F6_CRITICAL_95: readonly (readonly [number, number])[] = [
  [1, 233.99], [2, 19.33], [3, 8.94], [4, 6.16], [5, 4.95], [6, 4.28], [7, 3.87], [8, 3.58], [9, 3.37], [10, 3.22],
  [11, 3.09], [12, 3.0], [13, 2.92], [14, 2.85], [15, 2.79], [16, 2.74], [17, 2.7], [18, 2.66], [19, 2.63], [20, 2.6],
  [22, 2.55], [24, 2.51], [26, 2.47], [28, 2.45], [30, 2.42], [40, 2.34], [60, 2.25], [120, 2.18],
];

export function fCritical6(dof: number): number {
  let value = Infinity;
  for (const [d, f] of F6_CRITICAL_95) if (d <= dof) value = f;
  return value;
}
