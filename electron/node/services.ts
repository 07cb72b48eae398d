// Everything a handler may use, built once by the composition root (backend.ts).
import type { AppInfo } from '../../shared/api/contract.ts';
import type { CascadeEngine } from '../../shared/core/cascade/engine.ts';
import type { LedgerStore } from '../../shared/core/ledger/types.ts';
import type { Clock, IdGen, ProviderResolver } from '../../shared/core/ports.ts';
import type { SecretStore } from './backend-types.ts';
import type { ConfigHolder } from './config-holder.ts';
import type { BudgetGuard } from './budget/budget-guard.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import type { ConversationPurge } from './conversation-purge.ts';
import type { EventBus } from './events.ts';
import type { LedgerDownloads } from './ledger-downloads.ts';
import type { LiveRunRegistry } from './live-run-registry.ts';
import type { MonitoringService } from './monitoring/monitoring-service.ts';
import type { PendingLedgerWrites } from './pending-ledger-writes.ts';
import type { Database } from './sqlite/open-database.ts';
import type { createConversationStore } from './sqlite/conversation-store.ts';
import type { createSettingsStore } from './sqlite/settings-store.ts';

export interface Services {
  info: AppInfo;
  db: Database;
  ledger: LedgerStore;
  conversations: ReturnType<typeof createConversationStore>;
  /** Removes deleted conversations once they can no longer be restored. */
  conversationPurge: ConversationPurge;
  settings: ReturnType<typeof createSettingsStore>;
  secrets: SecretStore;
  config: ConfigHolder;
  providers: ProviderResolver;
  engine: CascadeEngine;
  events: EventBus;
  clock: Clock;
  ids: IdGen;
  env: Record<string, string | undefined>;
  /** Runs in progress: what `cascade.cancel` aborts and `cascade.active` shows. */
  liveRuns: LiveRunRegistry;
  /** Settles when in-flight runs have recorded their rows. */
  inflight: Set<Promise<unknown>>;
  /** Runs' ledger writes the database could not take yet (disk full, locked), retried until they land. */
  pendingWrites: PendingLedgerWrites;
  /** Anomaly detection, alert rules, Prometheus counters: told about every recorded query. */
  monitoring: MonitoringService;
  /** Spend limits: reserve before a run, settle when it is recorded. */
  budget: BudgetGuard;
  responseCache: ResponseCache;
  /** Ledger exports prepared for the transports' downloads. */
  downloads: LedgerDownloads;
}
