// The desktop transport: ipcMain.handle('api:invoke') -> backend.dispatch, and bus events
// -> webContents.send('api:event'). Written against the few members of Electron's types it
// uses, so tests drive it with a fake that imitates Electron's structured-clone semantics
// and index.ts passes the real ipcMain.
import type { Backend } from '../node/backend-types.ts';
import { toErrorResult } from '../node/dispatch.ts';
import { err, type Result } from '../../shared/api/result.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.ts';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

export interface IpcInvokeEventLike {
  /** null once the frame navigated away or was destroyed: treated as foreign. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcBridge {
  /** Forwards bus events to this window until it is destroyed; returns a detach function. */
  attachWindow(contents: WebContentsLike): () => void;
  /** Removes the handler and every event forwarding. */
  dispose(): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  backend: Pick<Backend, 'dispatch' | 'events'>;
  /** True only for the app's own page (file:// index or the dev server). */
  isAllowedSender(frameUrl: string): boolean;
}

export function createIpcBridge(opts: IpcBridgeOptions): IpcBridge {
  const detachers = new Set<() => void>();

  opts.ipcMain.handle(INVOKE_CHANNEL, async (event, method, input): Promise<Result<unknown>> => {
    const url = event.senderFrame?.url;
    if (url === undefined || !opts.isAllowedSender(url)) {
      return err('unauthorized', 'API calls are accepted only from the CascadeFlow window.');
    }
    if (typeof method !== 'string') return err('unknown_method', 'The method name must be a string.');
    try {
      return await opts.backend.dispatch(method, input);
    } catch (e) {
      // Electron would turn a rejection into a bare Error message; keep the Result shape.
      return toErrorResult(method, e);
    }
  });

  return {
    attachWindow(contents) {
      const unsubscribe = opts.backend.events.subscribe((event) => {
        if (contents.isDestroyed()) return detach();
        contents.send(EVENT_CHANNEL, { name: event.name, payload: event.payload });
      });
      const detach = () => {
        unsubscribe();
        detachers.delete(detach);
      };
      detachers.add(detach);
      contents.once('destroyed', detach);
      return detach;
    },
    dispose() {
      opts.ipcMain.removeHandler(INVOKE_CHANNEL);
      for (const detach of [...detachers]) detach();
    },
  };
}
