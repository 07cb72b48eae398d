// Alerts: the ones raised while the app is open (the `alert.raised` event) feed the banner;
// `alerts.list` gives the history shown on the Reports page.
import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/result.ts';
import type { Alert } from '../../../shared/core/monitoring/alert-types.ts';
import { api } from '../api/instance.ts';

interface AlertsState {
  /** Undismissed alerts for the banner, newest first. */
  active: Alert[];
  /** The list on the Reports page (includes dismissed ones). */
  history: Alert[];
  historyLoaded: boolean;
  error: ApiError | null;
  /** Set by the banner's "All alerts": the list scrolls itself into view once it is shown. */
  revealList: boolean;
  /** Loads undismissed alerts once at startup so a restart does not hide them. */
  loadActive(): Promise<void>;
  loadHistory(): Promise<void>;
  raised(alert: Alert): void;
  dismiss(id: string): Promise<void>;
  dismissAll(): Promise<void>;
}

const byNewest = (a: Alert, b: Alert) => b.createdAt - a.createdAt;
const merge = (list: Alert[], alert: Alert) => [alert, ...list.filter((x) => x.id !== alert.id)].sort(byNewest);

export const useAlertsStore = create<AlertsState>()((set, get) => ({
  active: [],
  history: [],
  historyLoaded: false,
  error: null,
  revealList: false,

  async loadActive() {
    const r = await api().call('alerts.list', { limit: 20 });
    if (!r.ok) return set({ error: r.error });
    // Events that arrived during the call stay.
    const fromServer = r.value.alerts.filter((a) => a.dismissedAt === null && a.actions.includes('banner'));
    set({ active: fromServer.reduce(merge, get().active), error: null });
  },

  async loadHistory() {
    const r = await api().call('alerts.list', { limit: 200, includeDismissed: true });
    set(r.ok ? { history: [...r.value.alerts].sort(byNewest), historyLoaded: true, error: null } : { error: r.error });
  },

  raised(alert) {
    set({ active: merge(get().active, alert), history: get().historyLoaded ? merge(get().history, alert) : get().history });
  },

  async dismiss(id) {
    const before = get().active;
    set({ active: before.filter((a) => a.id !== id) });
    const r = await api().call('alerts.dismiss', { id });
    if (!r.ok) return set({ active: before, error: r.error });
    const now = Date.now();
    set({ history: get().history.map((a) => (a.id === id && a.dismissedAt === null ? { ...a, dismissedAt: now } : a)), error: null });
  },

  async dismissAll() {
    const before = get().active;
    set({ active: [] });
    const r = await api().call('alerts.dismiss', { all: true });
    if (!r.ok) return set({ active: before, error: r.error });
    const now = Date.now();
    set({ history: get().history.map((a) => (a.dismissedAt === null ? { ...a, dismissedAt: now } : a)), error: null });
  },
}));
