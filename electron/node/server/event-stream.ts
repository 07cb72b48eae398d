// GET /api/events: the event bus as server-sent events, the browser-mode counterpart of
// Electron's webContents.send('api:event'). The bus subscription lives exactly as long as
// the HTTP response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus, BusEvent } from '../events.ts';
import { BASE_SECURITY_HEADERS } from './security-headers.ts';

export const KEEP_ALIVE_MS = 15_000;
// A client that stopped reading must not make the server buffer events without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function formatSseEvent(event: BusEvent): string {
  // JSON.stringify never emits a raw newline, so the payload is always one `data:` line.
  return `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

export function openEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventBus,
  streams: Set<ServerResponse>,
  keepAliveMs: number = KEEP_ALIVE_MS,
): void {
  res.writeHead(200, {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  streams.add(res);
  const unsubscribe = events.subscribe((event) => {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(formatSseEvent(event));
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  keepAlive.unref();
  const cleanup = () => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(res);
  };
  req.on('close', cleanup);
  res.on('close', cleanup);
  // Subscribed before this first write, so a client that has read it cannot miss an event.
  res.write('retry: 2000\n: connected\n\n');
}
