// The prepared-download registry on its own: ids, expiry on the injected clock, the bound on
// pending downloads, and exports of an in-memory database (no file for a second connection).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedgerDownloads, DOWNLOAD_TTL_MS, exportFilename, MAX_PENDING_DOWNLOADS } from '../../../electron/node/ledger-downloads.ts';
import { exportLedgerCsv } from '../../../electron/node/sqlite/ledger-export.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { DAY_MS, makeQuery, T0 } from './ledger-fixtures.ts';

const RANGE = { from: T0, to: T0 + DAY_MS };
const opened: Database[] = [];
const dirs: string[] = [];

function setup(path = ':memory:', rows = 3) {
  const db = openDatabase(path);
  opened.push(db);
  const store = createLedgerStore(db);
  for (let i = 0; i < rows; i++) store.recordQuery(makeQuery({ id: `q-${i}`, runId: `run-${i}`, createdAt: T0 + i, answer: 'x'.repeat(50_000) }));
  let now = T0;
  const clock = { now: () => now, monotonic: () => now };
  return { db, downloads: createLedgerDownloads({ db, clock }), advance: (ms: number) => void (now += ms) };
}

function readAll(stream: { next(): string | null }): string {
  let text = '';
  for (let c = stream.next(); c !== null; c = stream.next()) text += c;
  return text;
}

function expectedCsv(db: Database): string {
  const parts: string[] = [];
  exportLedgerCsv(db, RANGE, (c) => parts.push(c));
  return parts.join('');
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('prepared ledger downloads', () => {
  it('gives each export a fresh 128 bit id with its filename and row count', () => {
    const { downloads } = setup();
    const a = downloads.prepare(RANGE, 'csv');
    const b = downloads.prepare(RANGE, 'json');
    expect(a).toMatchObject({ filename: 'cascadeflow-ledger-2025-03-10.csv', mimeType: 'text/csv', rows: 3 });
    expect(b).toMatchObject({ filename: 'cascadeflow-ledger-2025-03-10.json', mimeType: 'application/json', rows: 3 });
    expect(Buffer.from(a.downloadId, 'base64url')).toHaveLength(16);
    expect(a.downloadId).not.toBe(b.downloadId);
    expect(exportFilename({ from: 0, to: 8.64e15 }, 'csv')).toBe('cascadeflow-ledger-1970-01-01-to-275760-09-12.csv');
  });

  it("names the file by the days it covers, the last one included, in the user's days when given", () => {
    // Two UTC days, [Mar 10, Mar 12): the range ends at the midnight after its last day.
    expect(exportFilename({ from: T0, to: T0 + 2 * DAY_MS }, 'csv')).toBe('cascadeflow-ledger-2025-03-10-to-2025-03-11.csv');
    // A user at UTC+2 picked Mar 10 to Mar 11: their midnights are 22:00 UTC the day before.
    const local = { from: T0 - 2 * 3_600_000, to: T0 + 2 * DAY_MS - 2 * 3_600_000 };
    expect(exportFilename(local, 'csv')).toBe('cascadeflow-ledger-2025-03-09-to-2025-03-11.csv');
    const { downloads } = setup();
    expect(downloads.prepare(local, 'json', { first: '2025-03-10', last: '2025-03-11' }).filename).toBe('cascadeflow-ledger-2025-03-10-to-2025-03-11.json');
  });

  it('hands out a download once and not after it expired', () => {
    const { downloads, advance } = setup();
    const once = downloads.prepare(RANGE, 'csv');
    const late = downloads.prepare(RANGE, 'csv');
    expect(downloads.take(once.downloadId)).toMatchObject({ range: RANGE, format: 'csv' });
    expect(downloads.take(once.downloadId)).toBeNull();
    advance(DOWNLOAD_TTL_MS);
    expect(downloads.take(late.downloadId)).toBeNull();
    expect(downloads.take('not-an-id')).toBeNull();
  });

  it('keeps a bounded number pending forgetting the oldest', () => {
    const { downloads } = setup();
    const ids = Array.from({ length: MAX_PENDING_DOWNLOADS + 1 }, () => downloads.prepare(RANGE, 'csv').downloadId);
    expect(downloads.take(ids[0] ?? '')).toBeNull();
    for (const id of ids.slice(1)) expect(downloads.take(id)).not.toBeNull();
  });

  it('exports an in memory database at once on its own connection', () => {
    const { db, downloads } = setup(':memory:');
    const pending = downloads.take(downloads.prepare(RANGE, 'csv').downloadId);
    if (pending === null) throw new Error('not pending');
    const stream = downloads.open(pending);
    // The rows were read before open() returned: the connection is free for other statements.
    createLedgerStore(db).recordQuery(makeQuery({ id: 'q-after', runId: 'run-after', createdAt: T0 + 10 }));
    const text = readAll(stream);
    expect(stream.rows).toBe(3);
    expect(text).not.toContain('q-after');
    expect(text.split('\r\nq-')).toHaveLength(4);
    expect(downloads.openStreams()).toBe(0);
  });

  it('reads a file database on a read only connection of its own until closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-downloads-'));
    dirs.push(dir);
    const { db, downloads } = setup(join(dir, 'ledger.db'));
    const expected = expectedCsv(db);
    const pending = downloads.take(downloads.prepare(RANGE, 'csv').downloadId);
    if (pending === null) throw new Error('not pending');
    const stream = downloads.open(pending);
    const first = stream.next() ?? '';
    expect(downloads.openStreams()).toBe(1);
    // The app's connection writes while the export's iterator is open on the other one.
    createLedgerStore(db).recordQuery(makeQuery({ id: 'q-after', runId: 'run-after', createdAt: T0 + 10 }));
    expect(first + readAll(stream)).toBe(expected);
    expect(downloads.openStreams()).toBe(0);

    const again = downloads.open(pending);
    again.next();
    downloads.close();
    expect(downloads.openStreams()).toBe(0);
    expect(() => again.next()).toThrow(/closed before its last row/);
  });
});
