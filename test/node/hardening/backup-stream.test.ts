// The streamed backup export (`cascadeflow backup export`): the same bytes as backup.export,
// written chunk by chunk to a file that appears whole or not at all, or to a stream no faster
// than it drains; and the refusals of documents too large to hold in one string.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupChunks, type BackupChunks } from '../../../electron/node/backup/backup-chunks.ts';
import { partialPathOf, writeBackupFile, writeBackupStream } from '../../../electron/node/backup/backup-output.ts';
import { estimateBackupSize } from '../../../electron/node/backup/export-size.ts';
import { backupHandlers, type BackupServices } from '../../../electron/node/backup/handlers.ts';
import { readBackupDocument } from '../../../electron/node/backup/import-file.ts';
import { UsageError } from '../../../electron/node/cli/args.ts';
import { createEventBus } from '../../../electron/node/events.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import type { BackupCounts, BackupExport } from '../../../shared/api/contract.ts';
import { ApiFailure } from '../../../shared/api/result.ts';
import { DEFAULT_CONFIG } from '../../../shared/core/config/schema.ts';
import { startFakes, twoTierConfig, type Fakes } from '../helpers/harness.ts';
import { populate, writeBulk } from './backup-fixtures.ts';
import { manualClock, openHardBackend, type HardBackend } from './helpers.ts';

let f: Fakes;
let dir: string;
const open: HardBackend[] = [];
const readers: Database.Database[] = [];
beforeAll(async () => {
  f = await startFakes();
  dir = mkdtempSync(join(tmpdir(), 'cf-backup-stream-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const r of readers.splice(0)) r.close();
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function backend(opts: Parameters<typeof openHardBackend>[1] = {}): Promise<HardBackend> {
  const b = await openHardBackend(twoTierConfig(f), opts);
  open.push(b);
  return b;
}

/** A read-only connection on the backend's file, as the CLI opens one. */
function reader(b: HardBackend): Database.Database {
  const db = new Database(b.dbPath, { readonly: true, fileMustExist: true });
  readers.push(db);
  return db;
}

async function apiExport(b: HardBackend): Promise<BackupExport> {
  const r = await b.backend.call('backup.export', {});
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The streamed chunks of `b`'s database, stamped like the API's document so the bytes compare. */
function streamOf(b: HardBackend, api: BackupExport): BackupChunks {
  const { exportedAt } = JSON.parse(api.content) as { exportedAt: number };
  return backupChunks(reader(b), { now: exportedAt, version: b.backend.info.version });
}

function drain(chunks: BackupChunks): { text: string; chunks: string[]; counts: BackupCounts } {
  const all: string[] = [];
  for (;;) {
    const step = chunks.next();
    if (step.done) return { text: all.join(''), chunks: all, counts: step.value };
    all.push(step.value);
  }
}

async function bulkBackend(queries: number): Promise<{ b: HardBackend; api: BackupExport }> {
  const b = await backend();
  writeBulk(b.dbPath, queries);
  return { b, api: await apiExport(b) };
}

function partialsIn(folder: string): string[] {
  return readdirSync(folder).filter((n) => n.endsWith('.partial'));
}

describe('streamed backup export', () => {
  it('writes the same document as backup.export, byte for byte', async () => {
    const b = await backend({ config: undefined, random: { next: () => 0 } });
    await populate(b, f);
    const api = await apiExport(b);
    const streamed = drain(streamOf(b, api));
    expect(JSON.parse(streamed.text)).toEqual(JSON.parse(api.content));
    expect(streamed.text).toBe(api.content);
    expect(streamed.counts).toEqual(api.counts);
    expect(streamed.counts).toMatchObject({ settings: 1, conversations: 2, messages: 4, queries: 3, audits: 2 });
  });

  it('writes a database of many chunks with awkward text the same way', async () => {
    const { b, api } = await bulkBackend(1500);
    expect(api.counts).toEqual({ settings: 1, conversations: 75, messages: 3000, queries: 1500, calls: 3000, audits: 150 });
    const streamed = drain(streamOf(b, api));
    expect(streamed.chunks.length).toBeGreaterThan(20);
    // Chunks are about 64K characters: memory is bounded by a chunk and a row, not the database.
    expect(Math.max(...streamed.chunks.map((c) => c.length))).toBeLessThan(64 * 1024 + 4096);
    expect(JSON.parse(streamed.text)).toEqual(JSON.parse(api.content));
    expect(streamed.text).toBe(api.content);
    expect(streamed.counts).toEqual(api.counts);
  });

  it('writes an empty database the same way', async () => {
    const b = await backend();
    const api = await apiExport(b);
    expect(drain(streamOf(b, api)).text).toBe(api.content);
  });

  it('reads one snapshot and ends its read transaction, also when stopped early', async () => {
    const { b, api } = await bulkBackend(300);
    const db = reader(b);
    const chunks = backupChunks(db, { now: 1, version: 'x' });
    const first = chunks.next();
    expect(first.done).toBe(false);
    expect(db.inTransaction).toBe(true);
    // Rows deleted after the first chunk are still in this export: it reads one snapshot.
    const more = new Database(b.dbPath);
    more.prepare('DELETE FROM audits').run();
    more.close();
    const rest = drain(chunks);
    expect(rest.counts.audits).toBe(api.counts.audits);
    expect(db.inTransaction).toBe(false);

    const stopped = backupChunks(db, { now: 1, version: 'x' });
    stopped.next();
    expect(db.inTransaction).toBe(true);
    stopped.return({ settings: 0, conversations: 0, messages: 0, queries: 0, calls: 0, audits: 0 });
    expect(db.inTransaction).toBe(false);
  });
});

describe('backup file output', () => {
  it('writes the file readable by the user only, replacing an older one, with no temporary file left', async () => {
    const { b, api } = await bulkBackend(200);
    const folder = mkdtempSync(join(dir, 'out-'));
    const file = join(folder, 'backup.json');
    writeFileSync(file, 'an older backup');
    chmodSync(file, 0o644);
    const counts = writeBackupFile(file, streamOf(b, api));
    expect(counts).toEqual(api.counts);
    expect(readFileSync(file, 'utf8')).toBe(api.content);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(partialsIn(folder)).toEqual([]);
  });

  it('leaves no file and the older backup untouched when a write fails', async () => {
    const { b, api } = await bulkBackend(600);
    const folder = mkdtempSync(join(dir, 'fail-'));
    const file = join(folder, 'backup.json');
    writeFileSync(file, 'an older backup');
    const db = reader(b);
    const { exportedAt } = JSON.parse(api.content) as { exportedAt: number };
    let writes = 0;
    let target = file;
    const failing = {
      write(fd: number, data: Buffer, offset: number): number {
        if (++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        // The temporary file exists while the export runs, readable by the user only.
        expect(statSync(partialPathOf(target)).mode & 0o777).toBe(0o600);
        return data.length - offset;
      },
    };
    expect(() => writeBackupFile(file, backupChunks(db, { now: exportedAt, version: 'x' }), failing)).toThrow(/ENOSPC/);
    expect(writes).toBe(3);
    expect(partialsIn(folder)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('an older backup');
    expect(db.inTransaction).toBe(false);

    const fresh = join(folder, 'new.json');
    target = fresh;
    writes = 0;
    expect(() => writeBackupFile(fresh, backupChunks(db, { now: exportedAt, version: 'x' }), failing)).toThrow(/ENOSPC/);
    expect(existsSync(fresh)).toBe(false);
    expect(partialsIn(folder)).toEqual([]);
  });

  it('leaves no file when reading the database fails half way', async () => {
    const { b } = await bulkBackend(600);
    // A row this build cannot read, in the middle of the ledger.
    const w = new Database(b.dbPath);
    w.prepare("UPDATE queries SET complexity = 'galactic' WHERE id = (SELECT id FROM queries ORDER BY created_at, id LIMIT 1 OFFSET 400)").run();
    w.close();
    const folder = mkdtempSync(join(dir, 'bad-row-'));
    const file = join(folder, 'backup.json');
    const db = reader(b);
    expect(() => writeBackupFile(file, backupChunks(db, { now: 1, version: 'x' }))).toThrow(/unknown complexity "galactic"/);
    expect(readdirSync(folder)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});

describe('backup stream output', () => {
  /** A slow reader: each write completes a tick later; records how much was ever waiting. */
  function slowSink(highWaterMark: number) {
    const parts: Buffer[] = [];
    let maxBuffered = 0;
    let fullTimes = 0;
    const sink = new Writable({
      highWaterMark,
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        setImmediate(done);
      },
    });
    const write = sink.write.bind(sink);
    sink.write = ((chunk: string) => {
      const more = write(chunk);
      maxBuffered = Math.max(maxBuffered, sink.writableLength);
      if (!more) fullTimes++;
      return more;
    }) as typeof sink.write;
    return { sink, text: () => Buffer.concat(parts).toString('utf8'), maxBuffered: () => maxBuffered, fullTimes: () => fullTimes };
  }

  it('writes no faster than the stream drains', async () => {
    const { b, api } = await bulkBackend(1500);
    const out = slowSink(16 * 1024);
    const counts = await writeBackupStream(out.sink, streamOf(b, api));
    await new Promise<void>((resolve) => out.sink.end(resolve));
    expect(counts).toEqual(api.counts);
    expect(out.text()).toBe(api.content);
    expect(api.content.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(out.fullTimes()).toBeGreaterThan(10);
    // Without waiting for 'drain' the whole document would pile up in the stream's buffer.
    expect(out.maxBuffered()).toBeLessThan(16 * 1024 + 3 * (64 * 1024 + 4096));
  });

  it('stops at the stream error and ends the read transaction', async () => {
    const { b, api } = await bulkBackend(600);
    let writes = 0;
    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        setImmediate(() => done(++writes === 2 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null));
      },
    });
    const db = reader(b);
    const { exportedAt } = JSON.parse(api.content) as { exportedAt: number };
    await expect(writeBackupStream(broken, backupChunks(db, { now: exportedAt, version: 'x' }))).rejects.toThrow(/EPIPE/);
    expect(db.inTransaction).toBe(false);
  });
});

describe('too large to hold in memory', () => {
  function services(dbPath: string): BackupServices {
    const db = openDatabase(dbPath);
    readers.push(db);
    return {
      db,
      clock: manualClock(),
      info: { version: 'test', mode: 'test', dataDir: dir, dbPath, configSource: 'default' },
      config: { get: () => DEFAULT_CONFIG, source: () => 'default', revision: () => 'none', reload: () => false, set: () => undefined, update: (change) => change(DEFAULT_CONFIG) },
      events: createEventBus(),
    };
  }

  it('backup.export refuses a document over the limit and names the streamed export and backup create', async () => {
    const { b, api } = await bulkBackend(300);
    const s = services(b.dbPath);
    const limit = Math.floor(api.content.length / 2);
    let refusal: unknown;
    try {
      await backupHandlers(s, { maxExportChars: limit })['backup.export']({});
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(ApiFailure);
    const failure = refusal as ApiFailure;
    expect(failure.code).toBe('conflict');
    expect(failure.message).toContain('cascadeflow backup export -o FILE');
    expect(failure.message).toContain('cascadeflow backup create');
    expect(failure.message).toMatch(/300 queries/);
    expect(failure.details).toMatchObject({ cause: 'document_too_large', maxChars: limit, rows: { queries: 300, calls: 600 } });
    expect(failure.details?.['estimatedChars']).toBeGreaterThan(limit);

    // Under the limit the same database exports as before.
    const fits = await backupHandlers(s, { maxExportChars: 2 * api.content.length })['backup.export']({});
    expect(fits.counts).toEqual(api.counts);
    expect(JSON.parse(fits.content)).toMatchObject({ format: 'cascadeflow-backup', queries: expect.any(Array) });
  });

  it('estimates the document size closely enough to refuse before building it', async () => {
    const { b, api } = await bulkBackend(1500);
    const size = estimateBackupSize(reader(b));
    expect(size.rows).toEqual(api.counts);
    // An estimate well below the truth would let a document through that cannot be built.
    expect(size.chars / api.content.length).toBeGreaterThan(0.8);
    expect(size.chars / api.content.length).toBeLessThan(1.6);
  });

  it('backup import refuses a file over the limit, naming its size and backup create', () => {
    const file = join(dir, 'big-backup.json');
    writeFileSync(file, JSON.stringify({ format: 'cascadeflow-backup', padding: 'x'.repeat(5000) }));
    expect(readBackupDocument(file, 10_000)).toMatchObject({ format: 'cascadeflow-backup' });
    let refusal: unknown;
    try {
      readBackupDocument(file, 4096);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(UsageError);
    const message = (refusal as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('4.9 KB');
    expect(message).toContain('4.0 KB');
    expect(message).toContain('cascadeflow backup create');
  });
});
