// The engine's public shapes: what a run is asked to do, what it reports while running,
// and the outcome recorded on the ledger and printed by `cascadeflow ask --json`.
import type { Complexity, ProviderKind, StreamingMode, TierConfig } from '../config/schema.ts';
import type { ChatMessage, FinishReason, ResponseFormat, ToolCall, ToolDefinition } from '../model.ts';
import type { QualityVerdict } from '../quality/types.ts';
import type { ProviderReasoning } from '../reasoning.ts';

export interface CascadeRequest {
  runId?: string;
  conversationId?: string;
  /** The whole conversation, ending with the user's new message. */
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  format?: ResponseFormat;
  mode?: StreamingMode;
  /** Overrides the configured / domain tier list for this request. */
  tiers?: TierConfig[];
  threshold?: number;
  domain?: string;
  requireVerified?: boolean;
  /** Skip the drafters and ask the top tier directly ("retry with the verifier"). */
  forceTop?: boolean;
  /**
   * The highest tier this run may call (a budget that allows only the drafter): its answer is
   * taken as the last tier's would be. The cascade above it still is the baseline.
   */
  lastTier?: number;
  userId?: string;
  feature?: string;
  maxTokens?: number;
  temperature?: number;
  /** Why this run was adjusted before it started (e.g. a budget): shown in the routing reasons and the decision. */
  notes?: string[];
}

/** `sample`: an extra answer of a drafter drawn only to check the draft's consistency (tier `samples`). */
export type AttemptRole = 'draft' | 'verify' | 'parallel' | 'audit' | 'sample';
export type AttemptStatus = 'ok' | 'error' | 'cancelled';
export type RunStatus = 'ok' | 'unverified' | 'failed' | 'cancelled';

export interface AttemptUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** True when the provider did not report usage and it was counted locally. */
  estimated: boolean;
}

export interface Attempt {
  model: string;
  provider: ProviderKind;
  /** Index in the run's tier list (0 = drafter). */
  tier: number;
  role: AttemptRole;
  status: AttemptStatus;
  accepted: boolean;
  quality: QualityVerdict | null;
  usage: AttemptUsage;
  /** null when the model's price is unknown: never shown as $0. */
  costUsd: number | null;
  costNanoUsd: number | null;
  pricing: 'list' | 'override' | 'energy' | 'unknown';
  latencyMs: number;
  ttftMs: number | null;
  finishReason: FinishReason | null;
  text: string;
  /** A reasoning model's thinking before `text`: shown folded, never validated as the answer. */
  thinking?: string;
  toolCalls?: ToolCall[];
  error?: { code: string; message: string };
}

export interface RoutingInfo {
  domain: string;
  domainReasons: string[];
  complexity: Complexity;
  complexityReasons: string[];
  /** Tier models used for this run, cheapest first. */
  tierModels: string[];
  skippedDrafter: boolean;
}

export interface CascadeOutcome {
  runId: string;
  queryId: string;
  conversationId: string | null;
  status: RunStatus;
  answer: string;
  toolCalls?: ToolCall[];
  /**
   * With `toolCalls`, the thinking the answer came with, in its provider's form: send it back as
   * the `reasoning` of the assistant message `{role: 'assistant', content: answer, toolCalls}`
   * that the tool results follow, and a Claude tier keeps thinking at its level (a model that
   * cannot stop thinking needs it to continue at all). Absent when there is nothing to send back.
   */
  reasoning?: ProviderReasoning;
  model: string;
  provider: ProviderKind;
  tier: number;
  escalated: boolean;
  domain: string;
  complexity: Complexity;
  routing: RoutingInfo;
  attempts: Attempt[];
  /** The decision in words: "accepted the local draft: ..." / "escalated: ...". */
  decision: string;
  costUsd: number | null;
  costNanoUsd: number | null;
  baselineCostUsd: number | null;
  baselineCostNanoUsd: number | null;
  /** True when the top tier did not run and its cost was computed from tokens. */
  baselineEstimated: boolean;
  savingsUsd: number | null;
  latencyMs: number;
  error?: { code: string; message: string };
  /** Set when the answer came from the response cache: no model was called. */
  cache?: CacheHit;
}

export interface CacheHit {
  backend: 'sqlite' | 'redis';
  /** The cache key (a hash of the conversation, tiers and sampling parameters). */
  key: string;
  /** When the cached answer was stored, epoch ms. */
  storedAt: number;
  /** The query whose answer was cached. */
  sourceQueryId: string;
}

export type CascadeEvent =
  | { type: 'run.started'; runId: string; conversationId: string | null; routing: RoutingInfo; mode: StreamingMode }
  | { type: 'attempt.started'; runId: string; attempt: number; tier: number; model: string; provider: ProviderKind; role: AttemptRole }
  | { type: 'token'; runId: string; attempt: number; text: string }
  /** Reasoning streamed before the answer; shown and held back exactly like tokens. */
  | { type: 'thinking'; runId: string; attempt: number; text: string }
  | { type: 'attempt.finished'; runId: string; attempt: number; result: Attempt }
  | { type: 'escalated'; runId: string; fromModel: string; toModel: string; reason: string }
  | { type: 'run.finished'; runId: string; outcome: CascadeOutcome };
