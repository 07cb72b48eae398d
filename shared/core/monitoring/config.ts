// The `alerts`, `anomaly` and `metrics` sections of the user's config. All three are optional in
// the config file (an older file stays valid and the app behaves as before: no rules, no metrics
// endpoint); `resolveMonitoringConfig` fills in the defaults where the sections are used.
import { z } from 'zod';

export const ALERT_METRICS = ['hourly_cost', 'daily_cost', 'avg_quality', 'verifier_usage_pct', 'drafter_acceptance_rate'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Metrics whose value is a 0-1 ratio (the rest are USD). */
export const RATIO_METRICS: ReadonlySet<AlertMetric> = new Set(['avg_quality', 'verifier_usage_pct', 'drafter_acceptance_rate']);

export const ALERT_CONDITIONS = ['greater_than', 'less_than'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export const ALERT_ACTIONS = ['banner', 'desktop', 'webhook'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like SLACK_WEBHOOK_URL');
const actions = z.array(z.enum(ALERT_ACTIONS)).min(1).max(3);

/** A webhook URL is often a credential (Slack's is): `webhookUrlEnv` keeps it out of the settings. */
const webhookTarget = {
  webhookUrl: httpUrl.optional(),
  /** Environment variable (or stored secret) holding the webhook URL. */
  webhookUrlEnv: envName.optional(),
};

const needsWebhookTarget = (r: { actions: AlertAction[]; webhookUrl?: string | undefined; webhookUrlEnv?: string | undefined }) =>
  !r.actions.includes('webhook') || r.webhookUrl !== undefined || r.webhookUrlEnv !== undefined;
const WEBHOOK_TARGET_MESSAGE = { message: 'the webhook action needs `webhookUrl` or `webhookUrlEnv`', path: ['webhookUrl'] };

export const alertRuleSchema = z
  .object({
    /** Shown in the alert; defaults to "<metric> <condition> <threshold>". */
    name: z.string().min(1).max(100).optional(),
    metric: z.enum(ALERT_METRICS),
    condition: z.enum(ALERT_CONDITIONS),
    /** USD for hourly_cost / daily_cost; a 0-1 ratio for the others (0.5 = 50%). */
    threshold: z.number().finite().nonnegative(),
    actions: actions.default(['banner']),
    ...webhookTarget,
    /** After firing, the rule stays quiet this long even if the condition still holds. */
    cooldownMinutes: z.number().finite().min(0).max(10_080).default(60),
    /** Ratio metrics are measured over the last `window` queries... */
    window: z.number().int().min(1).max(10_000).default(100),
    /** ...and only once at least `minQueries` of them count towards the ratio. */
    minQueries: z.number().int().min(1).max(10_000).default(20),
  })
  .strict()
  .refine((r) => !RATIO_METRICS.has(r.metric) || r.threshold <= 1, {
    message: 'a ratio from 0 to 1 (0.5 = 50%) for avg_quality, verifier_usage_pct and drafter_acceptance_rate',
    path: ['threshold'],
  })
  .refine(needsWebhookTarget, WEBHOOK_TARGET_MESSAGE);
export type AlertRuleConfig = z.infer<typeof alertRuleSchema>;

export const webhookDeliverySchema = z
  .object({
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    attempts: z.number().int().min(1).max(5).default(3),
  })
  .strict();

export const alertsConfigSchema = z
  .object({
    rules: z.array(alertRuleSchema).max(50).default([]),
    webhook: webhookDeliverySchema.prefault({}),
  })
  .strict();
export type AlertsConfig = z.infer<typeof alertsConfigSchema>;

export const anomalyConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Queries in the rolling window the z-score is computed over. */
    window: z.number().int().min(10).max(10_000).default(100),
    /** Standard deviations above the window's mean that count as an anomaly. */
    threshold: z.number().finite().min(0.5).max(20).default(3),
    /** No verdict until the window holds this many queries. */
    minSamples: z.number().int().min(2).max(10_000).default(20),
    /** The verifier share of the last `recent` queries is compared with the window before them. */
    recent: z.number().int().min(5).max(1_000).default(20),
    /**
     * USD. A query that cost less is never a cost spike, however far above its tier's mean: a
     * local drafter's long answer is 17 sigmas above its usual $0.000005 and still costs a
     * hundredth of a cent. The default, a tenth of a cent, is above any local answer's energy
     * and below one typical gpt-4o answer (~$0.006); spend that adds up is for the cost rules.
     */
    minSpikeUsd: z.number().finite().min(0).max(1_000).default(0.001),
    cooldownMinutes: z.number().finite().min(0).max(10_080).default(15),
    actions: actions.default(['banner']),
    ...webhookTarget,
  })
  .strict()
  .refine(needsWebhookTarget, WEBHOOK_TARGET_MESSAGE);
export type AnomalyConfig = z.infer<typeof anomalyConfigSchema>;

export const metricsConfigSchema = z
  .object({
    /** Serve Prometheus metrics on http://127.0.0.1:<port>/metrics (browser mode and desktop app). */
    enabled: z.boolean().default(false),
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65_535).default(9464),
  })
  .strict();
export type MetricsConfig = z.infer<typeof metricsConfigSchema>;

export interface MonitoringConfig {
  alerts: AlertsConfig;
  anomaly: AnomalyConfig;
  metrics: MetricsConfig;
}

export const DEFAULT_ALERTS: AlertsConfig = alertsConfigSchema.parse({});
export const DEFAULT_ANOMALY: AnomalyConfig = anomalyConfigSchema.parse({});
export const DEFAULT_METRICS: MetricsConfig = metricsConfigSchema.parse({});

export function resolveMonitoringConfig(config: { alerts?: AlertsConfig | undefined; anomaly?: AnomalyConfig | undefined; metrics?: MetricsConfig | undefined }): MonitoringConfig {
  return {
    alerts: config.alerts ?? DEFAULT_ALERTS,
    anomaly: config.anomaly ?? DEFAULT_ANOMALY,
    metrics: config.metrics ?? DEFAULT_METRICS,
  };
}
