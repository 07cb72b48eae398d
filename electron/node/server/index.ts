// Browser mode: the same typed API as the Electron IPC transport, over node:http on
// loopback, plus the built renderer. See request-guard.ts for why the checks are needed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Backend } from '../backend-types.ts';
import { DEFAULT_MAX_BODY_BYTES, handleApiCall } from './api-routes.ts';
import { DOWNLOADS_PREFIX, serveDownload } from './download-route.ts';
import { KEEP_ALIVE_MS, openEventStream } from './event-stream.ts';
import { sendError, sendText } from './http-util.ts';
import { allowedHosts, createToken, headerToken, isAllowedHost, isAllowedOrigin, tokensMatch } from './request-guard.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_PORT = 5199;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions {
  backend: Pick<Backend, 'dispatch' | 'events' | 'downloads'>;
  /** Default 5199; 0 picks a free port. */
  port?: number;
  host?: string;
  rendererDir: string;
  /** Default: a fresh random token per launch. */
  token?: string;
  maxBodyBytes?: number;
  /** Interval of SSE keep-alive comments; default 15 s. */
  keepAliveMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The address actually bound, e.g. 127.0.0.1. */
  address: string;
  token: string;
  close(): Promise<void>;
}

export function formatServeBanner(url: string): string {
  return `CascadeFlow is running at ${url} (browser mode). Open it in your browser; press Ctrl+C to stop.`;
}

/** The Prometheus endpoint's address, printed under the banner (its port may have been 0). */
export function formatMetricsLine(url: string): string {
  return `Prometheus metrics: ${url}`;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? createToken();
  const host = opts.host ?? DEFAULT_HOST;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  // Known only after listen() when port 0 is asked for.
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req, hosts)) return sendText(res, 403, 'Forbidden host');
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));

    if (path === '/healthz') return sendText(res, 200, 'ok', req.method === 'HEAD');
    if (path === '/api' || path.startsWith('/api/')) {
      if (!isAllowedOrigin(req)) return sendError(res, 403, 'unauthorized', 'Cross-origin requests are refused.');
      // A download's single-use id is its credential: see download-route.ts.
      if (path.startsWith(DOWNLOADS_PREFIX)) return serveDownload(req, res, path.slice(DOWNLOADS_PREFIX.length), opts.backend.downloads);
      const isEvents = path === '/api/events';
      // EventSource cannot set headers, so the event stream alone also takes ?token=.
      const given = headerToken(req) ?? (isEvents ? (query.get('token') ?? undefined) : undefined);
      if (!tokensMatch(given, token)) return sendError(res, 401, 'unauthorized', 'Missing or wrong X-CascadeFlow-Token.');
      if (isEvents) {
        if (req.method !== 'GET') return sendError(res, 405, 'invalid_input', 'Use GET for /api/events.', { Allow: 'GET' });
        return openEventStream(req, res, opts.backend.events, streams, opts.keepAliveMs ?? KEEP_ALIVE_MS);
      }
      let method: string;
      try {
        method = decodeURIComponent(path.slice('/api/'.length));
      } catch {
        return sendError(res, 400, 'invalid_input', 'Bad method name in the path.');
      }
      return handleApiCall(req, res, method, opts.backend.dispatch, maxBodyBytes);
    }
    return serveStatic(req, res, opts.rendererDir, path, token);
  }

  const { port, address } = await listen(server, opts.port ?? DEFAULT_PORT, host);
  hosts = allowedHosts(port);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    address,
    token,
    close: () => closeServer(server, streams),
  };
}

function listen(server: Server, port: number, host: string): Promise<{ port: number; address: string }> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new Error(`Port ${port} on ${host} is already in use: stop the other process or pass another --port.`, { cause: e }));
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? { port: address.port, address: address.address } : { port, address: host });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server, streams: Set<ServerResponse>): Promise<void> {
  return new Promise((resolve, reject) => {
    // Event streams never end on their own; end them so close() does not wait forever.
    for (const res of streams) res.end();
    streams.clear();
    server.close((e) => (e ? reject(e) : resolve()));
    server.closeAllConnections();
  });
}
