// Benchmarks written with other parts of the app (validator, engine, replay). They are loaded at
// run time so that one that does not compile or load yet shows as "not available" in the table
// instead of stopping every other figure.
import type { BenchRow } from './report.ts';

const UNITS: readonly BenchRow['unit'][] = ['ms', 's', 'MB', '/s'];

type Fields = Map<string, unknown>;

async function load(file: string, fn: string): Promise<((...args: unknown[]) => unknown) | string> {
  try {
    // A computed specifier: TypeScript does not resolve it, so a missing module is a run-time miss.
    const specifier = new URL(file, import.meta.url).href;
    const mod: unknown = await import(specifier);
    const exported = typeof mod === 'object' && mod !== null ? new Map(Object.entries(mod)).get(fn) : undefined;
    if (typeof exported !== 'function') return `${file} does not export ${fn}()`;
    return (...args: unknown[]) => Reflect.apply(exported, undefined, args);
  } catch (e) {
    return `${file} does not load: ${firstLine(e)}`;
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

function fields(v: unknown): Fields | null {
  return typeof v === 'object' && v !== null ? new Map(Object.entries(v)) : null;
}

function num(f: Fields | null, key: string): number | null {
  const v = f?.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function unavailable(name: string, unit: BenchRow['unit'], why: string): BenchRow {
  return { name, unit, value: null, unavailable: why };
}

/** runValidatorBench() -> {p50Ms, p99Ms, n}. */
export async function validatorRows(): Promise<BenchRow[]> {
  const name = 'validator, one ~500-token draft';
  const run = await load('./validator.bench.ts', 'runValidatorBench');
  if (typeof run === 'string') return [unavailable(name, 'ms', run)];
  try {
    const r = fields(await run());
    const p50 = num(r, 'p50Ms');
    const p99 = num(r, 'p99Ms');
    if (p50 === null || p99 === null) return [unavailable(name, 'ms', 'runValidatorBench() returned no p50Ms/p99Ms')];
    const source = r?.get('source');
    return [{ name, unit: 'ms', value: p50, p99, target: { on: 'p50', below: 1 }, note: `n=${num(r, 'n') ?? '?'}${typeof source === 'string' ? `, ${source} drafts` : ''}` }];
  } catch (e) {
    return [unavailable(name, 'ms', `runValidatorBench() failed: ${firstLine(e)}`)];
  }
}

/** runEngineOverheadBench(iterations) -> {directTtftP50Ms, engineTtftP50Ms, overheadP50Ms, overheadP99Ms}. */
export async function engineOverheadRows(iterations: number): Promise<BenchRow[]> {
  const name = 'engine overhead on time to first token';
  const run = await load('./engine-overhead.bench.ts', 'runEngineOverheadBench');
  if (typeof run === 'string') return [unavailable(name, 'ms', run)];
  try {
    const r = fields(await run(iterations));
    const p50 = num(r, 'overheadP50Ms');
    const p99 = num(r, 'overheadP99Ms');
    const direct = num(r, 'directTtftP50Ms');
    const engine = num(r, 'engineTtftP50Ms');
    if (p50 === null || p99 === null || direct === null || engine === null) return [unavailable(name, 'ms', 'runEngineOverheadBench() returned an unexpected shape')];
    return [
      { name, unit: 'ms', value: p50, p99, target: { on: 'p50', below: 5 }, note: `${num(r, 'iterations') ?? iterations} runs, fake Ollama on 127.0.0.1` },
      { name: 'engine time to first token', unit: 'ms', value: engine, baseline: { label: 'direct ollama SDK TTFT', value: direct }, note: 'p50' },
    ];
  } catch (e) {
    return [unavailable(name, 'ms', `runEngineOverheadBench() failed: ${firstLine(e)}`)];
  }
}

/** runReplayBench() -> {datasets: [{name, itemsPerSecond, sweepMs, sweepPoints}]}. */
export async function replayRows(): Promise<BenchRow[]> {
  const name = 'replay of recorded traces';
  const run = await load('./replay.bench.ts', 'runReplayBench');
  if (typeof run === 'string') return [unavailable(name, '/s', run)];
  try {
    const datasets = fields(await run())?.get('datasets');
    if (!Array.isArray(datasets)) return [unavailable(name, '/s', 'runReplayBench() returned no datasets')];
    return datasets.flatMap((d: unknown): BenchRow[] => {
      const f = fields(d);
      const label = f?.get('name');
      const perSecond = num(f, 'itemsPerSecond');
      const sweep = num(f, 'sweepMs');
      const one = num(f, 'oneThresholdMs');
      if (typeof label !== 'string' || perSecond === null) return [];
      // Issue #4's targets: one threshold under 2 s, a sweep of 50+ thresholds under 10 s (read, prepare, replay, analyse).
      return [
        { name: `replay ${label}: queries through the engine`, unit: '/s', value: perSecond, note: `${num(f, 'queries') ?? '?'} queries` },
        ...(one === null ? [] : [{ name: `replay ${label}: one threshold, whole run`, unit: 'ms' as const, value: one, target: { on: 'value' as const, below: 2000 } }]),
        ...(sweep === null ? [] : [{ name: `replay ${label}: ${num(f, 'sweepPoints') ?? '?'}-point threshold sweep`, unit: 'ms' as const, value: sweep, target: { on: 'value' as const, below: 10_000 } }]),
      ];
    });
  } catch (e) {
    return [unavailable(name, '/s', `runReplayBench() failed: ${firstLine(e)}`)];
  }
}

function isBenchRow(v: unknown): v is BenchRow {
  const f = fields(v);
  const value = f?.get('value');
  const unit = f?.get('unit');
  return typeof f?.get('name') === 'string' && UNITS.some((u) => u === unit) && (value === null || typeof value === 'number');
}

/** runLoadBench(options) -> result, loadBenchRows(result) -> rows (bench/load.bench.ts). */
export async function loadRows(concurrency: number, log: (line: string) => void): Promise<BenchRow[]> {
  const name = 'serve under load';
  const run = await load('./load.bench.ts', 'runLoadBench');
  const toRows = await load('./load.bench.ts', 'loadBenchRows');
  if (typeof run === 'string') return [unavailable(name, '/s', run)];
  if (typeof toRows === 'string') return [unavailable(name, '/s', toRows)];
  try {
    const rows = toRows(await run({ concurrency, log }));
    if (!Array.isArray(rows) || !rows.every(isBenchRow)) return [unavailable(name, '/s', 'loadBenchRows() returned rows of an unexpected shape')];
    return rows;
  } catch (e) {
    return [unavailable(name, '/s', `runLoadBench() failed: ${firstLine(e)}`)];
  }
}
