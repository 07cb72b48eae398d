// The desktop transport: ipcMain.handle('api:invoke') -> backend.dispatch, bus events
// -> webContents.send('api:event'), and ipcMain.handle('api:download') -> a save dialog, then
// the prepared ledger export streamed into the chosen file. Written against the few members of
// Electron's types it uses, so tests drive it with a fake that imitates Electron's
// structured-clone semantics and index.ts passes the real ipcMain.
import type { DownloadOutcome } from '../../shared/api/contract.ts';
import type { Backend } from '../node/backend-types.ts';
import { toErrorResult } from '../node/dispatch.ts';
import { DOWNLOAD_GONE_MESSAGE } from '../node/ledger-downloads.ts';
import { err, ok, type Result } from '../../shared/api/result.ts';
import { DOWNLOAD_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.ts';
import { saveExport } from './save-export.ts';

export { DOWNLOAD_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL };

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
  backend: Pick<Backend, 'dispatch' | 'events' | 'downloads'>;
  /** True only for the app's own page (file:// index or the dev server). */
  isAllowedSender(frameUrl: string): boolean;
  /** Asks where to save a download (Electron's save dialog); null when the user cancels. */
  chooseSavePath(defaultName: string): Promise<string | null>;
}

const FOREIGN_SENDER = 'API calls are accepted only from the CascadeFlow window.';

export function createIpcBridge(opts: IpcBridgeOptions): IpcBridge {
  const detachers = new Set<() => void>();

  const fromApp = (event: IpcInvokeEventLike): boolean => {
    const url = event.senderFrame?.url;
    return url !== undefined && opts.isAllowedSender(url);
  };

  opts.ipcMain.handle(INVOKE_CHANNEL, async (event, method, input): Promise<Result<unknown>> => {
    if (!fromApp(event)) return err('unauthorized', FOREIGN_SENDER);
    if (typeof method !== 'string') return err('unknown_method', 'The method name must be a string.');
    try {
      return await opts.backend.dispatch(method, input);
    } catch (e) {
      // Electron would turn a rejection into a bare Error message; keep the Result shape.
      return toErrorResult(method, e);
    }
  });

  opts.ipcMain.handle(DOWNLOAD_CHANNEL, async (event, downloadId): Promise<Result<DownloadOutcome>> => {
    if (!fromApp(event)) return err('unauthorized', FOREIGN_SENDER);
    if (typeof downloadId !== 'string') return err('invalid_input', 'The download id must be a string.');
    const { downloads } = opts.backend;
    // Claimed before the dialog: the id is single use whatever the user answers.
    const pending = downloads.take(downloadId);
    if (pending === null) return err('not_found', DOWNLOAD_GONE_MESSAGE);
    let path: string | null;
    try {
      path = await opts.chooseSavePath(pending.filename);
    } catch (e) {
      return toErrorResult('download', e);
    }
    if (path === null) return ok({ cancelled: true });
    try {
      const rows = await saveExport(downloads.open(pending), path);
      return ok({ saved: path, rows });
    } catch (e) {
      return err('internal', `The export could not be saved to ${path}: ${e instanceof Error ? e.message : String(e)}`);
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
      opts.ipcMain.removeHandler(DOWNLOAD_CHANNEL);
      for (const detach of [...detachers]) detach();
    },
  };
}
