import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../../electron/node/server/api-routes.ts';
import { formatServeBanner, startServer, type RunningServer } from '../../../electron/node/server/index.ts';
import { TRACE_IMPORT_MAX_CHARS } from '../../../shared/core/replay/library.ts';
import { APP_CSP } from '../../../electron/node/server/security-headers.ts';
import { createTestBackend, TEST_INFO, type TestBackend } from './test-backend.ts';
import { openSse, rawRequest } from './http-helpers.ts';

const OUTSIDE_SECRET = 'OUTSIDE-THE-RENDERER-DIR';

function makeRendererDir(withIndex: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'cf-serve-'));
  // A file next to the renderer dir that traversal attempts try to reach.
  writeFileSync(join(root, 'secret.txt'), OUTSIDE_SECRET);
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  if (withIndex) {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><title>CascadeFlow</title><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>');
  }
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  return dir;
}

describe('browser-mode server security', () => {
  let backend: TestBackend;
  let server: RunningServer;

  beforeEach(async () => {
    backend = createTestBackend();
    server = await startServer({ backend, port: 0, rendererDir: makeRendererDir(true) });
  });
  afterEach(async () => {
    await server.close();
  });

  const api = (method: string, headers: Record<string, string>, body = '{}') =>
    rawRequest({ port: server.port, path: `/api/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it('binds loopback by default with a fresh token', async () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startServer({ backend, port: 0, rendererDir: makeRendererDir(true) });
    expect(other.token).not.toBe(server.token);
    await other.close();
    // Not reachable through a non-loopback interface, where one exists.
    const external = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && i.family === 'IPv4' && !i.internal);
    if (external !== undefined) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('refuses api calls without or with a wrong token', async () => {
    const missing = await api('app.info', {});
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await api('app.info', { 'X-CascadeFlow-Token': server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A') });
    expect(wrong.status).toBe(401);
    const empty = await api('app.info', { 'X-CascadeFlow-Token': '' });
    expect(empty.status).toBe(401);
    expect(backend.calls).toEqual([]);
    const right = await api('app.info', { 'X-CascadeFlow-Token': server.token });
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body)).toEqual({ ok: true, value: TEST_INFO });
  });

  it('accepts the token in the query only for the event stream', async () => {
    const post = await rawRequest({ port: server.port, path: `/api/app.info?token=${server.token}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(401);
    const noToken = await openSse(`${server.url}api/events`, {}, () => {});
    expect(noToken.status).toBe(401);
    const wrongToken = await openSse(`${server.url}api/events?token=nope`, {}, () => {});
    expect(wrongToken.status).toBe(401);
    const viaQuery = await openSse(`${server.url}api/events?token=${server.token}`, {}, () => {});
    expect(viaQuery.status).toBe(200);
    viaQuery.close();
    const viaHeader = await openSse(`${server.url}api/events`, { 'X-CascadeFlow-Token': server.token }, () => {});
    expect(viaHeader.status).toBe(200);
    viaHeader.close();
  });

  it('refuses a foreign origin even with the token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, 'null', `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port + 1}`]) {
      const res = await api('app.info', { 'X-CascadeFlow-Token': server.token, Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect(backend.calls).toEqual([]);
    const own = await api('app.info', { 'X-CascadeFlow-Token': server.token, Origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(200);
    const ownLocalhost = await api('app.info', { 'X-CascadeFlow-Token': server.token, Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` });
    expect(ownLocalhost.status).toBe(200);
  });

  it('refuses a foreign host header against dns rebinding', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.nip.io:${server.port}`]) {
      const page = await rawRequest({ port: server.port, path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain(server.token);
      const call = await api('app.info', { 'X-CascadeFlow-Token': server.token, Host: host });
      expect(call.status, host).toBe(403);
    }
    expect(backend.calls).toEqual([]);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await rawRequest({ port: server.port, path: '/healthz', headers: { Host: host } })).status, host).toBe(200);
    }
  });

  it('answers healthz without a token', async () => {
    const res = await fetch(`${server.url}healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('serves index with the token meta and security headers', async () => {
    for (const path of ['/', '/index.html', '/savings/monthly']) {
      const res = await fetch(new URL(path, server.url));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain(`<head><meta name="cascadeflow-token" content="${server.token}"><title>`);
    }
    expect(APP_CSP).toContain("default-src 'self'");
    expect(APP_CSP).toContain("script-src 'self';");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).not.toContain('unsafe-eval');
  });

  it('serves assets with their content types', async () => {
    const cases: [string, string, string][] = [
      ['/assets/app.js', 'text/javascript; charset=utf-8', 'console.log("app");'],
      ['/assets/app.css', 'text/css; charset=utf-8', 'body{margin:0}'],
      ['/assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ];
    for (const [path, type, body] of cases) {
      const res = await fetch(new URL(path, server.url));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(body);
    }
    const missing = await fetch(new URL('/assets/missing.js', server.url));
    expect(missing.status).toBe(404);
    const head = await fetch(new URL('/assets/app.js', server.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log("app");'.length));
  });

  it('refuses path traversal and dotfiles', async () => {
    const refused = ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/.env', '/assets/%00.js'];
    const attempts: [string, number][] = [...refused.map((p): [string, number] => [p, 403]), ['/%E0%A4%A', 400]];
    for (const [path, status] of attempts) {
      const res = await rawRequest({ port: server.port, path });
      expect(res.status, path).toBe(status);
      expect(res.body, path).not.toContain(OUTSIDE_SECRET);
      expect(res.body, path).not.toContain('SECRET=1');
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = JSON.stringify({ id: 'c-1', title: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) });
    const res = await fetch(`${server.url}api/conversations.rename`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': server.token },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(backend.calls).toEqual([]);
  });

  it('passes the largest trace the app imports, however much JSON escaping it needs, to the import', async () => {
    // A code-heavy trace: every quote and newline takes two bytes in the request's JSON string.
    const content = '"\n'.repeat(TRACE_IMPORT_MAX_CHARS / 2);
    const body = JSON.stringify({ kind: 'trace', content });
    expect(Buffer.byteLength(body)).toBeGreaterThan(TRACE_IMPORT_MAX_CHARS * 1.9);
    const res = await fetch(`${server.url}api/replay.import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': server.token },
      body,
    });
    expect(res.status).toBe(200);
    expect(backend.calls).toEqual([{ method: 'replay.import', input: { kind: 'trace', chars: TRACE_IMPORT_MAX_CHARS } }]);
  });

  it('answers 413 for a chunked body over the limit', async () => {
    const small = await startServer({ backend, port: 0, rendererDir: makeRendererDir(true), maxBodyBytes: 1024 });
    try {
      const res = await rawRequest({
        port: small.port,
        path: '/api/conversations.rename',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': small.token },
        chunks: [Buffer.from('{"id":"c-1","title":"'), Buffer.alloc(4096, 'x'), Buffer.from('"}')],
      });
      expect(res.status).toBe(413);
      expect(backend.calls).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('answers 400 invalid input for malformed json', async () => {
    const res = await api('conversations.rename', { 'X-CascadeFlow-Token': server.token }, '{"id": "c-1", "title": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const wrongType = await api('app.info', { 'X-CascadeFlow-Token': server.token, 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    const get = await rawRequest({ port: server.port, path: '/api/app.info', headers: { 'X-CascadeFlow-Token': server.token } });
    expect(get.status).toBe(405);
  });

  it('unsubscribes an event stream when the client goes away', async () => {
    expect(backend.events.listenerCount).toBe(0);
    const stream = await openSse(`${server.url}api/events?token=${server.token}`, {}, () => {});
    expect(backend.events.listenerCount).toBe(1);
    stream.close();
    await vi.waitFor(() => expect(backend.events.listenerCount).toBe(0), { timeout: 10_000, interval: 10 });
  });

  it('sends keep alive comments on an idle event stream', async () => {
    const quick = await startServer({ backend, port: 0, rendererDir: makeRendererDir(true), keepAliveMs: 20 });
    const controller = new AbortController();
    try {
      const res = await fetch(`${quick.url}api/events?token=${quick.token}`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      if (res.body === null) throw new Error('no event stream body');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes(': keep-alive\n\n')) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      expect(text).toContain(': keep-alive\n\n');
    } finally {
      controller.abort();
      await quick.close();
    }
  });

  it('closes even with an open event stream', async () => {
    const received: unknown[] = [];
    await openSse(`${server.url}api/events?token=${server.token}`, {}, (e) => received.push(e));
    await server.close();
    expect(backend.events.listenerCount).toBe(0);
    // A fresh server so afterEach has something to close.
    server = await startServer({ backend, port: 0, rendererDir: makeRendererDir(true) });
  });
});

describe('browser-mode server without a renderer build', () => {
  it('explains how to build the ui', async () => {
    const server = await startServer({ backend: createTestBackend(), port: 0, rendererDir: makeRendererDir(false) });
    try {
      const res = await fetch(server.url);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe('The UI is not built: run npm run build');
      expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('reports a busy port clearly', async () => {
    const first = await startServer({ backend: createTestBackend(), port: 0, rendererDir: makeRendererDir(false) });
    try {
      await expect(startServer({ backend: createTestBackend(), port: first.port, rendererDir: makeRendererDir(false) })).rejects.toThrow(/already in use/);
    } finally {
      await first.close();
    }
  });
});

describe('serve banner', () => {
  it('tells the user where to open the app', () => {
    expect(formatServeBanner('http://127.0.0.1:5199/')).toBe(
      'CascadeFlow is running at http://127.0.0.1:5199/ (browser mode). Open it in your browser; press Ctrl+C to stop.',
    );
  });
});
