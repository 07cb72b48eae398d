// Browser mode's guard, checked for every method of the contract (not a sample): no token, a
// wrong token, a foreign Origin or a foreign Host never reach a handler, and the event stream is
// guarded the same way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/node/server/index.ts';
import { API_METHOD_NAMES } from '../../../shared/api/contract.ts';
import { rawRequest } from '../transport/http-helpers.ts';
import { createTestBackend, type TestBackend } from '../transport/test-backend.ts';

let backend: TestBackend;
let server: RunningServer;
beforeAll(async () => {
  backend = createTestBackend();
  server = await startServer({ backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-guard-')) });
});
afterAll(async () => server.close());

const post = (method: string, headers: Record<string, string>) =>
  rawRequest({ port: server.port, path: `/api/${encodeURIComponent(method)}`, method: 'POST', headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${server.port}`, ...headers }, body: '{}' });

describe('browser-mode guard on every method', () => {
  it('refuses every method without the right token from the right origin and host', async () => {
    const wrongToken = server.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const method of API_METHOD_NAMES) {
      expect((await post(method, {})).status, `${method} without a token`).toBe(401);
      expect((await post(method, { 'X-CascadeFlow-Token': wrongToken })).status, `${method} with a wrong token`).toBe(401);
      expect((await post(method, { 'X-CascadeFlow-Token': server.token, Origin: 'http://evil.example' })).status, `${method} from a foreign origin`).toBe(403);
      expect((await post(method, { 'X-CascadeFlow-Token': server.token, Host: `evil.example:${server.port}` })).status, `${method} for a foreign host`).toBe(403);
    }
    expect(backend.calls).toEqual([]);
    expect(backend.internalErrors).toEqual([]);
  });

  it('guards the event stream by token origin and host', async () => {
    const get = (path: string, headers: Record<string, string>) => rawRequest({ port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } });
    expect((await get('/api/events', {})).status).toBe(401);
    expect((await get('/api/events?token=wrong', {})).status).toBe(401);
    expect((await get(`/api/events?token=${server.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/api/events?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect(backend.events.listenerCount).toBe(0);
  });
});
