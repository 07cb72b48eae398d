// An alert as the API, the event bus and the webhook show it. Costs are USD at this edge
// (the rule's threshold is written in USD); SQLite keeps them as integer nano-USD.
import type { AlertAction, AlertCondition, AlertMetric } from './config.ts';
import type { AnomalySeries } from './anomaly-detector.ts';

export type AlertSource = 'rule' | 'anomaly';

export interface AlertWebhookStatus {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** "HTTP 500", "timed out after 5000 ms", ...: never the URL (it may hold a token). */
  error: string | null;
}

export interface Alert {
  id: string;
  createdAt: number;
  source: AlertSource;
  /** A rule's metric, or the anomaly series (query_cost, verifier_share). */
  metric: AlertMetric | AnomalySeries;
  /** The rule's name, or "Cost spike" / "Verifier usage jump". */
  name: string;
  condition: AlertCondition;
  /** `usd` for costs, `ratio` (0-1) otherwise. */
  unit: 'usd' | 'ratio';
  /** The rule's threshold; for an anomaly, the bound the value crossed (mean + threshold x sigma). */
  threshold: number;
  value: number;
  /** Anomalies only: standard deviations above the window's mean. */
  zScore: number | null;
  message: string;
  /** The query whose recording triggered the check (null for a periodic check). */
  queryId: string | null;
  actions: AlertAction[];
  /** null when the alert has no webhook action. */
  webhook: AlertWebhookStatus | null;
  dismissedAt: number | null;
}
