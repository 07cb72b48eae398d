// GET /api/downloads/<id> on a real server and a real SQLite file: the exact bytes of the export,
// single use, expiry, refusals, other requests answered while a large export streams to a slow
// client, and the export's read connection released when the client goes away.
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PreparedDownload } from '../../../shared/api/contract.ts';
import type { Result } from '../../../shared/api/result.ts';
import type { LedgerSummary } from '../../../shared/core/ledger/types.ts';
import { DOWNLOAD_TTL_MS } from '../../../electron/node/ledger-downloads.ts';
import { startServer, type RunningServer } from '../../../electron/node/server/index.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { makeQuery, T0 } from '../sqlite/ledger-fixtures.ts';
import { rawRequest } from '../transport/http-helpers.ts';
import { ALL_TIME, expectedExport, openSeededBackend, type SeededBackend } from './download-fixture.ts';

// Enough rows (about 28 MB of CSV) that a paused client cannot take the whole export into socket
// buffers: the server must really wait for it.
const QUERIES = 20_000;

let t: SeededBackend;
let server: RunningServer;

beforeAll(async () => {
  t = await openSeededBackend(QUERIES);
  server = await startServer({ backend: t.backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-renderer-')) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function call<T>(method: string, input: unknown): Promise<Result<T>> {
  const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cascadeflow-token': server.token }, body: JSON.stringify(input) });
  return (await res.json()) as Result<T>;
}

async function prepare(format: 'csv' | 'json', range = ALL_TIME): Promise<PreparedDownload> {
  const r = await call<PreparedDownload>('ledger.prepareExport', { range, format });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** One more query, written by a connection of its own as another process would. */
function recordLateQuery(dbPath: string): void {
  const db = openDatabase(dbPath);
  try {
    createLedgerStore(db).recordQuery(makeQuery({ id: 'q-late', runId: 'run-late', createdAt: T0 + QUERIES * 1000 }));
  } finally {
    db.close();
  }
}

const path = (p: PreparedDownload): string => `/api/downloads/${p.downloadId}`;

/** A GET whose body the test reads at its own pace. */
async function openDownload(p: PreparedDownload): Promise<{ res: IncomingMessage; abort(): void }> {
  const req = request({ host: '127.0.0.1', port: server.port, path: path(p), method: 'GET' });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  return { res, abort: () => req.destroy() };
}

describe('ledger downloads over HTTP', () => {
  it('streams the exact bytes of the export in many chunks and counts the rows up front', async () => {
    for (const format of ['csv', 'json'] as const) {
      const prepared = await prepare(format);
      expect(prepared).toMatchObject({ filename: `cascadeflow-ledger-1970-01-01-to-275760-09-12.${format}`, rows: QUERIES });
      expect(prepared.downloadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const { res } = await openDownload(prepared);
      const parts: Buffer[] = [];
      for await (const chunk of res) parts.push(chunk as Buffer);
      const expected = expectedExport(t.dbPath, ALL_TIME, format);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${prepared.filename}"; filename*=UTF-8''${prepared.filename}`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(parts.length).toBeGreaterThan(10);
      expect(Buffer.concat(parts).equals(Buffer.from(expected.text, 'utf8'))).toBe(true);
      expect(expected.rows).toBe(QUERIES);
    }
    expect(t.backend.downloads.openStreams()).toBe(0);
  });

  it('exports only the prepared range', async () => {
    const range = { from: ALL_TIME.from, to: T0 + 10 * 1000 };
    const prepared = await prepare('csv', range);
    expect(prepared.rows).toBe(10);
    const r = await rawRequest({ port: server.port, path: path(prepared) });
    expect(r.body).toBe(expectedExport(t.dbPath, range, 'csv').text);
    expect(r.body.split('\r\nq-').length).toBe(11);
  });

  it('names the file by the days the caller gives, and refuses days that are not yyyy-mm-dd', async () => {
    const named = await call<PreparedDownload>('ledger.prepareExport', { range: ALL_TIME, format: 'csv', days: { first: '2025-03-01', last: '2025-03-30' } });
    expect(named.ok && named.value.filename).toBe('cascadeflow-ledger-2025-03-01-to-2025-03-30.csv');
    const bad = await call<PreparedDownload>('ledger.prepareExport', { range: ALL_TIME, format: 'csv', days: { first: '../../etc', last: '2025-03-30' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('days.first');
  });

  it('serves an id once and answers a used unknown or malformed one with 404', async () => {
    const prepared = await prepare('csv', { from: 0, to: 1 });
    const first = await rawRequest({ port: server.port, path: path(prepared) });
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/^id,created_at,/);
    for (const p of [path(prepared), '/api/downloads/AAAAAAAAAAAAAAAAAAAAAA', '/api/downloads/', '/api/downloads/..%2F..%2Fetc%2Fpasswd']) {
      const again = await rawRequest({ port: server.port, path: p });
      expect(again.status, p).toBe(404);
      expect(JSON.parse(again.body)).toEqual({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/unknown, already used or expired/) } });
    }
  });

  it('expires an id after five minutes', async () => {
    const fresh = await prepare('csv', { from: 0, to: 1 });
    const stale = await prepare('csv', { from: 0, to: 1 });
    t.clock.advance(DOWNLOAD_TTL_MS - 1);
    expect((await rawRequest({ port: server.port, path: path(fresh) })).status).toBe(200);
    t.clock.advance(1);
    expect((await rawRequest({ port: server.port, path: path(stale) })).status).toBe(404);
  });

  it('refuses other sites and foreign hosts without using up the id', async () => {
    const prepared = await prepare('csv', { from: 0, to: 1 });
    const refusals: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: 'evil.example' },
      { Host: `attacker.example:${server.port}` },
    ];
    for (const headers of refusals) {
      const r = await rawRequest({ port: server.port, path: path(prepared), headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).not.toContain('id,created_at');
    }
    const post = await rawRequest({ port: server.port, path: path(prepared), method: 'POST', headers: { 'x-cascadeflow-token': server.token } });
    expect(post.status).toBe(405);
    // The page itself: same origin, no token header (a link click cannot send one).
    const own = await rawRequest({ port: server.port, path: path(prepared), headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.body).toMatch(/^id,created_at,/);
  });

  it('answers other calls and writes while a large export waits for a slow client', async () => {
    const expected = expectedExport(t.dbPath, ALL_TIME, 'csv').text;
    const prepared = await prepare('csv');
    const { res } = await openDownload(prepared);
    const parts: Buffer[] = [];
    let ended = false;
    res.on('end', () => (ended = true));
    let wanted = 1;
    let reached: (() => void) | null = null;
    res.on('data', (c: Buffer) => {
      parts.push(c);
      if (parts.length >= wanted) {
        res.pause();
        reached?.();
      }
    });
    const readUpTo = (n: number) =>
      new Promise<void>((resolve) => {
        wanted = n;
        reached = resolve;
        res.resume();
      });
    await readUpTo(1);

    // Between chunks of the export: reads on the app's connection, a write through the API, and
    // a query recorded by another connection after the export's snapshot was taken.
    let late = 0;
    for (let i = 0; i < 3; i++) {
      const summary = await call<LedgerSummary>('ledger.summary', { range: ALL_TIME });
      expect(summary).toMatchObject({ ok: true, value: { queries: QUERIES + late } });
      expect((await call('conversations.create', { title: `during export ${i}` })).ok).toBe(true);
      if (i === 0) {
        recordLateQuery(t.dbPath);
        late = 1;
      }
      expect(ended).toBe(false);
      expect(t.backend.downloads.openStreams()).toBe(1);
      await readUpTo(parts.length + 3);
    }

    wanted = Infinity;
    res.resume();
    if (!ended) await once(res, 'end');
    expect(Buffer.concat(parts).toString('utf8')).toBe(expected);
    expect(t.backend.downloads.openStreams()).toBe(0);
    expect((await prepare('csv')).rows).toBe(QUERIES + 1);
  });

  it('closes the read connection when the client goes away', async () => {
    const prepared = await prepare('csv');
    const { res, abort } = await openDownload(prepared);
    await new Promise<void>((resolve) =>
      res.once('data', () => {
        res.pause();
        resolve();
      }),
    );
    expect(t.backend.downloads.openStreams()).toBe(1);
    // A write after the export's snapshot: while the export reads, the WAL cannot be reset.
    expect((await call('conversations.create', { title: 'after the snapshot' })).ok).toBe(true);
    const checkpoint = () => {
      const db = new Database(t.dbPath, { timeout: 0 });
      try {
        return db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      } finally {
        db.close();
      }
    };
    expect(checkpoint()[0]?.busy).toBe(1);

    abort();
    await vi.waitFor(() => expect(t.backend.downloads.openStreams()).toBe(0), { timeout: 10_000 });
    expect(checkpoint()[0]?.busy).toBe(0);
    // The server goes on serving.
    expect((await call<LedgerSummary>('ledger.summary', { range: ALL_TIME })).ok).toBe(true);
  });
});
