// Composition root: opens the database, builds stores, providers and the engine, and hands
// the transports one `dispatch` and one event bus. Nothing is opened at import time.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppInfo } from '../../shared/api/contract.ts';
import { createCascadeEngine } from '../../shared/core/cascade/engine.ts';
import type { AppConfig } from '../../shared/core/config/schema.ts';
import { mathRandom, systemClock, type Clock, type IdGen, type ProviderResolver, type Random } from '../../shared/core/ports.ts';
import { typedCall, type Backend, type SecretStore } from './backend-types.ts';
import type { ConfigFile } from './config-file.ts';
import { createConfigHolder } from './config-holder.ts';
import { createDispatch } from './dispatch.ts';
import { createEventBus } from './events.ts';
import { createLedgerDownloads } from './ledger-downloads.ts';
import { createLiveRunRegistry } from './live-run-registry.ts';
import { createPendingLedgerWrites } from './pending-ledger-writes.ts';
import { createHandlers } from './handlers/index.ts';
import { startConversationPurge } from './conversation-purge.ts';
import { scheduleBackups } from './backup/scheduled-backups.ts';
import { createBudgetGuard } from './budget/budget-guard.ts';
import { createResponseCache } from './cache/response-cache.ts';
import { createMonitoringService, type DesktopNotification } from './monitoring/monitoring-service.ts';
import { createProviderResolver } from './providers/index.ts';
import { setupPlaceOf } from './providers/setup-advice.ts';
import type { Services } from './services.ts';
import { createConversationStore } from './sqlite/conversation-store.ts';
import { createLedgerStore } from './sqlite/ledger-store.ts';
import { openDatabase, withBusyTimeout } from './sqlite/open-database.ts';
import { storageFailure } from './sqlite/storage-failure.ts';
import { createSecretFileStore } from './sqlite/secret-file-store.ts';
import { createSettingsStore } from './sqlite/settings-store.ts';

export interface BackendOptions {
  dbPath: string;
  dataDir: string;
  mode: AppInfo['mode'];
  version?: string;
  /** The --config / CASCADEFLOW_CONFIG file as read (readConfigFile): its config is used instead of the stored settings, and saving the settings writes it back there. */
  configFile?: ConfigFile;
  /** A config given without a file (tests), used like a file's; ignored when `configFile` is given. */
  config?: AppConfig;
  secrets?: SecretStore;
  env?: Record<string, string | undefined>;
  providers?: ProviderResolver;
  clock?: Clock;
  ids?: IdGen;
  random?: Random;
  /** Where unexpected errors go (the app log); never the renderer. */
  log?: (message: string, error?: unknown) => void;
  /** Back the database up on the schedule in config.backup; default: in browser mode and the desktop app. */
  backupSchedule?: boolean;
  /** Shows an alert as an OS notification (the desktop app wires Electron's Notification). */
  onDesktopNotification?: (n: DesktopNotification) => void;
  /** Serve /metrics when the config enables it; default: in browser mode and the desktop app. */
  serveMetrics?: boolean;
  /** Told the /metrics URL once the endpoint listens. */
  onMetricsListening?: (url: string) => void;
  /** Told before an existing database is upgraded to this version's schema (it may take a while). */
  onDatabaseUpgrade?: (pending: string[]) => void;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  if (opts.dbPath !== ':memory:') mkdirSync(dirname(opts.dbPath), { recursive: true });
  const db = openDatabase(opts.dbPath, opts.onDatabaseUpgrade ? { onUpgrade: opts.onDatabaseUpgrade } : {});
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? { next: () => randomUUID() };
  const secrets = opts.secrets ?? createSecretFileStore(opts.dataDir);
  const settings = createSettingsStore(db);
  const log = opts.log ?? ((m, e) => console.error(`[cascadeflow] ${m}`, e ?? ''));
  const config = createConfigHolder({ ...(opts.configFile ? { file: opts.configFile } : {}), ...(opts.config ? { fromFile: opts.config } : {}), settings, log });
  const providers =
    opts.providers ??
    createProviderResolver({
      env,
      getSecret: (name) => secrets.get(name),
      circuitBreaker: { settings: () => config.get().circuitBreaker, now: () => clock.now() },
      setupPlace: setupPlaceOf(opts.mode),
    });
  const ledger = createLedgerStore(db);
  const engine = createCascadeEngine({
    providers,
    clock,
    ids,
    random: opts.random ?? mathRandom,
    onAudit: ({ queryId, attempt, agreement }) =>
      ledger.recordAudit({ queryId, topModel: attempt.model, topAnswer: attempt.text, agrees: agreement.agrees, similarity: agreement.similarity, costNano: attempt.costNanoUsd, createdAt: clock.now() }),
  });

  const info: AppInfo = { version: opts.version ?? '0.1.0', mode: opts.mode, dataDir: opts.dataDir, dbPath: opts.dbPath, configSource: config.source() };
  const events = createEventBus();
  const monitoring = createMonitoringService({
    db,
    config: () => config.get(),
    events,
    clock,
    ids,
    lookupSecret: (name) => env[name] || secrets.get(name),
    log,
    onDesktopNotification: opts.onDesktopNotification,
    serveMetrics: opts.serveMetrics ?? (opts.mode === 'browser' || opts.mode === 'desktop'),
    onMetricsListening: opts.onMetricsListening,
  });
  const conversations = createConversationStore(db, { ids, clock });
  const services: Services = {
    info,
    db,
    ledger,
    conversations,
    conversationPurge: startConversationPurge({ conversations, clock, log }),
    settings,
    secrets,
    config,
    providers,
    engine,
    events,
    clock,
    ids,
    env,
    liveRuns: createLiveRunRegistry(),
    inflight: new Set(),
    pendingWrites: createPendingLedgerWrites({ log, withoutWaiting: (retry) => withBusyTimeout(db, 0, retry) }),
    monitoring,
    budget: createBudgetGuard({ db, ids, clock }),
    responseCache: createResponseCache({ db, clock, ids, env, log }),
    downloads: createLedgerDownloads({ db, clock }),
  };
  const dispatch = createDispatch(
    createHandlers(services),
    (method, error) => log(`${method} failed`, error),
    (error) => storageFailure(error, opts.dbPath),
  );
  const backups = scheduleBackups({
    db,
    dbPath: opts.dbPath,
    dataDir: opts.dataDir,
    enabled: opts.backupSchedule ?? (opts.mode === 'browser' || opts.mode === 'desktop'),
    config: () => config.get().backup,
    clock,
    log,
  });

  let closed = false;
  return {
    dispatch,
    call: typedCall(dispatch),
    events,
    downloads: services.downloads,
    info,
    async close() {
      if (closed) return;
      closed = true;
      services.liveRuns.abortAll();
      await Promise.allSettled([...services.inflight]);
      await engine.idle();
      services.pendingWrites.close();
      await backups.close();
      await monitoring.close();
      await services.responseCache.close();
      services.downloads.close();
      services.conversationPurge.close();
      db.close();
    },
  };
}
