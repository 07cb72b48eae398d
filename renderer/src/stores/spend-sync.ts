// Server events for the spend features: alerts into the banner, and budget / forecast / report
// refreshes when the ledger or the config changes. Started by the app shell next to live-sync.
import type { ApiClient } from '../api/client.ts';
import { useAlertsStore } from './spend-alerts.ts';
import { useReportStore } from './spend-report.ts';
import { useSpendStore } from './spend-store.ts';

export function startSpendSync(client: ApiClient): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const spend = useSpendStore.getState();
      void spend.loadBudget();
      if (spend.forecast) void spend.loadForecast();
      if (useReportStore.getState().status !== 'idle') void useReportStore.getState().load();
    }, 800);
  };
  void useAlertsStore.getState().loadActive();
  void useSpendStore.getState().loadBudget();
  const offs = [
    client.on('alert.raised', (alert) => {
      if (alert.actions.includes('banner')) useAlertsStore.getState().raised(alert);
    }),
    client.on('ledger.changed', refresh),
    client.on('config.changed', refresh),
  ];
  return () => {
    if (timer !== null) clearTimeout(timer);
    for (const off of offs) off();
  };
}
