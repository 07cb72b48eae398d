// Turns the configured rules and the detector's anomalies into alerts to raise, honouring each
// one's cooldown so a rule whose condition keeps holding does not fire on every query.
import { formatUsd, formatUsdAmount, nanoToUsd } from '../pricing/money.ts';
import type { Anomaly, AnomalySeries } from './anomaly-detector.ts';
import { RATIO_METRICS, type AlertAction, type AlertCondition, type AlertMetric, type AlertRuleConfig, type AnomalyConfig } from './config.ts';
import { measure, type RecentQueries } from './recent-queries.ts';
import type { AlertSource } from './alert-types.ts';
import { counted } from '../words.ts';

const MINUTE_MS = 60_000;

/** An alert about to be raised; costs in nano-USD. */
export interface AlertCandidate {
  source: AlertSource;
  /** Identifies the rule (or anomaly series) for its cooldown, across restarts too. */
  key: string;
  name: string;
  metric: AlertMetric | AnomalySeries;
  condition: AlertCondition;
  unit: 'nano_usd' | 'ratio';
  threshold: number;
  value: number;
  zScore: number | null;
  samples: number;
  queryId: string | null;
  message: string;
  actions: AlertAction[];
  webhookUrl?: string | undefined;
  webhookUrlEnv?: string | undefined;
}

export interface Cooldowns {
  /** True when `key` last fired at least `cooldownMs` before `now` (or never). */
  ready(key: string, now: number, cooldownMs: number): boolean;
  mark(key: string, at: number): void;
}

export function createCooldowns(): Cooldowns {
  const last = new Map<string, number>();
  return {
    ready(key, now, cooldownMs) {
      const at = last.get(key);
      return at === undefined || now - at >= cooldownMs;
    },
    mark(key, at) {
      const prev = last.get(key);
      if (prev === undefined || at > prev) last.set(key, at);
    },
  };
}

export function ruleKey(rule: AlertRuleConfig): string {
  return `rule:${rule.name ?? `${rule.metric} ${rule.condition} ${rule.threshold}`}`;
}

export function anomalyKey(series: AnomalySeries): string {
  return `anomaly:${series}`;
}

const METRIC_WORDS: Record<AlertMetric, string> = {
  hourly_cost: 'spend in the last hour',
  daily_cost: 'spend in the last 24 hours',
  avg_quality: 'average answer quality',
  verifier_usage_pct: 'verifier usage',
  drafter_acceptance_rate: 'drafter acceptance',
};

const RATIO_WINDOW_WORDS: Record<'avg_quality' | 'verifier_usage_pct' | 'drafter_acceptance_rate', string> = {
  avg_quality: 'scored answers',
  verifier_usage_pct: 'queries with a verifier',
  drafter_acceptance_rate: 'answered queries with a drafter',
};

const pct = (r: number, extraDigits = 0) => `${(r * 100).toFixed((r < 0.1 ? 1 : 0) + extraDigits)}%`;

function formatValue(metric: AlertMetric, unit: 'nano_usd' | 'ratio', v: number, extraDigits = 0): string {
  if (unit === 'nano_usd') return formatUsdAmount(nanoToUsd(v), extraDigits);
  return metric === 'avg_quality' ? v.toFixed(2 + extraDigits) : pct(v, extraDigits);
}

/** Past this many extra decimals a ratio's difference is noise (and a cost's is below 1 nano-USD). */
const MAX_EXTRA_DIGITS = 7;

/**
 * The value with as many decimals as it takes to read differently from the threshold it crossed:
 * a quality of 0.8465 under 0.85 is "0.846, below 0.85", never "0.85, below 0.85".
 */
function valueAgainstThreshold(metric: AlertMetric, unit: 'nano_usd' | 'ratio', value: number, threshold: number): string {
  const limit = formatValue(metric, unit, threshold);
  for (let extra = 0; extra < MAX_EXTRA_DIGITS; extra++) {
    const text = formatValue(metric, unit, value, extra);
    if (text !== limit) return text;
  }
  return formatValue(metric, unit, value, MAX_EXTRA_DIGITS);
}

function ruleMessage(rule: AlertRuleConfig, name: string, unit: 'nano_usd' | 'ratio', value: number, threshold: number, samples: number, cacheHits = 0): string {
  const dir = rule.condition === 'greater_than' ? 'above' : 'below';
  // Said, so "last 12" in a window of 20 is not read as a miscount.
  const cached = cacheHits > 0 ? `; ${counted(cacheHits, 'answer', 'answers')} from the cache left out` : '';
  const over = RATIO_METRICS.has(rule.metric)
    ? `last ${samples} ${RATIO_WINDOW_WORDS[rule.metric as keyof typeof RATIO_WINDOW_WORDS]}${cached}`
    : counted(samples, 'query', 'queries');
  return `${name}: ${METRIC_WORDS[rule.metric]} is ${valueAgainstThreshold(rule.metric, unit, value, threshold)}, ${dir} ${formatValue(rule.metric, unit, threshold)} (${over}).`;
}

/**
 * Checks every rule against the recent queries at `now` and returns those that fire, marking
 * their cooldowns. A ratio rule waits for `minQueries` queries in its window; a cost rule always
 * has a value (no spend is $0, which a `less_than` rule may want to hear about).
 */
export function checkRules(rules: readonly AlertRuleConfig[], recent: RecentQueries, now: number, cooldowns: Cooldowns, queryId: string | null): AlertCandidate[] {
  const fired: AlertCandidate[] = [];
  for (const rule of rules) {
    const key = ruleKey(rule);
    if (!cooldowns.ready(key, now, rule.cooldownMinutes * MINUTE_MS)) continue;
    const ratio = RATIO_METRICS.has(rule.metric);
    const m = measure(rule.metric, recent, now, rule.window);
    if (m.value === null || (ratio && m.samples < rule.minQueries)) continue;
    const unit = ratio ? 'ratio' : 'nano_usd';
    const threshold = ratio ? rule.threshold : Math.round(rule.threshold * 1e9);
    const holds = rule.condition === 'greater_than' ? m.value > threshold : m.value < threshold;
    if (!holds) continue;
    cooldowns.mark(key, now);
    const name = rule.name ?? `${rule.metric} ${rule.condition === 'greater_than' ? '>' : '<'} ${rule.threshold}`;
    fired.push({
      source: 'rule',
      key,
      name,
      metric: rule.metric,
      condition: rule.condition,
      unit,
      threshold,
      value: m.value,
      zScore: null,
      samples: m.samples,
      queryId,
      message: ruleMessage(rule, name, unit, m.value, threshold, m.samples, m.cacheHits),
      actions: rule.actions,
      webhookUrl: rule.webhookUrl,
      webhookUrlEnv: rule.webhookUrlEnv,
    });
  }
  return fired;
}

function anomalyMessage(a: Anomaly): string {
  const z = a.zScore.toFixed(1);
  if (a.series === 'query_cost') {
    // The model first: a tier number says nothing to someone who did not write the config.
    const who = a.model === null ? `tier ${(a.tier ?? 0) + 1}` : `${a.model}${a.local === null ? '' : a.local ? ' (local)' : ' (cloud)'}`;
    return `Cost spike: ${who} answered a query for ${formatUsd(Math.round(a.value))}, ${z} standard deviations above the mean of the last ${a.samples} queries its tier answered (${formatUsd(Math.round(a.mean))}).`;
  }
  return `Verifier usage jump: ${pct(a.value)} of the latest queries used the verifier, against ${pct(a.mean)} over the ${a.samples} before them (z = ${z}).`;
}

/** An anomaly as an alert, or null while its series is cooling down (the cooldown is marked). */
export function anomalyCandidate(a: Anomaly, cfg: AnomalyConfig, now: number, cooldowns: Cooldowns): AlertCandidate | null {
  const key = anomalyKey(a.series);
  if (!cooldowns.ready(key, now, cfg.cooldownMinutes * MINUTE_MS)) return null;
  cooldowns.mark(key, now);
  const cost = a.series === 'query_cost';
  return {
    source: 'anomaly',
    key,
    name: cost ? 'Cost spike' : 'Verifier usage jump',
    metric: a.series,
    condition: 'greater_than',
    unit: cost ? 'nano_usd' : 'ratio',
    threshold: cost ? Math.round(a.bound) : a.bound,
    value: cost ? Math.round(a.value) : a.value,
    zScore: a.zScore,
    samples: a.samples,
    queryId: a.queryId,
    message: anomalyMessage(a),
    actions: cfg.actions,
    webhookUrl: cfg.webhookUrl,
    webhookUrlEnv: cfg.webhookUrlEnv,
  };
}
