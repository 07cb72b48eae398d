// The ledger: one row per query and one per model call, money as integer nano-USD.
// Stores implement these ports (electron/node/sqlite); analytics shapes are shared with the UI.
import type { Complexity, ProviderKind } from '../config/schema.ts';
import type { AttemptRole, AttemptStatus, RunStatus } from '../cascade/types.ts';

export interface CallRecord {
  seq: number;
  provider: ProviderKind;
  model: string;
  tier: number;
  role: AttemptRole;
  local: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  usageEstimated: boolean;
  /** null = price unknown. */
  costNano: number | null;
  pricing: 'list' | 'override' | 'energy' | 'unknown';
  ttftMs: number | null;
  durationMs: number;
  status: AttemptStatus;
  accepted: boolean;
  qualityScore: number | null;
  /** JSON of the validator's verdict (signals, reasons). */
  qualityJson: string | null;
  finishReason: string | null;
  text: string;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface QueryRecord {
  id: string;
  runId: string;
  createdAt: number;
  conversationId: string | null;
  userId: string | null;
  feature: string | null;
  domain: string;
  complexity: Complexity;
  finalModel: string;
  finalProvider: ProviderKind;
  finalTier: number;
  /** Index of the top tier in the run's tier list (escalated = finalTier > 0). */
  topTier: number;
  escalated: boolean;
  status: RunStatus;
  /** Sum of known call costs. `costComplete` is false when any call's price is unknown. */
  costNano: number;
  costComplete: boolean;
  baselineCostNano: number | null;
  baselineEstimated: boolean;
  latencyMs: number;
  prompt: string;
  answer: string;
  decision: string;
  /** The run's tier list, cheapest first (absent on rows written before it was recorded). */
  tierModels?: string[];
  calls: CallRecord[];
}

export interface TimeRange {
  /** Inclusive epoch ms. */
  from: number;
  /** Exclusive epoch ms. */
  to: number;
}

export interface LedgerSummary {
  queries: number;
  costNano: number;
  baselineCostNano: number;
  /**
   * Baseline - cost over the queries whose cost is known: a query with a call of unknown price
   * has no known saving (its cost leaves that call out), so it adds nothing here.
   */
  savingsNano: number;
  /** savings / the baseline of those same queries, null when none of them has a baseline. */
  savingsRatio: number | null;
  /**
   * Of the answered queries with a tier above the drafter, the share whose draft the validator
   * accepted. Answers served from the response cache are left out (cacheHits): no model ran.
   */
  drafterAcceptanceRate: number | null;
  /*
   * The answered queries with a tier above the drafter, in three parts that add up to them (the
   * denominator of drafterAcceptanceRate):
   */
  /** Answered by the drafter's draft, accepted by the validator. */
  draftsAccepted: number;
  /** Answered by a draft returned unverified: the validator rejected it and no tier above could answer. */
  draftsUnverified: number;
  /** Answered by a tier above the drafter (escalated, or asked directly). */
  answeredAbove: number;
  avgCostNano: number | null;
  /**
   * Queries that went past their first tier: answered above it, or a tier above was tried and
   * failed (every draft kept unverified is among them, as is a query that got no answer from
   * two tiers). escalatedWords says the unverified part, which the chat does not mark escalated.
   * A cache hit is never escalated.
   */
  escalated: number;
  /**
   * Answered from the response cache at $0: in queries, cost and savings, but not in the drafter's
   * acceptance, the escalations or the three parts above.
   */
  cacheHits: number;
  /** Their saving: the top tier's baseline they avoided. null when none of them has a known baseline. */
  cacheSavingsNano: number | null;
  /** Queries with at least one call whose price is unknown. */
  unknownPriceQueries: number;
  localTokens: number;
  cloudTokens: number;
  localCostNano: number;
  cloudCostNano: number;
  /** From audits: share of audited accepted drafts that disagreed with the top tier. */
  falseAcceptRate: number | null;
  audited: number;
}

export interface DailyPoint {
  day: string;
  queries: number;
  costNano: number;
  baselineCostNano: number;
  escalated: number;
  /** Of `queries`, answered from the response cache: not escalations, nor queries that could be. */
  cacheHits: number;
  /** Of the answers a model produced that day: a hit replays a score already counted. */
  avgQuality: number | null;
}

export interface ModelCost {
  model: string;
  provider: ProviderKind;
  local: boolean;
  /** Calls that ran the model: an answer served from the cache is none (no model ran, at $0). */
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costNano: number;
  unknownPriceCalls: number;
}

export interface TopQuery {
  id: string;
  createdAt: number;
  conversationId: string | null;
  prompt: string;
  finalModel: string;
  costNano: number;
  escalated: boolean;
}

export interface TagCost {
  tag: string;
  queries: number;
  costNano: number;
  baselineCostNano: number;
  /** Baseline - cost of the queries whose cost is known (as LedgerSummary.savingsNano). */
  savingsNano: number;
  /** Queries with a call of unknown price: costNano leaves those calls out. */
  unknownPriceQueries: number;
}

/**
 * The queries of one detected domain ("code", "math", "general"... or a configured domain route's
 * name): what they cost and how often the drafter's answer was kept, to see which kinds of
 * question a drafter handles and which would be better routed to one of their own.
 */
export interface DomainCost {
  domain: string;
  queries: number;
  costNano: number;
  baselineCostNano: number;
  /** Queries that went past their first tier (as LedgerSummary.escalated). */
  escalated: number;
  /** Answered queries with a tier above the drafter: the acceptance rate's denominator. */
  drafterEligible: number;
  /** Of those, answered by a draft the validator accepted (not one returned unverified). */
  draftsAccepted: number;
  /** draftsAccepted / drafterEligible, null when no query had a tier above the drafter. */
  drafterAcceptanceRate: number | null;
  /** Of `queries`, answered from the response cache: left out of drafterEligible. */
  cacheHits: number;
  /** Queries with a call of unknown price: costNano leaves those calls out. */
  unknownPriceQueries: number;
}

/** The top tier's answer to a query whose draft was accepted (audit sampling). */
export interface AuditRecord {
  queryId: string;
  topModel: string;
  topAnswer: string;
  agrees: boolean;
  similarity: number | null;
  costNano: number | null;
  createdAt: number;
}

export interface LedgerStore {
  /** Writes the query and all its calls in one transaction. */
  recordQuery(q: QueryRecord): void;
  getQuery(id: string): QueryRecord | null;
  summary(range: TimeRange): LedgerSummary;
  daily(range: TimeRange): DailyPoint[];
  costByModel(range: TimeRange): ModelCost[];
  topQueries(range: TimeRange, limit: number): TopQuery[];
  costByTag(range: TimeRange, tag: 'user' | 'feature'): TagCost[];
  /** Every domain with queries in the range, the costliest first. */
  costByDomain(range: TimeRange): DomainCost[];
  setFeedback(queryId: string, rating: 'up' | 'down' | null, note?: string): void;
  recordAudit(audit: AuditRecord): void;
}
