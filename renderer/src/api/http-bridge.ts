// Browser-mode transport: the same BridgeApi the Electron preload exposes, over the local
// server's HTTP API (POST /api/<method>), its server-sent events stream (GET /api/events) and
// its download route (GET /api/downloads/<id>).
import type { BridgeApi, EventName } from '../../../shared/api/contract.ts';
import { EVENT_NAMES } from './event-names.ts';

export const TOKEN_HEADER = 'X-CascadeFlow-Token';

export interface HttpBridgeOptions {
  token: string;
  /** Origin + path prefix the API lives under; defaults to the page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
  /** First reconnect delay after the event stream closes; doubles up to 15 s. */
  reconnectDelayMs?: number;
  /** Told when the event stream is (dis)connected, so the UI can say so. */
  onConnectionChange?: (connected: boolean) => void;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

type Listener = Parameters<BridgeApi['subscribe']>[0];

export function createHttpBridge(options: HttpBridgeOptions): BridgeApi {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = (options.baseUrl ?? globalThis.location?.origin ?? '').replace(/\/$/, '');
  const listeners = new Set<Listener>();
  // `cascadeflow serve` makes a new token at every launch: after a restart it refuses this one.
  let token = options.token;
  let refreshing: Promise<boolean> | null = null;
  let source: EventSource | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let delay = options.reconnectDelayMs ?? 1000;

  const deliver = (name: EventName, data: string): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const l of [...listeners]) l({ name, payload });
  };

  /**
   * Takes the server's current token from the page it serves, as reloading the page would (a
   * foreign page cannot read that response, so this reveals nothing a reload does not). True
   * when the token changed: the server was restarted and a refused call is worth one retry.
   */
  const refreshToken = (): Promise<boolean> => {
    refreshing ??= (async () => {
      try {
        const res = await doFetch(`${base}/`, { headers: { Accept: 'text/html' }, cache: 'no-store' });
        const fresh = res.ok ? tokenInHtml(await res.text()) : null;
        if (fresh === null || fresh === token) return false;
        token = fresh;
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const open = (): void => {
    const url = `${base}/api/events?token=${encodeURIComponent(token)}`;
    const es = options.createEventSource ? options.createEventSource(url) : new EventSource(url);
    source = es;
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (e) => {
        if (e instanceof MessageEvent && typeof e.data === 'string') deliver(name, e.data);
      });
    }
    es.onopen = () => {
      delay = options.reconnectDelayMs ?? 1000;
      options.onConnectionChange?.(true);
    };
    es.onerror = () => {
      options.onConnectionChange?.(false);
      // EventSource retries by itself while CONNECTING; once CLOSED (e.g. a 401 or the server
      // restarted on another process) it never will, so open a fresh one with backoff.
      if (es.readyState === 2 && source === es) {
        es.close();
        source = null;
        if (listeners.size > 0 && reconnectTimer === null) {
          reconnectTimer = setTimeout(() => {
            // A stream closed for good may have been refused a token the server no longer has.
            void refreshToken().then(() => {
              reconnectTimer = null;
              if (listeners.size > 0 && source === null) open();
            });
          }, delay);
          delay = Math.min(delay * 2, 15_000);
        }
      }
    };
  };

  const close = (): void => {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    source?.close();
    source = null;
  };

  return {
    async invoke(method, input) {
      let sentToken = token;
      const post = async (): Promise<Response> => {
        sentToken = token;
        try {
          return await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: sentToken },
            body: JSON.stringify(input ?? {}),
          });
        } catch (e) {
          throw new TransportError(`Cannot reach the CascadeFlow server at ${base || 'this address'}: is \`cascadeflow serve\` still running? (${e instanceof Error ? e.message : String(e)})`, null);
        }
      };
      let response = await post();
      // Refused after a restart of the server: ask again once with the token it has now. Another
      // call may already have fetched that token while this one was under way.
      if (response.status === 401 && (token !== sentToken || (await refreshToken()))) response = await post();
      if (response.status === 401) {
        await response.body?.cancel();
        return { ok: false, error: { code: 'unauthorized', message: 'This page no longer has a session with the CascadeFlow server (it was restarted, or this page was opened from another launch): reload the page.' } };
      }
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new TransportError(`The CascadeFlow server answered ${response.status} ${response.statusText} without a JSON result.`, response.status);
      }
    },
    async download(downloadId) {
      // The browser streams the file to disk itself: a link click, not fetch() into memory. The
      // single-use id is the route's credential, since a link cannot send the token header.
      const a = document.createElement('a');
      a.href = `${base}/api/downloads/${encodeURIComponent(downloadId)}`;
      a.download = '';
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      return { ok: true, value: { started: true } };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (source === null && reconnectTimer === null) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
  };
}

/** The session token the server injects into index.html (or passes in the URL). */
export function readToken(doc: Document, location: Location | URL): string | null {
  const fromMeta = metaToken(doc);
  if (fromMeta) return fromMeta;
  const fromUrl = new URL(location.href).searchParams.get('token');
  return fromUrl || null;
}

function metaToken(doc: Document): string | null {
  for (const meta of doc.querySelectorAll('meta[name="cascadeflow-token"]')) {
    const content = meta.getAttribute('content');
    if (content) return content;
  }
  return null;
}

/** The token in a page the server served (its index.html). */
export function tokenInHtml(html: string): string | null {
  return metaToken(new DOMParser().parseFromString(html, 'text/html'));
}
