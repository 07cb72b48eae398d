// Repeats a synchronous operation and reports its latency distribution in milliseconds.
import { percentile } from './stats.ts';

export interface Sample {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(ms: number[]): Sample {
  return { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.length === 0 ? NaN : Math.max(...ms) };
}

/** Runs `op(i)` `warmup` times unmeasured, then `n` times measured. */
export function sample(n: number, op: (i: number) => unknown, warmup = 1): Sample {
  for (let i = 0; i < warmup; i++) op(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    op(i);
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}
