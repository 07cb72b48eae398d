// Streaming CSV export of the whole benchmark ledger to a file: time, and the process's resident
// memory while it runs (flat memory means the rows really stream).
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_EXPORT_SQL } from '../electron/node/sqlite/ledger-export.ts';
import { exportLedgerCsv } from '../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { CACHE_DIR, type BenchLedger } from './ledger/bench-ledger.ts';
import type { BenchRow } from './report.ts';

const MB = 1024 * 1024;

export function runLedgerExportBench(ledger: BenchLedger): BenchRow[] {
  const db = openDatabase(ledger.dbPath);
  const file = join(CACHE_DIR, `export-${process.pid}.csv`);
  const range = { from: ledger.start, to: ledger.end };
  try {
    const fd = openSync(file, 'w');
    const rss: number[] = [];
    const rss0 = process.memoryUsage.rss();
    let chunks = 0;
    let rows: number;
    const cpu = process.cpuUsage();
    let t0 = performance.now();
    try {
      rows = exportLedgerCsv(db, range, (chunk) => {
        writeSync(fd, chunk);
        if (++chunks % 8 === 0) rss.push(process.memoryUsage.rss());
      });
    } finally {
      closeSync(fd);
    }
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const bytes = statSync(file).size;

    // Baseline: the same rows read and thrown away, no formatting, no file. It runs second, so
    // the export cannot profit from pages the baseline brought into the cache.
    t0 = performance.now();
    let read = 0;
    for (const _row of db.prepare(CSV_EXPORT_SQL).raw(true).iterate(range)) read++;
    const readMs = performance.now() - t0;

    const peak = Math.max(rss0, ...rss);
    const tenth = rss[Math.floor(rss.length / 10)] ?? rss0;
    const lateGrowth = Math.max(0, Math.max(tenth, ...rss.slice(Math.floor(rss.length / 10))) - tenth);
    const size = `${rows.toLocaleString('en-US')} rows, ${Math.round(bytes / MB)} MB, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`;
    return [
      {
        name: 'CSV export, whole ledger, streamed to a file',
        unit: 's',
        value: ms / 1000,
        target: { on: 'value', below: 10 },
        baseline: { label: 'reading the same rows unformatted', value: readMs / 1000 },
        note: size,
        ...(read === rows ? {} : { failure: `exported ${rows} rows, the range holds ${read}` }),
      },
      {
        name: 'CSV export, peak RSS growth',
        unit: 'MB',
        value: (peak - rss0) / MB,
        target: { on: 'value', below: 100 },
        note: `growth after the first 10% of rows: ${(lateGrowth / MB).toFixed(1)} MB`,
      },
    ];
  } finally {
    db.close();
    rmSync(file, { force: true });
  }
}
