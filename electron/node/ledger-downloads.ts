// A ledger export is too large for one API result (660 MB at 1M rows), so `ledger.prepareExport`
// only registers a download and answers with its id; each transport then streams the rows: GET
// /api/downloads/<id> in browser mode, the `api:download` IPC channel on the desktop. The id is
// random (128 bits), single use and short-lived because in browser mode it is the download
// route's only credential: a plain <a download> click cannot send the token header.
import { randomBytes } from 'node:crypto';
import type { PreparedDownload } from '../../shared/api/contract.ts';
import type { TimeRange } from '../../shared/core/ledger/types.ts';
import type { Clock } from '../../shared/core/ports.ts';
import { openExportStream, type ExportStream } from './sqlite/export-stream.ts';
import type { Database } from './sqlite/open-database.ts';

export const DOWNLOAD_TTL_MS = 5 * 60_000;
/** Prepared but not yet fetched; beyond this the oldest is forgotten. */
export const MAX_PENDING_DOWNLOADS = 32;
export const DOWNLOAD_GONE_MESSAGE = 'This download is unknown, already used or expired (an export stays ready for 5 minutes): export again.';

export type ExportFormat = 'csv' | 'json';

export interface PendingDownload {
  downloadId: string;
  filename: string;
  mimeType: string;
  range: TimeRange;
  format: ExportFormat;
  expiresAt: number;
}

/** What a transport needs: claim a prepared download, then stream its rows. */
export interface DownloadSource {
  /** The download with this id, removed from the pending ones; null when unknown, used or expired. */
  take(downloadId: string): PendingDownload | null;
  /** Opens the rows of a taken download; the caller must close() the stream. */
  open(download: PendingDownload): ExportStream;
  /** Exports currently streaming (each holds a read connection until it ends or is closed). */
  openStreams(): number;
}

export interface LedgerDownloads extends DownloadSource {
  prepare(range: TimeRange, format: ExportFormat, days?: RangeDays): PreparedDownload;
  /** Closes every streaming export and forgets the pending ones. */
  close(): void;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The calendar days a range covers, first and last inclusive, as yyyy-mm-dd. */
export interface RangeDays {
  first: string;
  last: string;
}

/**
 * "cascadeflow-ledger-2026-11-01-to-2026-11-15.csv": the days the export covers, the last one
 * included. The app passes the user's local days (it knows the time zone); otherwise they are
 * read in UTC from the range's [from, to).
 */
export function exportFilename(range: TimeRange, format: ExportFormat, days?: RangeDays): string {
  const { first, last } = days ?? { first: utcDay(range.from), last: utcDay(range.to - 1) };
  return `cascadeflow-ledger-${first === last ? first : `${first}-to-${last}`}.${format}`;
}

function utcDay(ms: number): string {
  // Not toISOString().slice(0, 10): years past 9999 are written with a sign and six digits.
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function createLedgerDownloads(opts: { db: Database; clock: Clock }): LedgerDownloads {
  const pending = new Map<string, PendingDownload>();
  const streams = new Set<ExportStream>();
  const countRows = opts.db.prepare<TimeRange, { n: number }>('SELECT COUNT(*) AS n FROM queries WHERE created_at >= @from AND created_at < @to');

  const dropExpired = (now: number): void => {
    for (const [id, d] of pending) if (d.expiresAt <= now) pending.delete(id);
  };

  return {
    prepare(range, format, days) {
      const now = opts.clock.now();
      dropExpired(now);
      // Map order is insertion order: the first key is the oldest.
      while (pending.size >= MAX_PENDING_DOWNLOADS) pending.delete(pending.keys().next().value ?? '');
      const downloadId = randomBytes(16).toString('base64url');
      const download: PendingDownload = {
        downloadId,
        filename: exportFilename(range, format, days),
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        range: { from: range.from, to: range.to },
        format,
        expiresAt: now + DOWNLOAD_TTL_MS,
      };
      pending.set(downloadId, download);
      const rows = countRows.get({ from: range.from, to: range.to })?.n ?? 0;
      return { downloadId, filename: download.filename, mimeType: download.mimeType, rows };
    },
    take(downloadId) {
      if (!ID_PATTERN.test(downloadId)) return null;
      const download = pending.get(downloadId);
      if (download === undefined) return null;
      pending.delete(downloadId);
      return download.expiresAt > opts.clock.now() ? download : null;
    },
    open(download) {
      const stream = openExportStream(opts.db, download.range, download.format, () => streams.delete(stream));
      streams.add(stream);
      return stream;
    },
    openStreams: () => streams.size,
    close() {
      pending.clear();
      for (const s of [...streams]) s.close();
    },
  };
}
