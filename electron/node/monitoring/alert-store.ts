// Every raised alert, on SQLite: listed by `alerts.list`, dismissed by `alerts.dismiss`, and read
// at startup for the last time each rule fired (so a restart does not reset the cooldowns).
import type Database from 'better-sqlite3';
import { ALERT_ACTIONS, type AlertAction, type AlertCondition, type AlertMetric } from '../../../shared/core/monitoring/config.ts';
import type { AnomalySeries } from '../../../shared/core/monitoring/anomaly-detector.ts';
import type { Alert, AlertSource, AlertWebhookStatus } from '../../../shared/core/monitoring/alert-types.ts';
import type { AlertCandidate } from '../../../shared/core/monitoring/alert-rules.ts';
import { nanoToUsd } from '../../../shared/core/pricing/money.ts';

interface AlertRow {
  id: string;
  created_at: number;
  source: AlertSource;
  rule_key: string;
  name: string;
  metric: string;
  condition: AlertCondition;
  unit: 'nano_usd' | 'ratio';
  value_nano: number | null;
  threshold_nano: number | null;
  value_ratio: number | null;
  threshold_ratio: number | null;
  z_score: number | null;
  message: string;
  query_id: string | null;
  actions_json: string;
  webhook_status: AlertWebhookStatus['status'] | null;
  webhook_attempts: number;
  webhook_error: string | null;
  dismissed_at: number | null;
}

export interface ListAlertsOptions {
  limit: number;
  includeDismissed: boolean;
  since?: number | undefined;
}

export interface AlertStore {
  /** Stores a candidate as raised at `createdAt` and returns the API's view of it. */
  insert(id: string, createdAt: number, c: AlertCandidate, webhook: AlertWebhookStatus | null): Alert;
  setWebhook(id: string, status: AlertWebhookStatus): void;
  list(opts: ListAlertsOptions): Alert[];
  get(id: string): Alert | null;
  /** Dismisses one alert (or every undismissed one with `id` null); returns how many changed. */
  dismiss(id: string | null, at: number): number;
  /** When each rule key last fired. */
  lastFired(): Map<string, number>;
}

function parseActions(json: string): AlertAction[] {
  const parsed: unknown = JSON.parse(json);
  const known = new Set<unknown>(ALERT_ACTIONS);
  return Array.isArray(parsed) ? parsed.filter((a): a is AlertAction => known.has(a)) : [];
}

function toAlert(r: AlertRow): Alert {
  const usd = r.unit === 'nano_usd';
  return {
    id: r.id,
    createdAt: r.created_at,
    source: r.source,
    metric: r.metric as AlertMetric | AnomalySeries,
    name: r.name,
    condition: r.condition,
    unit: usd ? 'usd' : 'ratio',
    threshold: usd ? nanoToUsd(r.threshold_nano ?? 0) : (r.threshold_ratio ?? 0),
    value: usd ? nanoToUsd(r.value_nano ?? 0) : (r.value_ratio ?? 0),
    zScore: r.z_score,
    message: r.message,
    queryId: r.query_id,
    actions: parseActions(r.actions_json),
    webhook: r.webhook_status === null ? null : { status: r.webhook_status, attempts: r.webhook_attempts, error: r.webhook_error },
    dismissedAt: r.dismissed_at,
  };
}

export function createAlertStore(db: Database.Database): AlertStore {
  const insert = db.prepare<AlertRow>(`
    INSERT INTO alerts (id, created_at, source, rule_key, name, metric, condition, unit, value_nano, threshold_nano, value_ratio,
      threshold_ratio, z_score, message, query_id, actions_json, webhook_status, webhook_attempts, webhook_error, dismissed_at)
    VALUES (@id, @created_at, @source, @rule_key, @name, @metric, @condition, @unit, @value_nano, @threshold_nano, @value_ratio,
      @threshold_ratio, @z_score, @message, @query_id, @actions_json, @webhook_status, @webhook_attempts, @webhook_error, @dismissed_at)`);
  const updateWebhook = db.prepare<{ id: string; status: string; attempts: number; error: string | null }>(
    'UPDATE alerts SET webhook_status = @status, webhook_attempts = @attempts, webhook_error = @error WHERE id = @id',
  );
  const selectOne = db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?');
  const selectPage = db.prepare<{ since: number; limit: number; all: number }, AlertRow>(`
    SELECT * FROM alerts WHERE created_at >= @since AND (@all = 1 OR dismissed_at IS NULL)
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  const dismissOne = db.prepare<{ id: string; at: number }>('UPDATE alerts SET dismissed_at = @at WHERE id = @id AND dismissed_at IS NULL');
  const dismissAll = db.prepare<{ at: number }>('UPDATE alerts SET dismissed_at = @at WHERE dismissed_at IS NULL');
  const lastFired = db.prepare<[], { rule_key: string; at: number }>('SELECT rule_key, MAX(created_at) AS at FROM alerts GROUP BY rule_key');

  return {
    insert(id, createdAt, c, webhook) {
      const usd = c.unit === 'nano_usd';
      const row: AlertRow = {
        id,
        created_at: createdAt,
        source: c.source,
        rule_key: c.key,
        name: c.name,
        metric: c.metric,
        condition: c.condition,
        unit: c.unit,
        value_nano: usd ? Math.round(c.value) : null,
        threshold_nano: usd ? Math.round(c.threshold) : null,
        value_ratio: usd ? null : c.value,
        threshold_ratio: usd ? null : c.threshold,
        z_score: c.zScore,
        message: c.message,
        query_id: c.queryId,
        actions_json: JSON.stringify(c.actions),
        webhook_status: webhook?.status ?? null,
        webhook_attempts: webhook?.attempts ?? 0,
        webhook_error: webhook?.error ?? null,
        dismissed_at: null,
      };
      insert.run(row);
      return toAlert(row);
    },
    setWebhook(id, s) {
      updateWebhook.run({ id, status: s.status, attempts: s.attempts, error: s.error });
    },
    list({ limit, includeDismissed, since }) {
      return selectPage.all({ since: since ?? 0, limit, all: includeDismissed ? 1 : 0 }).map(toAlert);
    },
    get(id) {
      const row = selectOne.get(id);
      return row === undefined ? null : toAlert(row);
    },
    dismiss(id, at) {
      return id === null ? dismissAll.run({ at }).changes : dismissOne.run({ id, at }).changes;
    },
    lastFired() {
      return new Map(lastFired.all().map((r) => [r.rule_key, r.at]));
    },
  };
}
