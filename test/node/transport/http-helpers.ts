// Test-side HTTP helpers: an SSE reader over fetch (what the renderer's EventSource does) and
// raw node:http requests for headers fetch will not let a caller set (Host) or paths fetch
// would normalise (/../).
import { request } from 'node:http';
import type { ReceivedEvent } from './contract-suite.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawRequest(opts: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in pieces without Content-Length. */
  chunks?: Buffer[];
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: opts.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before the whole body is written: only a
    // failure before any response counts.
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

/** Reads `GET /api/events`; resolves once the server's first comment arrived. */
export async function openSse(url: string, headers: Record<string, string>, onEvent: (e: ReceivedEvent) => void): Promise<{ close(): void; status: number }> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  if (!res.ok || res.body === null) {
    controller.abort();
    return { status: res.status, close: () => {} };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let closed = false;

  const drain = () => {
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name: string | undefined;
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (name !== undefined && !closed) onEvent({ name, payload: JSON.parse(data.join('\n')) });
    }
  };

  const first = await reader.read();
  if (!first.done) buffer += decoder.decode(first.value, { stream: true });
  drain();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        drain();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    status: res.status,
    close() {
      closed = true;
      controller.abort();
    },
  };
}
