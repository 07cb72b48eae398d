// The benchmark ledger lives in the OS temp folder and is reused across runs. Its name carries the
// seed, the size and a hash of everything that shapes the file (migrations and generator code), so
// a change to either regenerates it instead of benchmarking a stale schema.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../electron/node/sqlite/migrations.ts';
import { generateLedger, type GenerateResult } from '../../scripts/generate-ledger.ts';
import { historySpan } from './synthetic-history.ts';

export interface BenchLedgerOptions {
  queries: number;
  months: number;
  seed: number;
  regenerate: boolean;
  log: (line: string) => void;
}

export interface BenchLedger extends GenerateResult {
  start: number;
  end: number;
  /** False when this run generated the file; `ms` is then this run's generation time. */
  cached: boolean;
}

export const CACHE_DIR = join(tmpdir(), 'cascadeflow-bench');

const GENERATOR_SOURCES = ['catalog.ts', 'prng.ts', 'synthetic-history.ts'].map((f) => new URL(`./${f}`, import.meta.url));
const WRITER_SOURCE = new URL('../../scripts/generate-ledger.ts', import.meta.url);

function shapeHash(): string {
  const h = createHash('sha256');
  for (const m of MIGRATIONS) h.update(`${m.id}\n${m.up}\n`);
  for (const url of [...GENERATOR_SOURCES, WRITER_SOURCE]) h.update(readFileSync(url));
  return h.digest('hex').slice(0, 12);
}

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${path}${suffix}`, { force: true });
}

export function ensureBenchLedger(opts: BenchLedgerOptions): BenchLedger {
  mkdirSync(CACHE_DIR, { recursive: true });
  const hash = shapeHash();
  const name = `ledger-s${opts.seed}-q${opts.queries}-m${opts.months}`;
  const path = join(CACHE_DIR, `${name}-${hash}.db`);
  const meta = `${path}.json`;
  const { start, end } = historySpan({ months: opts.months });

  // Older shapes of the same ledger are 1.5 GB each at full size: keep only the current one.
  for (const f of readdirSync(CACHE_DIR)) {
    if (f.startsWith(`${name}-`) && !f.startsWith(`${name}-${hash}.db`)) rmSync(join(CACHE_DIR, f), { force: true });
  }
  if (opts.regenerate) removeDb(path);

  if (existsSync(path) && existsSync(meta)) {
    const saved: unknown = JSON.parse(readFileSync(meta, 'utf8'));
    if (isGenerateResult(saved)) return { ...saved, dbPath: path, start, end, cached: true };
  }

  removeDb(path);
  const partial = `${path}.partial-${process.pid}`;
  removeDb(partial);
  opts.log(`generating ${opts.queries.toLocaleString('en-US')} queries over ${opts.months} months (seed ${opts.seed}) into ${path} ...`);
  try {
    const result = generateLedger({
      dbPath: partial,
      queries: opts.queries,
      months: opts.months,
      seed: opts.seed,
      onProgress: (n) => {
        if (n % 200_000 === 0) opts.log(`  ${n.toLocaleString('en-US')} queries`);
      },
    });
    renameSync(partial, path);
    const saved: GenerateResult = { ...result, dbPath: path };
    writeFileSync(meta, JSON.stringify(saved));
    return { ...saved, start, end, cached: false };
  } finally {
    removeDb(partial);
  }
}

function isGenerateResult(v: unknown): v is GenerateResult {
  if (typeof v !== 'object' || v === null) return false;
  const fields = new Map(Object.entries(v));
  const keys: (keyof GenerateResult)[] = ['queries', 'calls', 'audits', 'conversations', 'ms', 'cpuMs', 'fileBytes'];
  return keys.every((k) => typeof fields.get(k) === 'number');
}
