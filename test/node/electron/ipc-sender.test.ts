import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createIpcBridge } from '../../../electron/main/ipc.ts';
import { isAppUrl } from '../../../electron/main/window-options.ts';
import { createFakeIpc } from '../transport/fake-electron-ipc.ts';
import { createTestBackend } from '../transport/test-backend.ts';

const INDEX_URL = pathToFileURL('/app/dist/renderer/index.html').href;

function setup(frameUrl: string | null) {
  const backend = createTestBackend();
  const ipc = createFakeIpc(frameUrl);
  const adapter = createIpcBridge({ ipcMain: ipc.ipcMain, backend, isAllowedSender: (url) => isAppUrl(url, { indexUrl: INDEX_URL }), chooseSavePath: async () => null });
  return { backend, ipc, adapter };
}

describe('IPC adapter sender check', () => {
  it('refuses calls from a foreign frame', async () => {
    for (const url of ['https://evil.example/', pathToFileURL('/tmp/downloaded.html').href, 'about:blank', 'data:text/html,x']) {
      const { backend, ipc } = setup(url);
      const result = await ipc.ipcRenderer.invoke('api:invoke', 'app.info', {});
      expect(result, url).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(backend.calls).toEqual([]);
    }
  });

  it('refuses downloads from a foreign or gone frame without claiming the id', async () => {
    for (const url of ['https://evil.example/', 'about:blank', null]) {
      const { backend, ipc } = setup(url);
      expect(await ipc.ipcRenderer.invoke('api:download', 'AAAAAAAAAAAAAAAAAAAAAA'), String(url)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(backend.downloadsTaken).toEqual([]);
    }
  });

  it('refuses calls from a frame that is gone', async () => {
    const { backend, ipc } = setup(null);
    expect(await ipc.ipcRenderer.invoke('api:invoke', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(backend.calls).toEqual([]);
  });

  it('accepts calls from the app page', async () => {
    const { backend, ipc } = setup(`${INDEX_URL}#/settings`);
    expect(await ipc.ipcRenderer.invoke('api:invoke', 'app.info', {})).toMatchObject({ ok: true });
    expect(backend.calls).toHaveLength(1);
  });

  it('answers a non string method with a result', async () => {
    const { ipc } = setup(INDEX_URL);
    expect(await ipc.ipcRenderer.invoke('api:invoke', 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('stops forwarding events to a destroyed window', () => {
    const { backend, ipc, adapter } = setup(INDEX_URL);
    adapter.attachWindow(ipc.webContents);
    expect(backend.events.listenerCount).toBe(1);
    backend.events.emit('ledger.changed', { queryId: 'q-1' });
    expect(ipc.webContents.sent).toBe(1);
    ipc.destroyWindow();
    expect(backend.events.listenerCount).toBe(0);
    backend.events.emit('ledger.changed', { queryId: 'q-2' });
    expect(ipc.webContents.sent).toBe(1);
  });

  it('removes its handler and listeners on dispose', async () => {
    const { backend, ipc, adapter } = setup(INDEX_URL);
    adapter.attachWindow(ipc.webContents);
    adapter.dispose();
    expect(ipc.ipcMain.handlerCount()).toBe(0);
    expect(backend.events.listenerCount).toBe(0);
    await expect(ipc.ipcRenderer.invoke('api:invoke', 'app.info', {})).rejects.toThrow(/No handler registered/);
    // A new adapter can register again (Electron throws on a second handler for a channel).
    createIpcBridge({ ipcMain: ipc.ipcMain, backend, isAllowedSender: () => true, chooseSavePath: async () => null });
    expect(ipc.ipcMain.handlerCount()).toBe(2);
  });
});
