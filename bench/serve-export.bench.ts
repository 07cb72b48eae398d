// The whole benchmark ledger downloaded from `cascadeflow serve` as a real process, the way the
// browser does it: ledger.prepareExport, then GET /api/downloads/<id>, read as fast as this process
// can count the records. Reports serve's peak resident memory (VmHWM) against its idle figure (a
// flat line means the rows stream from SQLite to the socket), the download time, and whether every
// row of the range arrived.
//
//   npx tsx bench/serve-export.bench.ts [--queries N]   this benchmark alone, on the cached ledger
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { callApi, peakRssBytes, startServe } from '../test/node/hardening/serve-process.ts';
import { ensureBenchLedger, type BenchLedger } from './ledger/bench-ledger.ts';
import { evaluate, formatTable, type BenchRow } from './report.ts';

const MB = 1024 * 1024;
const TOKEN = 'serve-export-bench-token';
const SAMPLE_MS = 100;

/** Resident memory of a live process now (Linux VmRSS), in bytes; null elsewhere. */
function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Counts CSV records across chunks: a line feed ends a record unless it lies inside a quoted field
 * (prompts and answers carry newlines). An escaped quote ("") flips the state twice, so parity is
 * enough. Native indexOf keeps this far cheaper than the server's work.
 */
export function csvRecordCounter(): { push(chunk: Buffer): void; readonly lines: number } {
  let inQuote = false;
  let lines = 0;
  return {
    push(buf) {
      let pos = 0;
      let q = buf.indexOf(0x22, 0);
      let n = buf.indexOf(0x0a, 0);
      while (pos < buf.length) {
        if (!inQuote && n !== -1 && (q === -1 || n < q)) {
          lines++;
          pos = n + 1;
          n = buf.indexOf(0x0a, pos);
          continue;
        }
        if (q === -1) return;
        inQuote = !inQuote;
        pos = q + 1;
        q = buf.indexOf(0x22, pos);
        if (n !== -1 && n < pos) n = buf.indexOf(0x0a, pos);
      }
    },
    get lines() {
      return lines;
    },
  };
}

export interface ServeExportResult {
  rows: number;
  /** Records counted in the downloaded CSV (header excluded). */
  received: number;
  bytes: number;
  ms: number;
  status: number;
  contentType: string;
  /** VmHWM after start-up and a ledger.summary over the range: serve at rest. */
  idlePeakMb: number;
  /** VmHWM once the download has ended. */
  peakMb: number;
  /** Largest VmRSS sampled while the download ran, and VmRSS just before it. */
  sampledMaxMb: number;
  beforeMb: number;
}

export async function runServeExport(ledger: BenchLedger, log: (line: string) => void = () => {}): Promise<ServeExportResult | string> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-serve-export-'));
  const config = join(dir, 'config.json');
  // No scheduled backup of a 1.4 GB copy while memory is measured; no model is ever called.
  writeFileSync(config, JSON.stringify({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:9', local: true }], backup: { intervalHours: 0, keep: 1 } }));
  const serve = await startServe({ args: ['--db', ledger.dbPath, '--config', config], env: { HOME: dir, CASCADEFLOW_DATA_DIR: join(dir, 'data') }, token: TOKEN });
  try {
    const range = { from: ledger.start, to: ledger.end };
    const summary = await callApi(serve, 'ledger.summary', { range });
    if (!summary.result.ok) return `ledger.summary failed: ${summary.result.error?.message ?? summary.text}`;
    const idle = peakRssBytes(serve.pid);
    const before = rssBytes(serve.pid);
    if (idle === null || before === null) return 'no /proc/<pid>/status on this system';

    const prepared = await callApi(serve, 'ledger.prepareExport', { range, format: 'csv' });
    const value = prepared.result.value as { downloadId?: string; rows?: number } | undefined;
    if (!prepared.result.ok || typeof value?.downloadId !== 'string' || typeof value.rows !== 'number') return `ledger.prepareExport failed: ${prepared.text}`;
    log(`  downloading ${value.rows.toLocaleString('en-US')} rows from serve (pid ${serve.pid})`);

    let sampledMax = before;
    const sampler = setInterval(() => {
      sampledMax = Math.max(sampledMax, rssBytes(serve.pid) ?? 0);
    }, SAMPLE_MS);
    const counter = csvRecordCounter();
    let bytes = 0;
    const t0 = performance.now();
    let res: IncomingMessage;
    try {
      res = await new Promise<IncomingMessage>((resolve, reject) => get(`${serve.url}api/downloads/${value.downloadId}`, resolve).once('error', reject));
      for await (const chunk of res) {
        const buf = chunk as Buffer;
        bytes += buf.length;
        counter.push(buf);
      }
    } finally {
      clearInterval(sampler);
    }
    const ms = performance.now() - t0;
    const peak = peakRssBytes(serve.pid) ?? NaN;
    return {
      rows: value.rows,
      received: Math.max(0, counter.lines - 1),
      bytes,
      ms,
      status: res.statusCode ?? 0,
      contentType: String(res.headers['content-type']),
      idlePeakMb: idle / MB,
      peakMb: peak / MB,
      sampledMaxMb: sampledMax / MB,
      beforeMb: before / MB,
    };
  } finally {
    await serve.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runServeExportBench(ledger: BenchLedger, log: (line: string) => void = () => {}): Promise<BenchRow[]> {
  const rows = ledger.queries.toLocaleString('en-US');
  const names = {
    peak: `serve: peak RSS while exporting ${rows} rows over HTTP`,
    growth: `serve: peak RSS growth from the ${rows}-row HTTP export`,
    time: `serve: CSV download of ${rows} rows over HTTP`,
  };
  const r = await runServeExport(ledger, log);
  if (typeof r === 'string') {
    return [
      { name: names.peak, unit: 'MB', value: null, unavailable: r },
      { name: names.growth, unit: 'MB', value: null, unavailable: r },
      { name: names.time, unit: 's', value: null, unavailable: r },
    ];
  }
  const failure =
    r.status !== 200
      ? `GET /api/downloads answered ${r.status}`
      : r.received !== r.rows || r.rows !== ledger.queries
        ? `received ${r.received} rows, prepareExport counted ${r.rows}, the ledger holds ${ledger.queries}`
        : undefined;
  const wrong = failure ? { failure } : {};
  return [
    {
      name: names.peak,
      unit: 'MB',
      value: r.peakMb,
      target: { on: 'value', below: 300 },
      note: `VmHWM of the serve process over its life; VmRSS sampled every ${SAMPLE_MS} ms: ${r.beforeMb.toFixed(0)} MB before the download, at most ${r.sampledMaxMb.toFixed(0)} MB during`,
      ...wrong,
    },
    {
      name: names.growth,
      unit: 'MB',
      value: r.peakMb - r.idlePeakMb,
      // Flat memory: the rows stream from SQLite to the socket, nothing accumulates.
      target: { on: 'value', below: 100 },
      note: `over idle serve's VmHWM (start-up + ledger.summary of the range): ${r.idlePeakMb.toFixed(0)} MB`,
      ...wrong,
    },
    {
      name: names.time,
      unit: 's',
      value: r.ms / 1000,
      // The bar for a 1M-row CSV export, here end to end through the browser-mode route.
      target: { on: 'value', below: 10 },
      note: `${r.received.toLocaleString('en-US')} rows received of ${r.rows.toLocaleString('en-US')} prepared, ${Math.round(r.bytes / MB)} MB, ${r.contentType}; GET /api/downloads/<id> read by a client on the same CPUs`,
      ...wrong,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { queries: { type: 'string', default: '1000000' }, months: { type: 'string', default: '18' }, seed: { type: 'string', default: '42' } } });
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const ledger = ensureBenchLedger({ queries: Number(values.queries), months: Number(values.months), seed: Number(values.seed), regenerate: false, log });
  console.log(formatTable((await runServeExportBench(ledger, log)).map(evaluate)));
}
