// The response cache port: an exact-match store of accepted answers with a time to live.
// SQLite and Redis implement it in electron/node/cache.
import type { ProviderKind } from '../config/schema.ts';
import type { AttemptRole } from '../cascade/types.ts';
import type { FinishReason, ToolCall } from '../model.ts';
import type { QualityVerdict } from '../quality/types.ts';
import type { CacheBackendKind } from './config-schema.ts';
import type { ProviderReasoning } from '../reasoning.ts';

/** What is kept of a successful run: enough to answer again and to price the baseline. */
export interface CachedAnswer {
  version: 1;
  answer: string;
  /** A reasoning model's thinking before the answer, shown again with it. */
  thinking?: string;
  toolCalls?: ToolCall[];
  /** With toolCalls: the answer's thinking blocks, for the client to send back (CascadeOutcome.reasoning). */
  reasoning?: ProviderReasoning;
  /** The tier that gave the answer, in the run's tier list (the same list: tiers are in the key). */
  model: string;
  provider: ProviderKind;
  tier: number;
  role: AttemptRole;
  finishReason: FinishReason | null;
  quality: QualityVerdict | null;
  /** Tokens of the original answering call, for the top tier's estimated baseline. */
  inputTokens: number;
  outputTokens: number;
  sourceQueryId: string;
  storedAt: number;
}

export interface ResponseCacheStore {
  readonly backend: CacheBackendKind;
  /** The live entry under `key`, or null (missing or expired). */
  get(key: string): Promise<CachedAnswer | null>;
  set(key: string, entry: CachedAnswer, ttlMs: number): Promise<void>;
  /** Deletes every entry this app wrote; returns how many. */
  clear(): Promise<number>;
  close(): Promise<void>;
}
