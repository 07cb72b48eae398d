// The single source of truth of the API: every method's input and output, and every event.
// Adding a feature = add it here and in schemas.ts, then write its handler (a missing handler
// is a compile error in electron/node/handlers/index.ts).
import type { AppConfig, ProviderKind } from '../core/config/schema.ts';
import type { CascadeEvent, CascadeOutcome } from '../core/cascade/types.ts';
import type { DiscoveredModel } from '../core/ports.ts';
import type { ListedModel } from '../core/pricing/list-prices.ts';
import type { BudgetStatus } from '../core/budget/types.ts';
import type { DailyPoint, DomainCost, LedgerSummary, ModelCost, TagCost, TopQuery } from '../core/ledger/types.ts';
import type { Alert } from '../core/monitoring/alert-types.ts';
import type { CostForecast } from '../core/monitoring/forecast.ts';
import type { CostReport } from '../core/monitoring/report.ts';
import type { ReplayReport } from '../core/replay/analyze.ts';
import type { ReplayTraceInfo, UnreadableTrace } from '../core/replay/library.ts';
import type { UsageProfile } from '../core/breakeven/my-numbers.ts';
import type { ApiInput, ApiMethodName, ApiParsedInput } from './schemas.ts';

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser' | 'cli' | 'test';
  dataDir: string;
  dbPath: string;
  configSource: 'file' | 'database' | 'default';
}

export interface ModelStatus {
  model: string;
  provider: ProviderKind;
  /** Where it is used: "tier 1", "domain code, tier 2", or "discovered". */
  usedAs: string[];
  local: boolean;
  reachable: boolean | null;
  reachability: string;
  /** USD per million tokens; null = price unknown. */
  inputPerMTok: number | null;
  outputPerMTok: number | null;
  pricing: 'list' | 'override' | 'energy' | 'unknown';
  /**
   * With pricing 'unknown': up to three ids the provider's price list has that are close to this
   * model's ("llama-3.2-3b-preview" for "llama-3.2-3b"), for a "did you mean ...?". Never applied.
   */
  priceSuggestions?: string[];
}

export interface ProviderTestResult {
  ok: boolean;
  message: string;
  models: DiscoveredModel[];
}

export interface SecretStatus {
  name: string;
  isSet: boolean;
  source: 'env' | 'store' | null;
}

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** What its answers cost, without the calls of models whose price is unknown (see below). */
  costUsd: number;
  baselineCostUsd: number;
  savingsUsd: number;
  /**
   * Answers that called a model without a known price: their cost is not fully in costUsd, so the
   * total is a lower bound and a saving computed from it says nothing.
   */
  unknownPriceQueries: number;
}

/** Where a conversation search found its words in a message (conversations.list with `search`). */
export interface ConversationMatch {
  /** The first message, in conversation order, whose text holds the search: the one to show. */
  messageId: string;
  /** The words around the match on one line, "…" where the message goes on. */
  snippet: string;
  /** Where the match is in `snippet` (UTF-16 offsets), to mark it. */
  matchStart: number;
  matchLength: number;
}

export interface ConversationListItem extends ConversationSummary {
  /** Only in search results, when a message matched (a match in the title alone has none). */
  match?: ConversationMatch;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  queryId: string | null;
  outcome: CascadeOutcome | null;
  feedback: 'up' | 'down' | null;
}

export interface CostEstimate {
  inputTokens: number;
  /**
   * Per tier of the configured cascade: cost of sending this prompt as input, as many times as
   * the tier answers (`answers`: its consistency samples when it drafts, else 1); null = price unknown.
   */
  tiers: { model: string; provider: ProviderKind; inputCostUsd: number | null; pricing: 'list' | 'override' | 'energy' | 'unknown'; local: boolean; answers: number }[];
  contextWindow: number | null;
}

/** When the ledger's first and last queries were recorded (epoch ms); null for an empty ledger. */
export interface LedgerExtent {
  firstAt: number | null;
  lastAt: number | null;
}

// Defined beside the break-even form it fills (shared/core/breakeven/my-numbers.ts).
export type { UsageProfile };

/**
 * A ledger export registered by `ledger.prepareExport`, fetched through the transport's download
 * (GET /api/downloads/<downloadId> in browser mode, the download IPC channel on the desktop):
 * single use, valid for 5 minutes.
 */
export interface PreparedDownload {
  downloadId: string;
  filename: string;
  mimeType: string;
  /** Queries in the range when the export was prepared. */
  rows: number;
}

/** How a transport's download ended: saved to a file (desktop), declined, or handed to the browser. */
export type DownloadOutcome = { saved: string; rows: number } | { cancelled: true } | { started: true };

/**
 * A run's event as the transports carry it: `seq` numbers the run's events from 0, so a view
 * rebuilt from cascade.active can tell the live events it already holds from those it lacks.
 */
export type RunEvent = CascadeEvent & { seq: number };

/**
 * A run still answering, with what a page needs to show it as if it had started it (a reloaded
 * page, another window): replaying `events` through the live run reducer rebuilds the answer so
 * far, and the live events with a higher seq continue it.
 */
export interface ActiveRun {
  runId: string;
  conversationId: string | null;
  /** The question being answered. */
  prompt: string;
  /** The user message this run added to the conversation; null for a retry (its question was saved before) or a run outside one. */
  userMessageId: string | null;
  startedAt: number;
  forceTop: boolean;
  regenerate: boolean;
  /** The events so far, in order, with each attempt's text and thinking deltas merged. */
  events: CascadeEvent[];
  /** The seq of the last event `events` includes; -1 before the first. */
  seq: number;
  /** The run's text grew past what is kept: later deltas are missing from `events` (each attempt.finished still has its full text). */
  truncated: boolean;
}

/** Rows of each kind in a backup document (or imported from one). */
export interface BackupCounts {
  settings: number;
  conversations: number;
  messages: number;
  queries: number;
  calls: number;
  audits: number;
}

/** The whole database as one JSON document (settings without secrets, conversations, ledger). */
export interface BackupExport {
  filename: string;
  mimeType: 'application/json';
  content: string;
  counts: BackupCounts;
}

export interface BackupImportResult {
  mode: 'merge' | 'replace';
  imported: BackupCounts;
  /** Rows whose id was already in the database (merge keeps the database's copy). */
  skipped: BackupCounts;
}

/** An online copy of the SQLite file in <dataDir>/backups. */
export interface BackupCreated {
  path: string;
  name: string;
  sizeBytes: number;
  createdAt: number;
  /** Older backups removed to keep the configured number. */
  removed: string[];
}

type Io<I extends ApiMethodName, O> = { input: ApiInput<I>; parsed: ApiParsedInput<I>; output: O };

export interface ApiMethods {
  'app.info': Io<'app.info', AppInfo>;
  /**
   * `revision` names the stored config this is (a hash of it): give it back to config.set so a
   * save never silently writes over a change made elsewhere since.
   */
  'config.get': Io<'config.get', { config: AppConfig; source: AppInfo['configSource']; revision: string }>;
  /** With `revision`: refused with 'conflict' (details.revision: the stored one) when the stored config changed since. */
  'config.set': Io<'config.set', { config: AppConfig; revision: string }>;
  'models.list': Io<'models.list', { models: ModelStatus[] }>;
  'pricing.list': Io<'pricing.list', { models: ListedModel[] }>;
  'providers.test': Io<'providers.test', ProviderTestResult>;
  'secrets.list': Io<'secrets.list', { secrets: SecretStatus[] }>;
  'secrets.set': Io<'secrets.set', SecretStatus>;
  'secrets.delete': Io<'secrets.delete', SecretStatus>;
  'conversations.list': Io<'conversations.list', { conversations: ConversationListItem[] }>;
  'conversations.create': Io<'conversations.create', ConversationSummary>;
  'conversations.rename': Io<'conversations.rename', ConversationSummary>;
  /**
   * `undoMs`: how long conversations.restore can bring it back (0 when nothing was deleted). The
   * other windows are told with conversations.changed, as they are of a restore.
   */
  'conversations.delete': Io<'conversations.delete', { deleted: boolean; undoMs: number }>;
  /** Undoes a delete made less than `undoMs` ago: the conversation as it was, messages, title, place and ledger links. */
  'conversations.restore': Io<'conversations.restore', ConversationSummary>;
  'conversations.get': Io<'conversations.get', { conversation: ConversationSummary; messages: MessageView[] }>;
  /** A new conversation with the messages before one of its questions, named `title`: where an edited question is asked. */
  'conversations.fork': Io<'conversations.fork', ConversationSummary>;
  'cascade.run': Io<'cascade.run', CascadeOutcome>;
  'cascade.cancel': Io<'cascade.cancel', { cancelled: boolean }>;
  /** Runs in progress (in one conversation, or all), so a page opened mid-answer can follow them. */
  'cascade.active': Io<'cascade.active', { runs: ActiveRun[] }>;
  'cascade.estimate': Io<'cascade.estimate', CostEstimate>;
  'feedback.set': Io<'feedback.set', { queryId: string; rating: 'up' | 'down' | null }>;
  'ledger.summary': Io<'ledger.summary', LedgerSummary>;
  'ledger.daily': Io<'ledger.daily', { points: DailyPoint[] }>;
  'ledger.byModel': Io<'ledger.byModel', { models: ModelCost[] }>;
  'ledger.topQueries': Io<'ledger.topQueries', { queries: TopQuery[] }>;
  'ledger.byTag': Io<'ledger.byTag', { tags: TagCost[] }>;
  /** Cost and drafter acceptance per detected domain (code, math, general, or a configured route), the costliest first. */
  'ledger.byDomain': Io<'ledger.byDomain', { domains: DomainCost[] }>;
  'ledger.prepareExport': Io<'ledger.prepareExport', PreparedDownload>;
  'ledger.usageProfile': Io<'ledger.usageProfile', UsageProfile>;
  'ledger.extent': Io<'ledger.extent', LedgerExtent>;
  'budget.status': Io<'budget.status', BudgetStatus>;
  'cache.clear': Io<'cache.clear', { cleared: number; backend: 'sqlite' | 'redis' }>;
  'alerts.list': Io<'alerts.list', { alerts: Alert[] }>;
  'alerts.dismiss': Io<'alerts.dismiss', { dismissed: number }>;
  'forecast.get': Io<'forecast.get', CostForecast>;
  'report.get': Io<'report.get', CostReport>;
  'backup.export': Io<'backup.export', BackupExport>;
  'backup.import': Io<'backup.import', BackupImportResult>;
  'backup.create': Io<'backup.create', BackupCreated>;
  /** `unreadable`: traces in the data folder that cannot be read, left out of `traces`. */
  'replay.traces': Io<'replay.traces', { traces: ReplayTraceInfo[]; unreadable: UnreadableTrace[] }>;
  'replay.import': Io<'replay.import', ReplayTraceInfo>;
  /** The same document as `cascadeflow replay --json`. */
  'replay.run': Io<'replay.run', ReplayReport>;
  'replay.apply': Io<'replay.apply', { config: AppConfig; notes: string[] }>;
}

// Compile-time check that the contract and the schemas list the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameMethods: Same<keyof ApiMethods, ApiMethodName> = true;
void _sameMethods;

export type MethodName = keyof ApiMethods;
export type MethodInput<K extends MethodName> = ApiMethods[K]['input'];
export type MethodOutput<K extends MethodName> = ApiMethods[K]['output'];

/**
 * Every method name, as a plain list so the preload can allowlist methods without bundling zod.
 * The type below fails to compile when this list and the contract drift apart.
 */
export const API_METHOD_NAMES = [
  'app.info',
  'config.get',
  'config.set',
  'models.list',
  'pricing.list',
  'providers.test',
  'secrets.list',
  'secrets.set',
  'secrets.delete',
  'conversations.list',
  'conversations.create',
  'conversations.rename',
  'conversations.delete',
  'conversations.restore',
  'conversations.get',
  'conversations.fork',
  'cascade.run',
  'cascade.cancel',
  'cascade.active',
  'cascade.estimate',
  'feedback.set',
  'ledger.summary',
  'ledger.daily',
  'ledger.byModel',
  'ledger.topQueries',
  'ledger.byTag',
  'ledger.byDomain',
  'ledger.prepareExport',
  'ledger.usageProfile',
  'ledger.extent',
  'budget.status',
  'cache.clear',
  'alerts.list',
  'alerts.dismiss',
  'forecast.get',
  'report.get',
  'backup.export',
  'backup.import',
  'backup.create',
  'replay.traces',
  'replay.import',
  'replay.run',
  'replay.apply',
] as const satisfies readonly MethodName[];
const _allListed: Same<(typeof API_METHOD_NAMES)[number], MethodName> = true;
void _allListed;

export interface ApiEvents {
  'cascade.event': RunEvent;
  'ledger.changed': { queryId: string };
  'conversations.changed': { conversationId: string };
  'config.changed': Record<string, never>;
  /** An alert whose actions include the in-app banner. */
  'alert.raised': Alert;
  /** A replay.run in progress: queries replayed so far (about every 1%). */
  'replay.progress': { runId: string; done: number; total: number };
}
export type EventName = keyof ApiEvents;
export const API_EVENT_NAMES: EventName[] = ['cascade.event', 'ledger.changed', 'conversations.changed', 'config.changed', 'alert.raised', 'replay.progress'];

/** What the preload exposes and what the browser bridge imitates. */
export interface BridgeApi {
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Fetches a PreparedDownload's rows into a file; answers a Result<DownloadOutcome>. */
  download(downloadId: string): Promise<unknown>;
  subscribe(listener: (event: { name: EventName; payload: unknown }) => void): () => void;
}
