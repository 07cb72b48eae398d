import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../renderer/src/api/client.ts';
import { createHttpBridge, readToken } from '../../renderer/src/api/http-bridge.ts';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(respond: (url: string) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const f = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    sent.push({ url, init });
    return Promise.resolve(respond(url));
  };
  return { fetch: f as typeof fetch, sent };
}

/** Enough of EventSource for the bridge: listeners per event name, readyState, close. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, l: (e: MessageEvent) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  dispatch(name: string, data: string): void {
    for (const l of this.listeners.get(name) ?? []) l(new MessageEvent(name, { data }));
  }
}

const asEventSource = (url: string): EventSource => new FakeEventSource(url) as unknown as EventSource;

afterEach(() => {
  FakeEventSource.instances = [];
  vi.useRealTimers();
});

describe('browser HTTP bridge', () => {
  it('POSTs the input as JSON to /api/<method> with the session token header', async () => {
    const { fetch, sent } = fakeFetch(() => new Response(JSON.stringify({ ok: true, value: { conversations: [] } }), { status: 200 }));
    const client = createApiClient(createHttpBridge({ token: 'tok-123', baseUrl: 'http://127.0.0.1:5199', fetch }), 'browser');
    const r = await client.call('conversations.list', { search: 'rivers' });
    expect(r).toEqual({ ok: true, value: { conversations: [] } });
    expect(sent[0]?.url).toBe('http://127.0.0.1:5199/api/conversations.list');
    expect(sent[0]?.init?.method).toBe('POST');
    expect(new Headers(sent[0]?.init?.headers).get('X-CascadeFlow-Token')).toBe('tok-123');
    expect(JSON.parse(String(sent[0]?.init?.body))).toEqual({ search: 'rivers' });
  });

  it('passes error Results through with their code and message', async () => {
    const body = { ok: false, error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`' } };
    const { fetch } = fakeFetch(() => new Response(JSON.stringify(body), { status: 502 }));
    const client = createApiClient(createHttpBridge({ token: 't', baseUrl: 'http://x', fetch }), 'browser');
    expect(await client.call('app.info', {})).toEqual(body);
  });

  it('turns a server that cannot be reached into an unreachable Result instead of throwing', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch;
    const client = createApiClient(createHttpBridge({ token: 't', baseUrl: 'http://127.0.0.1:1', fetch }), 'browser');
    const r = await client.call('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('unreachable');
      expect(r.error.message).toContain('cascadeflow serve');
    }
  });

  it('reports a non-JSON answer (a proxy error page) as an error Result', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const client = createApiClient(createHttpBridge({ token: 't', baseUrl: 'http://x', fetch }), 'browser');
    const r = await client.call('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('502');
  });

  it('subscribes to server-sent events with the token in the query and delivers parsed payloads', () => {
    const { fetch } = fakeFetch(() => new Response('{}'));
    const client = createApiClient(createHttpBridge({ token: 'a b', baseUrl: 'http://127.0.0.1:5199', fetch, createEventSource: asEventSource }), 'browser');
    const seen: string[] = [];
    const off = client.on('ledger.changed', (p) => seen.push(p.queryId));
    const es = FakeEventSource.instances[0];
    expect(es?.url).toBe('http://127.0.0.1:5199/api/events?token=a%20b');
    es?.dispatch('ledger.changed', JSON.stringify({ queryId: 'q-9' }));
    es?.dispatch('ledger.changed', 'not json');
    expect(seen).toEqual(['q-9']);
    off();
    expect(es?.closed).toBe(true);
  });

  it('opens a new event stream after the old one closed for good, and says it was disconnected', async () => {
    vi.useFakeTimers();
    const states: boolean[] = [];
    const { fetch } = fakeFetch(() => new Response('{}'));
    const bridge = createHttpBridge({ token: 't', baseUrl: 'http://x', fetch, createEventSource: asEventSource, reconnectDelayMs: 500, onConnectionChange: (c) => states.push(c) });
    const seen: unknown[] = [];
    bridge.subscribe((e) => seen.push(e.payload));
    const first = FakeEventSource.instances[0];
    first?.onopen?.();
    if (first) first.readyState = 2;
    first?.onerror?.();
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]?.dispatch('config.changed', '{}');
    expect(seen).toEqual([{}]);
    expect(states).toEqual([true, false]);
  });

  it('after a restart of the server, takes its new token from the page it serves and asks again', async () => {
    // The server was restarted: it refuses the token this page was served with.
    let serverToken = 'new-token';
    const { fetch, sent } = fakeFetch((url) => {
      if (url === 'http://127.0.0.1:5199/') return new Response(`<!doctype html><html><head><meta name="cascadeflow-token" content="${serverToken}"><title>CascadeFlow</title></head><body></body></html>`, { status: 200, headers: { 'Content-Type': 'text/html' } });
      const given = new Headers(sent.at(-1)?.init?.headers).get('X-CascadeFlow-Token');
      if (given !== serverToken) return new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong X-CascadeFlow-Token.' } }), { status: 401 });
      return new Response(JSON.stringify({ ok: true, value: { conversations: [] } }), { status: 200 });
    });
    const bridge = createHttpBridge({ token: 'old-token', baseUrl: 'http://127.0.0.1:5199', fetch, createEventSource: asEventSource });
    const client = createApiClient(bridge, 'browser');
    expect(await client.call('conversations.list', {})).toEqual({ ok: true, value: { conversations: [] } });
    expect(sent.map((r) => r.url)).toEqual(['http://127.0.0.1:5199/api/conversations.list', 'http://127.0.0.1:5199/', 'http://127.0.0.1:5199/api/conversations.list']);
    // Later calls and the event stream use the new token straight away.
    await client.call('conversations.list', {});
    expect(sent).toHaveLength(4);
    client.on('ledger.changed', () => undefined);
    expect(FakeEventSource.instances[0]?.url).toBe('http://127.0.0.1:5199/api/events?token=new-token');

    // Refused although the page has no other token to offer: say what to do, not "wrong token".
    serverToken = 'unreadable';
    const stale = fakeFetch((url) => (url.endsWith('/') ? new Response('<html><head></head></html>') : new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong X-CascadeFlow-Token.' } }), { status: 401 })));
    const r = await createApiClient(createHttpBridge({ token: 'old-token', baseUrl: 'http://127.0.0.1:5199', fetch: stale.fetch }), 'browser').call('app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    if (!r.ok) expect(r.error.message).toContain('reload the page');
  });

  it('retries a call refused for a token another call has already replaced, without giving up', async () => {
    // Two calls leave with the old token; the second one's refusal arrives only after the first
    // one has fetched the new token. The page then already holds the server's token.
    let releaseSlow: () => void = () => undefined;
    const slowRefusal = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const refused = () => new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong X-CascadeFlow-Token.' } }), { status: 401 });
    const { fetch, sent } = fakeFetch(async (url) => {
      if (url === 'http://x/') return new Response('<html><head><meta name="cascadeflow-token" content="new-token"></head></html>');
      const given = new Headers(sent.at(-1)?.init?.headers).get('X-CascadeFlow-Token');
      if (given === 'new-token') return new Response(JSON.stringify({ ok: true, value: { conversations: [] } }), { status: 200 });
      if (url.endsWith('/app.info')) {
        await slowRefusal;
        return refused();
      }
      return refused();
    });
    const client = createApiClient(createHttpBridge({ token: 'old-token', baseUrl: 'http://x', fetch }), 'browser');
    const slow = client.call('app.info', {});
    const fast = await client.call('conversations.list', {});
    expect(fast).toEqual({ ok: true, value: { conversations: [] } });
    releaseSlow();
    expect(await slow).toEqual({ ok: true, value: { conversations: [] } });
    expect(sent.filter((r) => r.url === 'http://x/api/app.info').map((r) => new Headers(r.init?.headers).get('X-CascadeFlow-Token'))).toEqual(['old-token', 'new-token']);
  });

  it('reconnects the event stream with the token of a restarted server', async () => {
    vi.useFakeTimers();
    const { fetch } = fakeFetch(() => new Response('<html><head><meta name="cascadeflow-token" content="after-restart"></head></html>'));
    const bridge = createHttpBridge({ token: 'before', baseUrl: 'http://x', fetch, createEventSource: asEventSource, reconnectDelayMs: 500 });
    bridge.subscribe(() => undefined);
    const first = FakeEventSource.instances[0];
    if (first) first.readyState = 2;
    first?.onerror?.();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeEventSource.instances.map((e) => e.url)).toEqual(['http://x/api/events?token=before', 'http://x/api/events?token=after-restart']);
  });

  it('downloads by clicking a link to /api/downloads/<id> without the token, and fetches nothing itself', async () => {
    const { fetch, sent } = fakeFetch(() => new Response('{}'));
    const client = createApiClient(createHttpBridge({ token: 'tok', baseUrl: 'http://127.0.0.1:5199', fetch }), 'browser');
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.getAttribute('download') ?? '(none)', attached: document.body.contains(this) });
    });
    try {
      const r = await client.download({ downloadId: 'Abc_-123', filename: 'ledger.csv', mimeType: 'text/csv', rows: 3 });
      expect(r).toEqual({ ok: true, value: { started: true } });
      // An empty download attribute: the server's Content-Disposition names the file.
      expect(clicked).toEqual([{ href: 'http://127.0.0.1:5199/api/downloads/Abc_-123', download: '', attached: true }]);
      expect(clicked[0]?.href).not.toContain('tok');
      expect(document.querySelectorAll('a[download]')).toHaveLength(0);
      expect(sent).toEqual([]);
    } finally {
      click.mockRestore();
    }
  });

  it('passes the desktop bridge\'s download Result through and turns anything else into an error Result', async () => {
    const answers: unknown[] = [{ ok: true, value: { saved: '/home/me/ledger.csv', rows: 3 } }, 'garbage', new Error('Error invoking remote method')];
    const client = createApiClient(
      {
        invoke: async () => ({ ok: true, value: null }),
        subscribe: () => () => undefined,
        download: async () => {
          const next = answers.shift();
          if (next instanceof Error) throw next;
          return next;
        },
      },
      'desktop',
    );
    const prepared = { downloadId: 'id', filename: 'ledger.csv', mimeType: 'text/csv', rows: 3 };
    expect(await client.download(prepared)).toEqual({ ok: true, value: { saved: '/home/me/ledger.csv', rows: 3 } });
    expect(await client.download(prepared)).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    expect(await client.download(prepared)).toEqual({ ok: false, error: { code: 'unreachable', message: 'Error invoking remote method' } });
  });

  it('reads the token from the injected meta tag, else from ?token=', () => {
    const doc = document.implementation.createHTMLDocument('x');
    expect(readToken(doc, new URL('http://127.0.0.1:5199/?token=from-url'))).toBe('from-url');
    const meta = doc.createElement('meta');
    meta.setAttribute('name', 'cascadeflow-token');
    meta.setAttribute('content', 'from-meta');
    doc.head.appendChild(meta);
    expect(readToken(doc, new URL('http://127.0.0.1:5199/'))).toBe('from-meta');
    expect(readToken(document.implementation.createHTMLDocument('y'), new URL('http://127.0.0.1/'))).toBeNull();
  });
});
