// The webhook sender against a real HTTP receiver on 127.0.0.1.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from '../../../electron/node/monitoring/webhook.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => receiver.close());

const FAST = { attempts: 3, timeoutMs: 2_000, baseDelayMs: 10 };

describe('alert webhook', () => {
  it('posts json and reports delivery', async () => {
    const r = await postWebhook(receiver.url, { text: 'hello', value: 1.5 }, FAST);
    expect(r).toEqual({ delivered: true, attempts: 1, status: 200, error: null });
    expect(receiver.posts).toEqual([{ path: '/hooks/T000/B000/secret-token', contentType: 'application/json', body: { text: 'hello', value: 1.5 } }]);
  });

  it('retries after a server error and delivers', async () => {
    receiver.script(500);
    const r = await postWebhook(receiver.url, { text: 'retry me' }, FAST);
    expect(r).toEqual({ delivered: true, attempts: 2, status: 200, error: null });
    expect(receiver.posts.map((p) => p.body)).toEqual([{ text: 'retry me' }, { text: 'retry me' }]);
  });

  it('retries 429 and gives up after the last attempt', async () => {
    receiver.script(429, 503, 502, 200);
    const r = await postWebhook(receiver.url, { text: 'x' }, FAST);
    expect(r).toEqual({ delivered: false, attempts: 3, status: 502, error: 'HTTP 502' });
    expect(receiver.posts).toHaveLength(3);
  });

  it('does not retry a rejected request', async () => {
    receiver.script(404);
    const r = await postWebhook(receiver.url, { text: 'x' }, FAST);
    expect(r).toEqual({ delivered: false, attempts: 1, status: 404, error: 'HTTP 404' });
    expect(receiver.posts).toHaveLength(1);
  });

  it('times out a hanging receiver and retries', async () => {
    receiver.script('hang');
    const r = await postWebhook(receiver.url, { text: 'x' }, { ...FAST, timeoutMs: 200 });
    expect(r.delivered).toBe(true);
    expect(r.attempts).toBe(2);
  });

  it('reports a refused connection without the url', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await postWebhook(`http://127.0.0.1:${port}/hooks/secret-token`, { text: 'x' }, { ...FAST, attempts: 2 });
    expect(r.delivered).toBe(false);
    expect(r.attempts).toBe(2);
    expect(r.error).toMatch(/^connection failed/);
    expect(r.error).not.toContain('secret-token');
  });

  it('stops-when-cancelled', async () => {
    receiver.script(500, 500, 500);
    const controller = new AbortController();
    controller.abort();
    const r = await postWebhook(receiver.url, { text: 'x' }, { ...FAST, signal: controller.signal });
    expect(r).toEqual({ delivered: false, attempts: 0, status: null, error: 'cancelled' });
    expect(receiver.posts).toHaveLength(0);
  });
});
