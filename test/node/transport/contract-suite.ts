// One behavioural suite both transports must pass: whatever carries the API (HTTP or
// Electron IPC), a renderer sees the same Results and the same events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/api/contract.ts';
import type { Result } from '../../../shared/api/result.ts';
import { createTestBackend, INTERNAL_SECRET, TEST_INFO, type TestBackend } from './test-backend.ts';

export interface ReceivedEvent {
  name: EventName | string;
  payload: unknown;
}

export interface TransportClient {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Resolves once the subscription is live, so an event emitted afterwards must arrive. */
  subscribe(listener: (event: ReceivedEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

export function runContractSuite(transport: string, makeClient: (backend: TestBackend) => Promise<TransportClient>): void {
  describe(`API contract over ${transport}`, () => {
    let backend: TestBackend;
    let client: TransportClient;

    beforeEach(async () => {
      backend = createTestBackend();
      client = await makeClient(backend);
    });
    afterEach(async () => {
      await client.close();
    });

    it('returns the handler value for a valid call', async () => {
      const result = await client.invoke('conversations.rename', { id: 'c-1', title: 'Größe ✓ "quoted"\nline' });
      expect(result).toEqual({
        ok: true,
        value: { id: 'c-1', title: 'Größe ✓ "quoted"\nline', createdAt: 1, updatedAt: 2, messageCount: 3, costUsd: 0.5, baselineCostUsd: 1.25, savingsUsd: 0.75, unknownPriceQueries: 0 },
      });
      expect(backend.calls).toEqual([{ method: 'conversations.rename', input: { id: 'c-1', title: 'Größe ✓ "quoted"\nline' } }]);
    });

    it('treats a missing input as an empty object', async () => {
      expect(await client.invoke('app.info', undefined)).toEqual({ ok: true, value: TEST_INFO });
    });

    it('rejects invalid input naming the field without calling the handler', async () => {
      const result = await client.invoke('conversations.rename', { id: 'c-1', title: '' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.details).toEqual({ fields: ['title'] });
      expect(result.error.message).toContain('title');
      expect(backend.calls).toEqual([]);
    });

    it('rejects an unknown method', async () => {
      const result = await client.invoke('system.shutdown', {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('unknown_method');
    });

    it('passes an api failure code and details through', async () => {
      expect(await client.invoke('conversations.delete', { id: 'c-9' })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No conversation c-9.', details: { id: 'c-9' } },
      });
    });

    it('maps a plain error to internal without leaking it', async () => {
      const result = await client.invoke('conversations.get', { id: 'c-1' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('internal');
      const serialized = JSON.stringify(result);
      expect(serialized).not.toContain('hunter2');
      expect(serialized).not.toContain('/srv/secret');
      expect(serialized).not.toMatch(/\bat .+:\d+:\d+/);
      // The server still has the real error for its log.
      expect(backend.internalErrors).toHaveLength(1);
      expect(String(backend.internalErrors[0])).toContain(INTERNAL_SECRET);
    });

    it('delivers bus events to a subscriber in order', async () => {
      const received: ReceivedEvent[] = [];
      const unsubscribe = await client.subscribe((e) => received.push(e));
      backend.events.emit('ledger.changed', { queryId: 'q-1' });
      backend.events.emit('conversations.changed', { conversationId: 'c-ü' });
      backend.events.emit('config.changed', {});
      await vi.waitFor(() => expect(received).toHaveLength(3), { timeout: 10_000, interval: 10 });
      expect(received).toEqual([
        { name: 'ledger.changed', payload: { queryId: 'q-1' } },
        { name: 'conversations.changed', payload: { conversationId: 'c-ü' } },
        { name: 'config.changed', payload: {} },
      ]);
      unsubscribe();
    });

    it('stops delivering after unsubscribe', async () => {
      const first: ReceivedEvent[] = [];
      const unsubscribeFirst = await client.subscribe((e) => first.push(e));
      unsubscribeFirst();
      backend.events.emit('ledger.changed', { queryId: 'after-unsubscribe' });
      const second: ReceivedEvent[] = [];
      const unsubscribeSecond = await client.subscribe((e) => second.push(e));
      backend.events.emit('ledger.changed', { queryId: 'marker' });
      await vi.waitFor(() => expect(second.map((e) => e.payload)).toContainEqual({ queryId: 'marker' }), { timeout: 10_000, interval: 10 });
      expect(first).toEqual([]);
      unsubscribeSecond();
    });
  });
}
