// The write path: LedgerStore.recordQuery (a query, its calls and the rollup triggers, one WAL
// transaction each) on the big ledger while another process reads savings figures from the same
// file. The baseline is a bare one-row autocommit INSERT into an index-free table of another WAL
// file, timed alternately with the real writes under the same load. The written queries are
// deleted afterwards so the cached ledger stays as generated.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLedgerStore } from '../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { CACHE_DIR, type BenchLedger } from './ledger/bench-ledger.ts';
import { syntheticHistory } from './ledger/synthetic-history.ts';
import { summarize } from './measure.ts';
import type { BenchRow } from './report.ts';

const DAY_MS = 86_400_000;
const WARMUP = 100;
const READER = fileURLToPath(new URL('./ledger/analytics-reader.ts', import.meta.url));

export interface WriteBenchOptions {
  writes: number;
  seed: number;
}

function isReads(m: unknown): m is { reads: number } {
  return typeof m === 'object' && m !== null && typeof new Map(Object.entries(m)).get('reads') === 'number';
}

export async function runLedgerWriteBench(ledger: BenchLedger, opts: WriteBenchOptions): Promise<BenchRow[]> {
  // Recorded after the generated history, as new traffic would be.
  const queries = [...syntheticHistory({ queries: opts.writes + WARMUP, months: 1, seed: opts.seed + 1_000, end: ledger.end + 40 * DAY_MS })].map((s) => s.query);
  const whole = { from: ledger.start, to: ledger.end + 60 * DAY_MS };
  const barePath = join(CACHE_DIR, `bare-insert-${process.pid}.db`);

  const db = openDatabase(ledger.dbPath);
  const bareDb = openDatabase(barePath);
  const remove = db.prepare<[string]>('DELETE FROM queries WHERE id = ?');
  const removeAll = db.transaction(() => {
    for (const q of queries) remove.run(q.id);
  });
  const reader = fork(READER, [ledger.dbPath, String(ledger.start), String(ledger.end)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const store = createLedgerStore(db);
    removeAll(); // leftovers of an interrupted run
    const before = store.summary(whole);
    bareDb.exec('CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const bare = bareDb.prepare<[string]>('INSERT INTO bench_bare (payload) VALUES (?)');

    const [ready] = await once(reader, 'message');
    if (ready !== 'ready') throw new Error('analytics reader did not start');

    const writes: number[] = [];
    const bareWrites: number[] = [];
    queries.forEach((q, i) => {
      const t0 = performance.now();
      store.recordQuery(q);
      const t1 = performance.now();
      bare.run(q.prompt);
      const t2 = performance.now();
      if (i >= WARMUP) {
        writes.push(t1 - t0);
        bareWrites.push(t2 - t1);
      }
    });

    reader.send('stop');
    const [done] = await once(reader, 'message');
    const reads = isReads(done) ? done.reads : 0;

    removeAll();
    const after = store.summary(whole);
    const w = summarize(writes);
    const b = summarize(bareWrites);
    const calls = queries.reduce((s, q) => s + q.calls.length, 0) / queries.length;
    return [
      {
        name: 'recordQuery (query + calls + rollups), WAL, concurrent reader',
        unit: 'ms',
        value: w.p50,
        p99: w.p99,
        target: { on: 'p50', below: 0.2 },
        baseline: { label: 'bare INSERT', value: b.p50 },
        note: `${w.n} writes, ${calls.toFixed(2)} calls each, reader process did ${reads} analytics reads meanwhile`,
        ...(JSON.stringify(before) === JSON.stringify(after) ? {} : { failure: 'summary changed after deleting the written queries' }),
      },
    ];
  } finally {
    if (reader.connected) reader.kill();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    bareDb.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${barePath}${suffix}`, { force: true });
  }
}
