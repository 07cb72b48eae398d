// Fills a ledger database with a synthetic, deterministic history through the real schema and the
// LedgerStore's own insert statements (createLedgerWriter, which recordQuery wraps in a
// transaction per query), thousands of queries per transaction; the rollup triggers run as usual.
//
//   npx tsx scripts/generate-ledger.ts --db file.db --queries 1000000 --months 18 --seed 42 [--end 2026-01-01] [--force]
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createLedgerWriter } from '../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { DEFAULT_END, syntheticHistory, type HistoryOptions, type SyntheticQuery } from '../bench/ledger/synthetic-history.ts';

export interface GenerateOptions extends HistoryOptions {
  dbPath: string;
  /** Called after each batch with the number of queries written so far. */
  onProgress?: (written: number) => void;
}

export interface GenerateResult {
  dbPath: string;
  queries: number;
  calls: number;
  audits: number;
  conversations: number;
  /** Wall-clock and CPU (user + system) time of the whole generation. */
  ms: number;
  cpuMs: number;
  fileBytes: number;
}

const BATCH = 5_000;
/** Bulk loading touches index pages all over the file; the default 16 MB cache thrashes. */
const BULK_CACHE_KIB = 256 * 1024;

/** Writes into `dbPath`, which must not exist yet (a half-written ledger is worse than none). */
export function generateLedger(opts: GenerateOptions): GenerateResult {
  if (existsSync(opts.dbPath)) throw new Error(`${opts.dbPath} already exists`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const db = openDatabase(opts.dbPath);
  let calls = 0;
  let audits = 0;
  let conversations = 0;
  let written = 0;
  try {
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    // A crash mid-load deletes the file anyway, so the bulk load skips fsyncs; the connections
    // that use the ledger afterwards open it with openDatabase's own settings.
    db.pragma('synchronous = OFF');
    const ledger = createLedgerWriter(db);
    const insertConversation = db.prepare<[string, string, number, number]>(
      'INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
    );
    const writeBatch = db.transaction((items: readonly SyntheticQuery[]) => {
      for (const { query, audit, conversation } of items) {
        if (conversation !== null) {
          insertConversation.run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
          conversations++;
        }
        ledger.writeQuery(query);
        calls += query.calls.length;
        if (audit !== null) {
          ledger.writeAudit(audit);
          audits++;
        }
      }
    });

    let batch: SyntheticQuery[] = [];
    for (const item of syntheticHistory(opts)) {
      batch.push(item);
      if (batch.length === BATCH) {
        writeBatch(batch);
        written += batch.length;
        batch = [];
        opts.onProgress?.(written);
      }
    }
    if (batch.length > 0) {
      writeBatch(batch);
      written += batch.length;
      opts.onProgress?.(written);
    }

    db.exec('UPDATE conversations SET updated_at = COALESCE((SELECT MAX(created_at) FROM queries WHERE conversation_id = conversations.id), updated_at)');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.dbPath}${suffix}`, { force: true });
    throw e;
  }
  db.close();
  const used = process.cpuUsage(cpu);
  return {
    dbPath: opts.dbPath,
    queries: written,
    calls,
    audits,
    conversations,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    fileBytes: statSync(opts.dbPath).size,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      queries: { type: 'string', default: '1000000' },
      months: { type: 'string', default: '18' },
      seed: { type: 'string', default: '42' },
      end: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (values.db === undefined) throw new Error('usage: generate-ledger --db <file> [--queries N] [--months M] [--seed S] [--end YYYY-MM-DD] [--force]');
  const dbPath = resolve(values.db);
  const num = (name: string, v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const end = values.end === undefined ? DEFAULT_END : Date.parse(values.end);
  if (Number.isNaN(end)) throw new Error('--end must be a date like 2026-01-01');
  if (values.force) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });

  const queries = num('queries', values.queries);
  const result = generateLedger({
    dbPath,
    queries,
    months: Math.max(1, num('months', values.months)),
    seed: num('seed', values.seed),
    end,
    onProgress: (n) => {
      if (n % 100_000 === 0 || n === queries) process.stderr.write(`  ${n.toLocaleString('en-US')} queries\n`);
    },
  });
  const mb = (result.fileBytes / 1024 / 1024).toFixed(0);
  console.log(
    `${result.dbPath}: ${result.queries} queries, ${result.calls} calls, ${result.audits} audits, ${result.conversations} conversations, ` +
      `${mb} MB in ${(result.ms / 1000).toFixed(1)} s, ${(result.cpuMs / 1000).toFixed(1)} s CPU (${Math.round(result.queries / (result.ms / 1000))} queries/s)`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
