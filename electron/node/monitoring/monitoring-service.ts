// The backend's monitoring: watches every recorded query (anomaly detector, alert rules,
// Prometheus counters), raises alerts (SQLite row, `alert.raised` banner event, desktop
// notification hook, webhook) and runs the optional /metrics endpoint. It never throws into the
// run that recorded the query: a monitoring failure is logged, the answer is not lost.
import type Database from 'better-sqlite3';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { anomalyCandidate, checkRules, createCooldowns, type AlertCandidate, type Cooldowns } from '../../../shared/core/monitoring/alert-rules.ts';
import type { Alert, AlertWebhookStatus } from '../../../shared/core/monitoring/alert-types.ts';
import { createAnomalyDetector, type AnomalyDetector } from '../../../shared/core/monitoring/anomaly-detector.ts';
import { resolveMonitoringConfig, type MonitoringConfig } from '../../../shared/core/monitoring/config.ts';
import { digestFromRecord } from '../../../shared/core/monitoring/digest.ts';
import { createRecentQueries, DAY_MS, measure, type RecentQueries } from '../../../shared/core/monitoring/recent-queries.ts';
import { webhookBody } from '../../../shared/core/monitoring/webhook-payload.ts';
import type { Clock, IdGen } from '../../../shared/core/ports.ts';
import type { EventBus } from '../events.ts';
import { createAlertStore, type AlertStore } from './alert-store.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';
import { createPromMetrics, type PromMetrics } from './prometheus.ts';
import { loadRecentDigests } from './recent-digests.ts';
import { postWebhook } from './webhook.ts';

export interface DesktopNotification {
  title: string;
  body: string;
  alertId: string;
}

export interface MonitoringDeps {
  db: Database.Database;
  config: () => AppConfig;
  events: EventBus;
  clock: Clock;
  ids: IdGen;
  /** Resolves `webhookUrlEnv`: the environment first, then the stored secrets. */
  lookupSecret: (name: string) => string | undefined;
  log: (message: string, error?: unknown) => void;
  /** Desktop: shows an OS notification (Electron's Notification). Absent: the action is skipped. */
  onDesktopNotification?: ((n: DesktopNotification) => void) | undefined;
  /** Run the /metrics endpoint when the config enables it (serve and the desktop app). */
  serveMetrics: boolean;
  onMetricsListening?: ((url: string) => void) | undefined;
  /** First webhook retry delay (tests shorten it). */
  webhookBaseDelayMs?: number | undefined;
  /** How often rules are checked without new queries. */
  periodicCheckMs?: number | undefined;
}

export interface MonitoringService {
  /** Call after a query's rows are committed. */
  onQueryRecorded(row: QueryRecord): void;
  /** Checks the rules now, without a new query (the periodic timer does this every minute). */
  checkNow(): void;
  readonly alerts: AlertStore;
  readonly metrics: PromMetrics;
  /** Settles when every webhook delivery started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** How long close() lets webhook deliveries finish before cancelling them. */
const CLOSE_GRACE_MS = 2_000;
const MIN_KEPT_QUERIES = 100;

interface State {
  key: string;
  detector: AnomalyDetector;
  recent: RecentQueries;
  acceptanceWindow: number;
}

function stateKey(cfg: MonitoringConfig, keep: number): string {
  const a = cfg.anomaly;
  return JSON.stringify([a.enabled, a.window, a.recent, a.threshold, a.minSamples, a.minSpikeUsd, keep]);
}

function resolveWebhookUrl(c: AlertCandidate, lookup: (name: string) => string | undefined): { url: string } | { error: string } {
  const raw = c.webhookUrl ?? (c.webhookUrlEnv ? lookup(c.webhookUrlEnv) : undefined);
  if (raw === undefined || raw.trim() === '') return { error: `no webhook URL: ${c.webhookUrlEnv ?? 'webhookUrl'} is not set` };
  try {
    const u = new URL(raw.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: u.href };
  } catch {
    // Reported below without echoing the value: it may be a credential.
  }
  return { error: `the webhook URL in ${c.webhookUrlEnv ?? 'webhookUrl'} is not an http(s) URL` };
}

export function createMonitoringService(deps: MonitoringDeps): MonitoringService {
  const { db, clock, log } = deps;
  const alerts = createAlertStore(db);
  const metrics = createPromMetrics();
  const cooldowns: Cooldowns = createCooldowns();
  for (const [key, at] of alerts.lastFired()) cooldowns.mark(key, at);
  const deliveries = new Set<Promise<void>>();
  const closing = new AbortController();
  let closed = false;
  let state: State | null = null;

  const monitoringConfig = () => resolveMonitoringConfig(deps.config());

  /** (Re)builds the in-memory windows from the ledger when the settings that shape them change. */
  function ensureState(cfg: MonitoringConfig, now: number, excludeId: string | null): State {
    const keep = Math.max(MIN_KEPT_QUERIES, cfg.anomaly.window + cfg.anomaly.recent, ...cfg.alerts.rules.map((r) => r.window));
    const key = stateKey(cfg, keep);
    if (state?.key === key) return state;
    const history = loadRecentDigests(db, { count: keep, since: now - DAY_MS }).filter((d) => d.id !== excludeId);
    const detector = createAnomalyDetector(cfg.anomaly);
    if (cfg.anomaly.enabled) detector.seed(history);
    const recent = createRecentQueries({ keepQueries: keep });
    for (const d of history) recent.add(d);
    state = { key, detector, recent, acceptanceWindow: cfg.anomaly.window };
    metrics.setAcceptance(measure('drafter_acceptance_rate', recent, now, state.acceptanceWindow).value);
    return state;
  }

  function deliver(alert: Alert, url: string, cfg: MonitoringConfig): void {
    const work = postWebhook(url, webhookBody(alert), {
      attempts: cfg.alerts.webhook.attempts,
      timeoutMs: cfg.alerts.webhook.timeoutMs,
      signal: closing.signal,
      ...(deps.webhookBaseDelayMs !== undefined ? { baseDelayMs: deps.webhookBaseDelayMs } : {}),
    })
      .then((r) => {
        alerts.setWebhook(alert.id, { status: r.delivered ? 'delivered' : 'failed', attempts: r.attempts, error: r.error });
        if (!r.delivered) log(`alert webhook not delivered (${alert.name}): ${r.error ?? 'unknown error'}`);
      })
      .catch((e: unknown) => log('alert webhook delivery failed', e));
    deliveries.add(work);
    void work.finally(() => deliveries.delete(work));
  }

  function raise(c: AlertCandidate, cfg: MonitoringConfig): void {
    const wantsWebhook = c.actions.includes('webhook');
    const target = wantsWebhook ? resolveWebhookUrl(c, deps.lookupSecret) : null;
    const webhook: AlertWebhookStatus | null =
      target === null ? null : 'url' in target ? { status: 'pending', attempts: 0, error: null } : { status: 'failed', attempts: 0, error: target.error };
    const alert = alerts.insert(deps.ids.next(), clock.now(), c, webhook);
    metrics.alertRaised(c.source);
    if (c.actions.includes('banner')) deps.events.emit('alert.raised', alert);
    if (c.actions.includes('desktop') && deps.onDesktopNotification) {
      try {
        deps.onDesktopNotification({ title: `CascadeFlow: ${c.name}`, body: c.message, alertId: alert.id });
      } catch (e) {
        log('desktop notification failed', e);
      }
    }
    if (target !== null && 'url' in target) deliver(alert, target.url, cfg);
  }

  function onQueryRecorded(row: QueryRecord): void {
    if (closed) return;
    try {
      const cfg = monitoringConfig();
      const now = clock.now();
      const s = ensureState(cfg, now, row.id);
      const digest = digestFromRecord(row);
      const anomalies = cfg.anomaly.enabled ? s.detector.observe(digest) : [];
      s.recent.add(digest);
      s.recent.prune(now);
      metrics.record(row, digest.quality);
      metrics.setAcceptance(measure('drafter_acceptance_rate', s.recent, now, s.acceptanceWindow).value);
      for (const a of anomalies) {
        const c = anomalyCandidate(a, cfg.anomaly, now, cooldowns);
        if (c) raise(c, cfg);
      }
      for (const c of checkRules(cfg.alerts.rules, s.recent, now, cooldowns, row.id)) raise(c, cfg);
    } catch (e) {
      log('monitoring could not process a recorded query', e);
    }
  }

  function checkNow(): void {
    if (closed) return;
    try {
      const cfg = monitoringConfig();
      if (cfg.alerts.rules.length === 0) return;
      const now = clock.now();
      const s = ensureState(cfg, now, null);
      s.recent.prune(now);
      for (const c of checkRules(cfg.alerts.rules, s.recent, now, cooldowns, null)) raise(c, cfg);
    } catch (e) {
      log('monitoring could not check the alert rules', e);
    }
  }

  // The /metrics endpoint follows the config: started, moved or stopped when it changes.
  let server: MetricsServer | null = null;
  let serverPort: number | null = null;
  let serverWork: Promise<void> = Promise.resolve();
  function reconcileServer(): void {
    if (!deps.serveMetrics) return;
    const m = monitoringConfig().metrics;
    const want = m.enabled && !closed ? m.port : null;
    serverWork = serverWork.then(async () => {
      if (server !== null && want !== serverPort) {
        await server.close();
        server = null;
        serverPort = null;
      }
      if (want === null || server !== null || closed) return;
      try {
        server = await startMetricsServer(metrics, want);
        serverPort = want;
        deps.onMetricsListening?.(server.url);
      } catch (e) {
        log(`the metrics endpoint could not listen on 127.0.0.1:${want}`, e);
      }
    });
  }

  ensureState(monitoringConfig(), clock.now(), null);
  reconcileServer();
  const unsubscribe = deps.events.subscribe((e) => {
    if (e.name === 'config.changed') reconcileServer();
  });
  const timer = setInterval(checkNow, deps.periodicCheckMs ?? 60_000);
  timer.unref();

  const settle = () => Promise.allSettled([...deliveries]).then(() => undefined);
  return {
    onQueryRecorded,
    checkNow,
    alerts,
    metrics,
    idle: settle,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      unsubscribe();
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([settle(), new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(graceTimer);
      closing.abort();
      await settle();
      reconcileServer();
      await serverWork;
      if (server !== null) await server.close();
    },
  };
}
