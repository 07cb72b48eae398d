// One row per benchmark figure, printed as a single table and saved as JSON.
import { writeFileSync } from 'node:fs';

export interface Target {
  /** Which figure the target applies to ('p50' and 'value' both mean `value`). */
  on: 'p50' | 'p99' | 'value';
  /** Pass when the figure is below this, in the row's unit. */
  below: number;
}

export interface Baseline {
  /** What the figure is compared with, measured in the same run: "raw SQL over queries". */
  label: string;
  value: number;
}

export interface BenchRow {
  name: string;
  unit: 'ms' | 's' | 'MB' | '/s';
  /** Median, or the single value of a one-shot measurement. */
  value: number | null;
  /** The tail that matters for this row: p99 of repeated runs, or the slowest of many ranges. */
  p99?: number;
  /** How the table names `p99` when it is not a 99th percentile ("slowest range"). */
  p99Label?: string;
  target?: Target;
  baseline?: Baseline;
  /** Shown after the figure: sample size, cache state, what exactly was measured. */
  note?: string;
  /** Set when the benchmark could not run (its module does not load, for example). */
  unavailable?: string;
  /** Set when the figure is not to be trusted (a wrong answer): the row fails whatever its speed. */
  failure?: string;
}

export interface RowResult extends BenchRow {
  /** value / baseline.value (how many times the baseline's cost). */
  ratio: number | null;
  pass: boolean | null;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export function evaluate(row: BenchRow): RowResult {
  if (row.value === null || row.unavailable !== undefined) return { ...row, ratio: null, pass: null };
  const ratio = row.baseline !== undefined && row.baseline.value > 0 ? row.value / row.baseline.value : null;
  let pass: boolean | null = null;
  if (row.target !== undefined) {
    const figure = row.target.on === 'p99' ? (row.p99 ?? row.value) : row.value;
    pass = figure < row.target.below;
  }
  return { ...row, ratio, pass: row.failure === undefined ? pass : false };
}

function figureText(r: RowResult): string {
  if (r.unavailable !== undefined || r.value === null) return `not available (${r.unavailable ?? 'no figure'})`;
  const main = `${fmt(r.value)} ${r.unit}`;
  const text = r.p99 === undefined ? main : `${main} (${r.p99Label ?? 'p99'} ${fmt(r.p99)})`;
  return r.failure === undefined ? text : `${text}, ${r.failure}`;
}

function targetText(r: RowResult): string {
  if (r.target === undefined) return '—';
  const what = r.target.on === 'p99' ? `${r.p99Label ?? 'p99'} ` : '';
  return `${what}< ${fmt(r.target.below)} ${r.unit}`;
}

function ratioText(r: RowResult): string {
  if (r.ratio === null || r.baseline === undefined) return '—';
  const times = r.ratio >= 1 ? `${fmt(r.ratio)}×` : `1/${fmt(1 / r.ratio)}`;
  return `${times} of ${r.baseline.label} (${fmt(r.baseline.value)} ${r.unit})`;
}

function passText(r: RowResult): string {
  return r.pass === null ? (r.unavailable !== undefined ? 'n/a' : 'info') : r.pass ? 'pass' : 'FAIL';
}

export function formatTable(rows: RowResult[]): string {
  const header = ['benchmark', 'figure (median)', 'target', 'vs baseline (same run)', 'result', 'notes'];
  const body = rows.map((r) => [r.name, figureText(r), targetText(r), ratioText(r), passText(r), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function writeJson(path: string, data: unknown): void {
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
