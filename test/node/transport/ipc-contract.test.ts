import { pathToFileURL } from 'node:url';
import { createIpcBridge } from '../../../electron/main/ipc.ts';
import { isAppUrl } from '../../../electron/main/window-options.ts';
import { createBridge } from '../../../electron/preload/bridge.ts';
import type { Result } from '../../../shared/api/result.ts';
import { runContractSuite } from './contract-suite.ts';
import { createFakeIpc } from './fake-electron-ipc.ts';

const INDEX_URL = pathToFileURL('/opt/CascadeFlow/resources/app.asar/dist/renderer/index.html').href;

// The renderer's view: the preload bridge over the fake ipcRenderer, talking to the real
// main-process adapter over the fake ipcMain.
runContractSuite('Electron IPC (preload bridge + main adapter)', async (backend) => {
  const ipc = createFakeIpc(`${INDEX_URL}#/chat`);
  const adapter = createIpcBridge({ ipcMain: ipc.ipcMain, backend, isAllowedSender: (url) => isAppUrl(url, { indexUrl: INDEX_URL }), chooseSavePath: async () => null });
  adapter.attachWindow(ipc.webContents);
  const bridge = createBridge(ipc.ipcRenderer);
  return {
    invoke: async (method, input) => (await bridge.invoke(method, input)) as Result<unknown>,
    subscribe: async (listener) => bridge.subscribe(listener),
    async close() {
      ipc.destroyWindow();
      adapter.dispose();
    },
  };
});

// The main adapter alone, as a compromised renderer calling ipcRenderer directly would see it.
runContractSuite('Electron IPC (main adapter, raw invoke)', async (backend) => {
  const ipc = createFakeIpc(INDEX_URL);
  const adapter = createIpcBridge({ ipcMain: ipc.ipcMain, backend, isAllowedSender: (url) => isAppUrl(url, { indexUrl: INDEX_URL }), chooseSavePath: async () => null });
  adapter.attachWindow(ipc.webContents);
  return {
    invoke: async (method, input) => (await ipc.ipcRenderer.invoke('api:invoke', method, input)) as Result<unknown>,
    async subscribe(listener) {
      const forward = (_event: unknown, message: unknown) => listener(message as { name: string; payload: unknown });
      ipc.ipcRenderer.on('api:event', forward);
      return () => ipc.ipcRenderer.removeListener('api:event', forward);
    },
    async close() {
      ipc.destroyWindow();
      adapter.dispose();
    },
  };
});
