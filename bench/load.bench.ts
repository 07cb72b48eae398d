// Load: `cascadeflow serve` as a real process answering many concurrent streaming chats (cascade.run
// with its token events on /api/events) against the fake Ollama and OpenAI servers. Reports errors,
// ledger rows lost (answered queries missing from the database), throughput, latency and how much
// of it is ours (the same streaming request sent straight to the fake, at the same concurrency),
// and the server's peak resident memory (VmHWM).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOllama, startFakeOpenAI } from '../test/fakes/index.ts';
import { callApi, peakRssBytes, startServe } from '../test/node/hardening/serve-process.ts';
import type { BenchRow } from './report.ts';
import { percentile } from './stats.ts';
import { writeFakeTiersConfig } from './fake-tiers-config.ts';

export interface LoadBenchOptions {
  /** Requests in flight at once (default 200). */
  concurrency?: number;
  /** Total requests (default: one per concurrent slot). */
  requests?: number;
  /** Pause between the fake's chunks, ms (default 5): the "model" streams for a while. */
  chunkDelayMs?: number;
  log?: (line: string) => void;
}

export interface LoadBenchResult {
  concurrency: number;
  requests: number;
  /** Requests that did not come back as an ok Result with status ok. */
  errors: number;
  /** Up to five error messages, for the report. */
  errorSamples: string[];
  /** Answered queries missing from the ledger, plus calls of answered queries missing (must be 0). */
  lostRows: number;
  queriesRecorded: number;
  callsRecorded: number;
  /** Token events received on /api/events while the load ran. */
  tokenEvents: number;
  durationMs: number;
  throughputPerS: number;
  /** End to end through serve: POST cascade.run until its Result. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** The fake's own time for the same streamed answer, at the same concurrency. */
  fakeP50Ms: number;
  fakeP99Ms: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  /** Peak resident memory of the serve process (VmHWM); null where /proc is not available. */
  peakRssMb: number | null;
}

const ANSWER = 'The capital of France is Paris, a city on the Seine known for its museums, cafes and the Eiffel Tower built in 1889.';
const PROMPT = 'What is the capital of France?';
const TOKEN = 'load-bench-token';

export async function runLoadBench(opts: LoadBenchOptions = {}): Promise<LoadBenchResult> {
  const concurrency = opts.concurrency ?? 200;
  const requests = opts.requests ?? concurrency;
  const log = opts.log ?? (() => {});
  const [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'] })]);
  ollama.setDefault({ text: ANSWER, delayMs: opts.chunkDelayMs ?? 5, usage: { input: 14, output: 24 } });
  openai.setDefault({ text: ANSWER, delayMs: opts.chunkDelayMs ?? 5, usage: { input: 14, output: 24 } });
  const dir = mkdtempSync(join(tmpdir(), 'cf-load-'));
  const config = writeFakeTiersConfig(dir, { ollama, openai }, 'CF_LOAD_KEY');
  const dbPath = join(dir, 'load.db');

  try {
    log(`  fake alone: ${requests} streamed answers, ${concurrency} at a time`);
    const fake = await pool(requests, concurrency, async () => {
      const res = await fetch(`${ollama.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'llama3.2:3b', messages: [{ role: 'user', content: PROMPT }], stream: true }) });
      await res.text();
      if (!res.ok) throw new Error(`fake answered ${res.status}`);
    });

    const serve = await startServe({ args: ['--config', config, '--db', dbPath], env: { HOME: dir, CASCADEFLOW_DATA_DIR: dir, CF_LOAD_KEY: 'sk-load' }, token: TOKEN });
    let tokenEvents = 0;
    const sse = new AbortController();
    const stream = await fetch(`${serve.url}api/events?token=${TOKEN}`, { signal: sse.signal });
    const reading = (async () => {
      const reader = stream.body?.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          const frames = buffer.split('\n\n');
          buffer = frames.pop() ?? '';
          for (const f of frames) if (f.includes('"type":"token"')) tokenEvents++;
        }
      } catch {
        // aborted when the load is over
      }
    })();

    const errorSamples: string[] = [];
    let errors = 0;
    /** queryId -> number of attempts the Result reported. */
    const answered = new Map<string, number>();
    let viaServe: { latencies: number[]; durationMs: number };
    let peak: number | null;
    try {
      log(`  serve: ${requests} cascade.run requests, ${concurrency} at a time`);
      let n = 0;
      viaServe = await pool(requests, concurrency, async () => {
        try {
          const { result } = await callApi(serve, 'cascade.run', { prompt: `${PROMPT} (#${n++})` });
          const value = result.value as { status?: string; queryId?: string; attempts?: unknown[] } | undefined;
          if (!result.ok || value?.status !== 'ok' || !value.queryId) throw new Error(result.error?.message ?? `status ${value?.status}`);
          answered.set(value.queryId, value.attempts?.length ?? 0);
        } catch (e) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(e instanceof Error ? e.message : String(e));
        }
      });
      peak = peakRssBytes(serve.pid);
    } finally {
      sse.abort();
      await reading;
      await serve.stop('SIGTERM');
    }

    const db = new Database(dbPath, { readonly: true });
    let queriesRecorded: number;
    let callsRecorded: number;
    let lostRows = 0;
    try {
      queriesRecorded = (db.prepare('SELECT COUNT(*) AS n FROM queries').get() as { n: number }).n;
      callsRecorded = (db.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n;
      const has = db.prepare('SELECT 1 FROM queries WHERE id = ?');
      const callsOf = db.prepare('SELECT COUNT(*) AS n FROM calls WHERE query_id = ?');
      for (const [id, attempts] of answered) {
        if (has.get(id) === undefined) lostRows++;
        lostRows += Math.max(0, attempts - (callsOf.get(id) as { n: number }).n);
      }
    } finally {
      db.close();
    }

    const p50 = percentile(viaServe.latencies, 50);
    const p99 = percentile(viaServe.latencies, 99);
    const f50 = percentile(fake.latencies, 50);
    const f99 = percentile(fake.latencies, 99);
    return {
      concurrency,
      requests,
      errors,
      errorSamples,
      lostRows,
      queriesRecorded,
      callsRecorded,
      tokenEvents,
      durationMs: viaServe.durationMs,
      throughputPerS: (requests - errors) / (viaServe.durationMs / 1000),
      latencyP50Ms: p50,
      latencyP99Ms: p99,
      fakeP50Ms: f50,
      fakeP99Ms: f99,
      overheadP50Ms: p50 - f50,
      overheadP99Ms: p99 - f99,
      peakRssMb: peak === null ? null : peak / 1024 / 1024,
    };
  } finally {
    await Promise.all([ollama.close(), openai.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `total` jobs with at most `width` in flight; returns each job's latency. */
async function pool(total: number, width: number, job: () => Promise<void>): Promise<{ latencies: number[]; durationMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(width, total) }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        await job();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, durationMs: performance.now() - started };
}

/** The benchmark's figures as rows of `npm run bench`'s table. */
export function loadBenchRows(r: LoadBenchResult): BenchRow[] {
  const failure = r.errors > 0 ? `${r.errors} of ${r.requests} requests failed: ${r.errorSamples.join(' | ')}` : r.lostRows > 0 ? `${r.lostRows} answered queries missing from the ledger` : undefined;
  const note = `${r.requests} cascade.run, ${r.concurrency} concurrent, ${r.queriesRecorded} queries / ${r.callsRecorded} calls recorded, ${r.tokenEvents} token events`;
  return [
    { name: `serve under load: throughput (${r.concurrency} concurrent)`, unit: '/s', value: r.throughputPerS, note, ...(failure ? { failure } : {}) },
    { name: 'serve under load: latency overhead vs the fake alone', unit: 'ms', value: r.overheadP50Ms, p99: r.overheadP99Ms, note: `end to end p50 ${r.latencyP50Ms.toFixed(0)} ms / p99 ${r.latencyP99Ms.toFixed(0)} ms; fake alone p50 ${r.fakeP50Ms.toFixed(0)} ms / p99 ${r.fakeP99Ms.toFixed(0)} ms` },
    r.peakRssMb === null ? { name: 'serve under load: peak RSS', unit: 'MB', value: null, unavailable: 'no /proc/<pid>/status on this system' } : { name: 'serve under load: peak RSS', unit: 'MB', value: r.peakRssMb, target: { on: 'value', below: 512 } },
  ];
}
