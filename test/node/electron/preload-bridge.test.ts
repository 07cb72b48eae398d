import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../../shared/api/contract.ts';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: unknown[][] = [];
  const listeners = new Set<Listener>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: 'from-main' };
    },
    on: (_channel, l) => listeners.add(l),
    removeListener: (_channel, l) => listeners.delete(l),
  };
  const emit = (message: unknown) => {
    for (const l of listeners) l({ sender: 'the-ipc-renderer-object', senderId: 0 }, message);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge', () => {
  it('forwards only contract methods', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(await bridge.invoke('ledger.summary', { range: { from: 0, to: 1 } })).toEqual({ ok: true, value: 'from-main' });
    expect(fake.invoked).toEqual([['api:invoke', 'ledger.summary', { range: { from: 0, to: 1 } }]]);
    for (const method of ['__proto__', 'constructor', 'toString', 'system.exec', '', 'app.info ']) {
      expect(await bridge.invoke(method, {}), method).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(fake.invoked).toHaveLength(1);
    expect(API_METHOD_NAMES.length).toBeGreaterThan(10);
    for (const method of API_METHOD_NAMES) await bridge.invoke(method, {});
    expect(fake.invoked).toHaveLength(1 + API_METHOD_NAMES.length);
  });

  it('forwards a download id to the download channel and nothing else', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(await bridge.download('AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ ok: true, value: 'from-main' });
    expect(fake.invoked).toEqual([['api:download', 'AAAAAAAAAAAAAAAAAAAAAA']]);
    // Called from page script, the argument can be anything.
    const download = bridge.download as (id: unknown) => Promise<unknown>;
    for (const bad of [42, null, { id: 'x' }, ['x']]) expect(await download(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fake.invoked).toHaveLength(1);
  });

  it('hands listeners only the name and payload', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const calls: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => calls.push(args));
    fake.emit({ name: 'ledger.changed', payload: { queryId: 'q-1' }, extra: 'dropped' });
    fake.emit({ name: 'not.an.event', payload: {} });
    fake.emit('garbage');
    fake.emit(null);
    expect(calls).toEqual([[{ name: 'ledger.changed', payload: { queryId: 'q-1' } }]]);
    unsubscribe();
    unsubscribe();
    expect(fake.listeners.size).toBe(0);
    fake.emit({ name: 'ledger.changed', payload: { queryId: 'q-2' } });
    expect(calls).toHaveLength(1);
  });
});
