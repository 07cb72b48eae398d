// What the preload exposes as window.cascadeflow, built on a minimal ipcRenderer shape so a
// Node test can check the allowlist and that the renderer never sees Electron's event object.
import { API_EVENT_NAMES, API_METHOD_NAMES, type BridgeApi, type EventName } from '../../shared/api/contract.ts';
import { err } from '../../shared/api/result.ts';
import { DOWNLOAD_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const METHODS = new Set<string>(API_METHOD_NAMES);
const EVENTS = new Set<string>(API_EVENT_NAMES);

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && EVENTS.has(name);
}

export function createBridge(ipc: IpcRendererLike): BridgeApi {
  return {
    invoke(method, input) {
      if (typeof method !== 'string' || !METHODS.has(method)) {
        return Promise.resolve(err('unknown_method', `Unknown API method "${String(method)}".`));
      }
      return ipc.invoke(INVOKE_CHANNEL, method, input);
    },
    download(downloadId) {
      if (typeof downloadId !== 'string') return Promise.resolve(err('invalid_input', 'The download id must be a string.'));
      return ipc.invoke(DOWNLOAD_CHANNEL, downloadId);
    },
    subscribe(listener) {
      const forward = (_event: unknown, message: unknown) => {
        if (typeof message !== 'object' || message === null || !('name' in message) || !('payload' in message)) return;
        const { name, payload } = message;
        if (isEventName(name)) listener({ name, payload });
      };
      ipc.on(EVENT_CHANNEL, forward);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  } satisfies BridgeApi;
}
