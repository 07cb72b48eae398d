// A fake of the Electron IPC pair as the app uses it: ipcMain.handle / ipcRenderer.invoke and
// webContents.send / ipcRenderer.on. Like Electron, arguments and results cross by structured
// clone (functions and class identity do not survive), a rejected handler reaches the
// renderer as a bare Error message, and a second handle() on a channel throws.
import type { IpcInvokeEventLike, IpcMainLike, WebContentsLike } from '../../../electron/main/ipc.ts';
import type { IpcRendererLike } from '../../../electron/preload/bridge.ts';

type MainListener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export interface FakeIpc {
  ipcMain: IpcMainLike & { handlerCount(): number };
  webContents: WebContentsLike & { sent: number };
  ipcRenderer: IpcRendererLike;
  /** The URL Electron would report as event.senderFrame.url; null = frame gone. */
  frameUrl: string | null;
  destroyWindow(): void;
}

export function createFakeIpc(frameUrl: string | null): FakeIpc {
  const handlers = new Map<string, MainListener>();
  const rendererListeners = new Map<string, Set<RendererListener>>();
  const destroyedListeners: (() => void)[] = [];
  let destroyed = false;

  const fake: FakeIpc = {
    frameUrl,
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
      handlerCount: () => handlers.size,
    },
    webContents: {
      sent: 0,
      send(channel, ...args) {
        if (destroyed) throw new Error('Object has been destroyed');
        fake.webContents.sent++;
        const cloned = structuredClone(args);
        // Delivery to the renderer is asynchronous in Electron.
        setImmediate(() => {
          for (const l of rendererListeners.get(channel) ?? []) l({ sender: 'ipcRenderer', ports: [] }, ...cloned);
        });
      },
      isDestroyed: () => destroyed,
      once(_event, listener) {
        destroyedListeners.push(listener);
      },
    },
    ipcRenderer: {
      async invoke(channel, ...args) {
        const handler = handlers.get(channel);
        if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        const clonedArgs = structuredClone(args);
        const event: IpcInvokeEventLike = { senderFrame: fake.frameUrl === null ? null : { url: fake.frameUrl } };
        try {
          return structuredClone(await handler(event, ...clonedArgs));
        } catch (e) {
          throw new Error(`Error invoking remote method '${channel}': ${String(e)}`);
        }
      },
      on(channel, listener) {
        let set = rendererListeners.get(channel);
        if (set === undefined) rendererListeners.set(channel, (set = new Set()));
        set.add(listener);
      },
      removeListener(channel, listener) {
        rendererListeners.get(channel)?.delete(listener);
      },
    },
    destroyWindow() {
      destroyed = true;
      for (const l of destroyedListeners.splice(0)) l();
    },
  };
  return fake;
}
