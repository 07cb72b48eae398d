// `npm run bench`: every benchmark, one table, all figures in bench-results.json.
//
//   npm run bench                  1M-query ledger (generated once into the OS temp folder, then reused)
//   npm run bench -- --quick       100k queries and fewer repetitions, for development
//   options: --queries N --months M --seed S --regenerate --skip-replay --skip-load --skip-serve-export --skip-backup-export --skip-ui --out FILE
//
// Figures are wall-clock on whatever else the machine is doing; the load average is recorded next
// to them. No benchmark is a unit test: nothing here runs under `npm test`.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { runBackupExportBench } from './backup-export.bench.ts';
import { runConversationSearchBench } from './conversation-search.bench.ts';
import { runLedgerAnalyticsBench } from './ledger-analytics.bench.ts';
import { runLedgerExportBench } from './ledger-export.bench.ts';
import { runLedgerWriteBench } from './ledger-write.bench.ts';
import { runMathStreamBench } from './math-stream.bench.ts';
import { runServeExportBench } from './serve-export.bench.ts';
import { ensureBenchLedger } from './ledger/bench-ledger.ts';
import { engineOverheadRows, loadRows, replayRows, validatorRows } from './optional-benches.ts';
import { evaluate, formatTable, writeJson, type BenchRow } from './report.ts';
import { runUiBench } from './ui.bench.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    queries: { type: 'string' },
    months: { type: 'string', default: '18' },
    seed: { type: 'string', default: '42' },
    regenerate: { type: 'boolean', default: false },
    'skip-replay': { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
    'skip-serve-export': { type: 'boolean', default: false },
    'skip-backup-export': { type: 'boolean', default: false },
    'skip-ui': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results.json' },
  },
});

const quick = values.quick;
const queries = Number(values.queries ?? (quick ? 100_000 : 1_000_000));
const months = Number(values.months);
const seed = Number(values.seed);
if (![queries, months, seed].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--queries, --months and --seed must be positive integers');

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const startedAt = new Date();
const t0 = performance.now();
const loadBefore = loadavg();
const rows: BenchRow[] = [];

async function step<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  log(`- ${label}`);
  const s = performance.now();
  const result = await run();
  log(`  done in ${((performance.now() - s) / 1000).toFixed(1)} s`);
  return result;
}

const ledger = await step('benchmark ledger', () => ensureBenchLedger({ queries, months, seed, regenerate: values.regenerate, log }));
rows.push({
  name: 'ledger generation (scripts/generate-ledger.ts)',
  unit: 's',
  value: ledger.ms / 1000,
  // "Reasonable" on this 2-core machine: five minutes per million queries.
  target: { on: 'value', below: (300 * queries) / 1_000_000 },
  note:
    `${ledger.queries.toLocaleString('en-US')} queries, ${ledger.calls.toLocaleString('en-US')} calls, ${Math.round(ledger.fileBytes / 1024 / 1024)} MB, ` +
    `${Math.round(ledger.queries / (ledger.ms / 1000))} queries/s, ${(ledger.cpuMs / 1000).toFixed(0)} s CPU${ledger.cached ? ', cached from an earlier run' : ''}`,
});

rows.push(...(await step('analytics', () => runLedgerAnalyticsBench(ledger, quick ? { runs: 10, baselineRuns: 1, randomRanges: 20 } : { runs: 25, baselineRuns: 1, randomRanges: 60 }))));
rows.push(...(await step('CSV export', () => runLedgerExportBench(ledger))));
// Writes the whole ledger as a JSON backup (2 GB at 1M queries) into the OS temp folder, then removes it.
if (!values['skip-backup-export']) rows.push(...(await step('backup export', () => runBackupExportBench(ledger))));
rows.push(...(await step('write path', () => runLedgerWriteBench(ledger, { writes: quick ? 1_000 : 3_000, seed }))));
rows.push(...(await step('conversation search', () => runConversationSearchBench(quick ? { runs: 20 } : {}))));
rows.push(...(await step('validator', () => validatorRows())));
rows.push(...(await step('engine overhead', () => engineOverheadRows(quick ? 50 : 300))));
if (!values['skip-replay']) rows.push(...(await step('replay', () => replayRows())));
if (!values['skip-load']) rows.push(...(await step('serve under load', () => loadRows(quick ? 50 : 200, log))));
if (!values['skip-serve-export']) rows.push(...(await step('serve: ledger download over HTTP', () => runServeExportBench(ledger, log))));
if (!values['skip-ui']) rows.push(...(await step('UI in chromium', () => runUiBench({ ledgerDbPath: ledger.dbPath, runs: quick ? 2 : 3, log }))));
if (!values['skip-ui']) rows.push(...(await step('math in a streamed answer, in chromium', () => runMathStreamBench(quick ? { runs: 3 } : {}))));

const results = rows.map(evaluate);
const loadAfter = loadavg();
const totalSeconds = (performance.now() - t0) / 1000;
const sqlite = new BetterSqlite3(':memory:');
const sqliteVersion = sqlite.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?';
sqlite.close();

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? '?',
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  sqlite: sqliteVersion,
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadAfter,
};

console.log(formatTable(results));
console.log(
  `\n${results.filter((r) => r.pass === true).length} pass, ${results.filter((r) => r.pass === false).length} fail, ` +
    `${results.filter((r) => r.pass === null).length} informational or not available; ${totalSeconds.toFixed(0)} s in all` +
    ` on ${machine.cpus} CPUs (load average ${loadBefore[0]?.toFixed(1)} before, ${loadAfter[0]?.toFixed(1)} after).`,
);

const out = resolve(values.out);
writeJson(out, {
  startedAt: startedAt.toISOString(),
  totalSeconds,
  mode: quick ? 'quick' : 'full',
  machine,
  ledger: { path: ledger.dbPath, queries: ledger.queries, calls: ledger.calls, audits: ledger.audits, months, seed, fileBytes: ledger.fileBytes, cached: ledger.cached, generationMs: ledger.ms },
  results,
});
console.log(`figures written to ${out}`);
