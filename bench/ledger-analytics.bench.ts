// Savings-view analytics on the benchmark ledger: the store's rollup-based answers, each against
// the same answer computed by plain SQL over the raw rows (ledger-analytics-raw.ts) on the same
// file in the same run.
import type { TimeRange } from '../shared/core/ledger/types.ts';
import { createRawLedgerAnalytics } from '../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore } from '../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { createPrng } from './ledger/prng.ts';
import type { BenchLedger } from './ledger/bench-ledger.ts';
import { sample, summarize } from './measure.ts';
import type { BenchRow } from './report.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface AnalyticsBenchOptions {
  /** Repetitions of each rollup-based figure. */
  runs: number;
  /** Repetitions of each raw-SQL baseline (seconds each at a million rows: one is plenty next to a 100x gap). */
  baselineRuns: number;
  /** Random ranges for the "any range" figures. */
  randomRanges: number;
}

/** A year ending at the ledger's last day, cutting through a day at both ends. */
export function yearRange(ledger: BenchLedger): TimeRange {
  return { from: ledger.end - 365 * DAY_MS + 7 * HOUR_MS + 13 * 60_000, to: ledger.end - 2 * HOUR_MS - 47 * 60_000 };
}

function randomRanges(ledger: BenchLedger, n: number): TimeRange[] {
  const prng = createPrng(1234);
  const span = ledger.end - ledger.start;
  return Array.from({ length: n }, () => {
    const a = ledger.start + Math.floor(prng.next() * span);
    const b = ledger.start + Math.floor(prng.next() * span);
    return { from: Math.min(a, b), to: Math.max(a, b) + 1 };
  });
}

/** Equal, allowing float rounding in averages (rollups add qualities in another order). */
function sameAnswer(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameAnswer(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ea = Object.entries(a);
    const eb = new Map(Object.entries(b));
    return ea.length === eb.size && ea.every(([k, v]) => eb.has(k) && sameAnswer(v, eb.get(k)));
  }
  return a === b;
}

export function runLedgerAnalyticsBench(ledger: BenchLedger, opts: AnalyticsBenchOptions): BenchRow[] {
  const db = openDatabase(ledger.dbPath);
  try {
    const store = createLedgerStore(db);
    const raw = createRawLedgerAnalytics(db);
    const year = yearRange(ledger);
    const ranges = randomRanges(ledger, opts.randomRanges);
    const size = `${Math.round(ledger.queries / 1000)}k queries`;
    const rows: BenchRow[] = [];

    // The baseline's answer doubles as a check: a fast wrong figure is a failure, not a result.
    const figure = (name: string, target: number, op: () => unknown, base: () => unknown, baseLabel: string): void => {
      let answer: unknown;
      let expected: unknown;
      const s = sample(opts.runs, () => (answer = op()));
      const b = sample(opts.baselineRuns, () => (expected = base()), 0);
      const row: BenchRow = {
        name,
        unit: 'ms',
        value: s.p50,
        p99: s.p99,
        target: { on: 'p50', below: target },
        baseline: { label: baseLabel, value: b.p50 },
        note: `${size}, ${s.n} runs`,
      };
      rows.push(sameAnswer(answer, expected) ? row : { ...row, failure: 'ANSWER DIFFERS FROM RAW SQL' });
    };
    // "Any range": each range's median of three runs (one preempted run is the machine, not the
    // range); the slowest range is what the target applies to.
    const overRanges = (name: string, target: number, op: (r: TimeRange) => unknown): void => {
      const perRange = ranges.map((r) => sample(3, () => op(r)).p50);
      const s = summarize(perRange);
      rows.push({ name, unit: 'ms', value: s.p50, p99: s.max, p99Label: 'slowest', target: { on: 'p99', below: target }, note: `${size}, ${s.n} random ranges x 3 runs` });
    };

    figure('ledger.summary, 1 year', 100, () => store.summary(year), () => raw.summary(year), 'raw SQL');
    overRanges('ledger.summary, any range', 100, (r) => store.summary(r));
    figure('ledger.daily, 1 year', 100, () => store.daily(year), () => raw.daily(year), 'raw SQL');
    figure('ledger.topQueries 50, 1 year', 50, () => store.topQueries(year, 50), () => raw.topQueries(year, 50), 'range scan + sort');
    overRanges('ledger.topQueries 50, any range', 50, (r) => store.topQueries(r, 50));
    figure('ledger.byTag user, 1 year', 100, () => store.costByTag(year, 'user'), () => raw.costByTag(year, 'user'), 'raw SQL');
    figure('ledger.byTag feature, 1 year', 100, () => store.costByTag(year, 'feature'), () => raw.costByTag(year, 'feature'), 'raw SQL');
    figure('ledger.byModel, 1 year', 100, () => store.costByModel(year), () => raw.costByModel(year), 'raw SQL');
    return rows;
  } finally {
    db.close();
  }
}
