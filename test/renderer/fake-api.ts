// An in-memory ApiClient for component and store tests: each method answers from a handler
// the test provides (unhandled methods fail loudly), calls are recorded, events are emitted by hand.
import type { ApiEvents, DownloadOutcome, EventName, MethodInput, MethodName, MethodOutput, PreparedDownload } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import type { ApiClient } from '../../renderer/src/api/client.ts';

export type FakeHandlers = { [K in MethodName]?: (input: MethodInput<K>) => Result<MethodOutput<K>> | Promise<Result<MethodOutput<K>>> };

export interface FakeApi extends ApiClient {
  calls: { method: MethodName; input: unknown }[];
  callsOf<K extends MethodName>(method: K): MethodInput<K>[];
  emit<E extends EventName>(name: E, payload: ApiEvents[E]): void;
  handlers: FakeHandlers;
  /** Every download() asked for, in order. */
  downloads: PreparedDownload[];
  /** How download() answers; default: handed to the browser. */
  onDownload: (prepared: PreparedDownload) => Result<DownloadOutcome> | Promise<Result<DownloadOutcome>>;
}

export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: { method: MethodName; input: unknown }[] = [];
  const api: FakeApi = {
    transport: 'browser',
    calls,
    handlers,
    downloads: [],
    onDownload: () => ok({ started: true }),
    async download(prepared) {
      api.downloads.push(prepared);
      return api.onDownload(prepared);
    },
    callsOf<K extends MethodName>(method: K) {
      return calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<K>);
    },
    async call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>> {
      calls.push({ method, input });
      const h = api.handlers[method] as ((i: MethodInput<K>) => Result<MethodOutput<K>> | Promise<Result<MethodOutput<K>>>) | undefined;
      if (!h) return { ok: false, error: { code: 'unknown_method', message: `fake api: no handler for ${method}` } };
      return h(input);
    },
    on(name, handler) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const h = handler as (p: unknown) => void;
      set.add(h);
      return () => set.delete(h);
    },
    emit(name, payload) {
      for (const h of listeners.get(name) ?? []) h(payload);
    },
  };
  return api;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
