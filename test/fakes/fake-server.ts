// The node:http plumbing the three fakes share: a server on 127.0.0.1 with a random port,
// request recording, paced writing of stream frames, and a close() that also ends hanging
// connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** True when the client went away before the fake finished its answer (abort, timeout). */
  closedEarly: boolean;
}

export interface FakeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  recorded: RecordedRequest;
  /** True once the client disconnected or the fake is closing. */
  gone(): boolean;
  /** Sleeps, waking early when the client disconnects or the fake closes. */
  pause(ms: number): Promise<void>;
}

export interface HttpFake {
  port: number;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Frame = { data: string; paced?: boolean } | { destroy: true };

export async function startHttpFake(handle: (x: FakeExchange) => Promise<void>, port = 0): Promise<HttpFake> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const wakers = new Set<() => void>();
  let closing = false;

  const server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        headers: flattenHeaders(req.headers),
        body: parseJson(rawBody),
        rawBody,
        closedEarly: false,
      };
      requests.push(recorded);
      let gone = false;
      res.on('close', () => {
        if (!res.writableFinished) recorded.closedEarly = true;
        gone = true;
        for (const w of wakers) w();
      });
      const x: FakeExchange = {
        req,
        res,
        recorded,
        gone: () => gone || closing,
        pause: (ms) =>
          new Promise<void>((resolve) => {
            if (gone || closing) return resolve();
            const done = () => {
              clearTimeout(t);
              wakers.delete(done);
              resolve();
            };
            const t = setTimeout(done, ms);
            wakers.add(done);
          }),
      };
      try {
        await handle(x);
      } catch (e) {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`fake server bug: ${String(e)}`);
        } else {
          res.destroy();
        }
      }
    })();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no port');
  return {
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: async () => {
      closing = true;
      for (const w of wakers) w();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes frames in order, pausing `delayMs` before every paced frame but the first. */
export async function playFrames(x: FakeExchange, frames: Frame[], delayMs: number): Promise<void> {
  let pacedSeen = false;
  for (const f of frames) {
    if (x.gone()) return;
    if ('destroy' in f) {
      // Let what was written reach the client first, as when a real server dies mid-answer.
      await x.pause(30);
      x.res.socket?.destroy();
      return;
    }
    if (f.paced) {
      if (pacedSeen && delayMs > 0) await x.pause(delayMs);
      pacedSeen = true;
      if (x.gone()) return;
    }
    x.res.write(f.data);
  }
  x.res.end();
}

export function sendJson(x: FakeExchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  x.res.writeHead(status, { 'content-type': type, ...headers });
  x.res.end(text);
}

/** Keeps the request open without answering until the client leaves or the fake closes. */
export async function hang(x: FakeExchange): Promise<void> {
  while (!x.gone()) await x.pause(60_000);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function flattenHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Lays out a streamed answer: `head`, then one group of frames per content chunk, then `tail`;
 * a malformed frame is inserted and the stream cut short (error, reset, clean end) where the
 * script asks, counting content chunks only.
 */
export function assembleStream(parts: {
  head: Frame[];
  content: Frame[][];
  tail: Frame[];
  malformedAfter: number | undefined;
  malformed: Frame;
  disruption: { kind: 'error' | 'reset' | 'end'; after: number } | undefined;
  errorFrames: Frame[];
}): Frame[] {
  const { head, content, tail, malformedAfter, malformed, disruption } = parts;
  const out: Frame[] = [...head];
  const limit = disruption ? Math.min(disruption.after, content.length) : content.length;
  for (let i = 0; i <= limit; i++) {
    if (malformedAfter === i) out.push(malformed);
    if (i < limit) out.push(...(content[i] ?? []));
  }
  if (!disruption) return [...out, ...tail];
  if (disruption.kind === 'error') out.push(...parts.errorFrames);
  if (disruption.kind === 'reset') out.push({ destroy: true });
  return out;
}
