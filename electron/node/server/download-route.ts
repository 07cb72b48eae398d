// GET /api/downloads/<downloadId>: a prepared ledger export, streamed. The page starts it with a
// plain <a download> click, which cannot send the token header, so the unguessable single-use id
// (obtained through an authenticated `ledger.prepareExport`) is the credential here; Host and
// Origin are checked as for every /api route. Rows are read a chunk at a time, only as fast as
// the client takes them, with a turn of the event loop between chunks so other requests are
// answered during a long export.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DOWNLOAD_GONE_MESSAGE, type DownloadSource } from '../ledger-downloads.ts';
import { sendError } from './http-util.ts';
import { BASE_SECURITY_HEADERS } from './security-headers.ts';

export const DOWNLOADS_PREFIX = '/api/downloads/';

const CONTENT_TYPES: Record<string, string> = { 'text/csv': 'text/csv; charset=utf-8', 'application/json': 'application/json; charset=utf-8' };

/** RFC 6266: a plain ASCII fallback plus the exact name, percent-encoded. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Resolves when the response can take more, or is gone. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function serveDownload(req: IncomingMessage, res: ServerResponse, downloadId: string, downloads: DownloadSource): Promise<void> {
  if (req.method !== 'GET') return sendError(res, 405, 'invalid_input', 'Use GET for /api/downloads/<id>.', { Allow: 'GET' });
  // A navigation carries no Origin; the browser still says where it came from.
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return sendError(res, 403, 'unauthorized', 'Cross-origin requests are refused.');
  const pending = downloads.take(downloadId);
  if (pending === null) return sendError(res, 404, 'not_found', DOWNLOAD_GONE_MESSAGE);
  const stream = downloads.open(pending);
  let gone = false;
  res.once('close', () => (gone = true));
  try {
    res.writeHead(200, {
      ...BASE_SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[pending.mimeType] ?? pending.mimeType,
      'Content-Disposition': contentDisposition(pending.filename),
      'Cache-Control': 'no-store',
    });
    for (;;) {
      // The client went away (closed the tab, cancelled the download): stop reading rows.
      if (gone || res.destroyed) return;
      const chunk = stream.next();
      if (chunk === null) break;
      if (res.write(chunk)) await nextTurn();
      else await writable(res);
    }
    res.end();
  } finally {
    stream.close();
  }
}
