// App-wide facts: what the backend says about itself and whether the live event stream is up.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';

interface AppState {
  info: AppInfo | null;
  infoError: ApiError | null;
  /** null until the event stream reports; desktop is always connected. */
  eventsConnected: boolean | null;
  loadInfo(): Promise<void>;
  setEventsConnected(connected: boolean): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  infoError: null,
  eventsConnected: null,
  async loadInfo() {
    const r = await api().call('app.info', {});
    set(r.ok ? { info: r.value, infoError: null } : { infoError: r.error });
  },
  setEventsConnected(connected) {
    set({ eventsConnected: connected });
  },
}));
