// In-process event bus carrying ApiEvents from the core to whichever transport is attached
// (Electron webContents.send, or the browser server's SSE stream).
import type { ApiEvents, EventName } from '../../shared/api/contract.ts';

export interface BusEvent<K extends EventName = EventName> {
  name: K;
  payload: ApiEvents[K];
}

export type EventListener = (event: BusEvent) => void;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: ApiEvents[K]): void;
  subscribe(listener: EventListener): () => void;
  readonly listenerCount: number;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const l of [...listeners]) {
        try {
          l({ name, payload } as BusEvent);
        } catch {
          // A broken subscriber (e.g. a closed SSE socket) must not break the run that emits.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
