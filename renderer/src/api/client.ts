// The typed API client the stores use. Both transports speak the untyped BridgeApi
// (invoke + subscribe); this layer adds the contract's types and never throws: a transport
// failure becomes an `unreachable` / `bad_response` Result like any other error.
import type { ApiEvents, BridgeApi, DownloadOutcome, EventName, MethodInput, MethodName, MethodOutput, PreparedDownload } from '../../../shared/api/contract.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { createHttpBridge, readToken, TransportError } from './http-bridge.ts';

export type Transport = 'desktop' | 'browser';

export interface ApiClient {
  readonly transport: Transport;
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>>;
  on<E extends EventName>(name: E, handler: (payload: ApiEvents[E]) => void): () => void;
  /** Fetches a prepared download through the transport: a save dialog on the desktop, the browser's downloads otherwise. */
  download(prepared: PreparedDownload): Promise<Result<DownloadOutcome>>;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    cascadeflow?: BridgeApi;
  }
}

function isApiError(v: unknown): v is ApiError {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { message?: unknown }).message === 'string';
}

export function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; value?: unknown; error?: unknown };
  return (r.ok === true && 'value' in r) || (r.ok === false && isApiError(r.error));
}

export function createApiClient(bridge: BridgeApi, transport: Transport): ApiClient {
  const handlers = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  const ensureSubscribed = (): void => {
    if (unsubscribe) return;
    unsubscribe = bridge.subscribe((event) => {
      for (const h of [...(handlers.get(event.name) ?? [])]) {
        try {
          h(event.payload);
        } catch (e) {
          console.error(`handler of ${event.name} failed`, e);
        }
      }
    });
  };

  return {
    transport,
    async call(method, input) {
      try {
        const raw = await bridge.invoke(method, input);
        if (!isResult(raw)) return { ok: false, error: { code: 'bad_response', message: `The app answered ${method} with something that is not a result.` } };
        // Both transports validate input with the contract's schemas and the handler map is
        // typed per method, so a well-formed Result carries this method's output.
        return raw as Result<MethodOutput<typeof method>>;
      } catch (e) {
        const message = e instanceof TransportError || e instanceof Error ? e.message : String(e);
        return { ok: false, error: { code: 'unreachable', message } };
      }
    },
    async download(prepared) {
      try {
        const raw = await bridge.download(prepared.downloadId);
        if (!isResult(raw)) return { ok: false, error: { code: 'bad_response', message: 'The app answered the download with something that is not a result.' } };
        // Both transports answer a download with a Result<DownloadOutcome>.
        return raw as Result<DownloadOutcome>;
      } catch (e) {
        const message = e instanceof TransportError || e instanceof Error ? e.message : String(e);
        return { ok: false, error: { code: 'unreachable', message } };
      }
    },
    on(name, handler) {
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      // The bus delivers the payload declared for this event name in ApiEvents.
      const h = handler as (payload: unknown) => void;
      set.add(h);
      ensureSubscribed();
      return () => {
        set.delete(h);
        if ([...handlers.values()].every((s) => s.size === 0)) {
          unsubscribe?.();
          unsubscribe = null;
        }
      };
    },
  };
}

/** Picks the transport at startup: the preload's bridge in Electron, HTTP otherwise. */
export function connect(win: Window = window, onConnectionChange?: (connected: boolean) => void): ApiClient | { error: string } {
  if (win.cascadeflow) return createApiClient(win.cascadeflow, 'desktop');
  const token = readToken(win.document, win.location);
  if (!token) {
    return { error: 'This page was opened without its session token. Open the address that `cascadeflow serve` printed (it ends with the token), or restart it.' };
  }
  return createApiClient(createHttpBridge({ token, onConnectionChange }), 'browser');
}
