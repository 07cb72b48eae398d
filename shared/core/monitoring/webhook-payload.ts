// The JSON a webhook receives: Slack's incoming-webhook `text` (Slack, Mattermost, Discord's
// /slack endpoint and Teams workflows read it) next to the alert's fields for machines.
import type { Alert } from './alert-types.ts';

export interface WebhookBody {
  text: string;
  app: 'cascadeflow';
  alertId: string;
  createdAt: string;
  source: Alert['source'];
  metric: Alert['metric'];
  name: string;
  condition: Alert['condition'];
  unit: Alert['unit'];
  threshold: number;
  value: number;
  zScore: number | null;
  queryId: string | null;
}

export function webhookBody(alert: Alert): WebhookBody {
  return {
    text: `[CascadeFlow] ${alert.message}`,
    app: 'cascadeflow',
    alertId: alert.id,
    createdAt: new Date(alert.createdAt).toISOString(),
    source: alert.source,
    metric: alert.metric,
    name: alert.name,
    condition: alert.condition,
    unit: alert.unit,
    threshold: alert.threshold,
    value: alert.value,
    zScore: alert.zScore,
    queryId: alert.queryId,
  };
}
