// What the validator sees and what it says. Each signal is a small pure function
// (signals/*.ts) returning one SignalResult; decide.ts combines them.
import type { ChatMessage, FinishReason, ResponseFormat, TokenLogprob, ToolCall, ToolDefinition } from '../model.ts';

export interface DraftToCheck {
  /** The latest user message: what the answer must address. */
  query: string;
  messages: ChatMessage[];
  answer: string;
  finishReason: FinishReason;
  logprobs?: TokenLogprob[];
  toolCalls?: ToolCall[];
  tools?: ToolDefinition[];
  format?: ResponseFormat;
  domain?: string;
  /** Other answers of the same model to the same messages (a tier's `samples`), for the consistency check. */
  samples?: string[];
}

export const SIGNAL_NAMES = [
  'confidence',
  'refusal',
  'truncation',
  'degenerate',
  'arithmetic',
  'final_answer',
  'self_revision',
  'consistency',
  'json_format',
  'code_blocks',
  'tool_calls',
  'alignment',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

export interface SignalResult {
  name: SignalName;
  /** False when the signal has nothing to judge (no logprobs, no JSON requested...). */
  applicable: boolean;
  /** 1 = looks right, 0 = looks wrong. */
  score: number;
  /** Plain words for the user: "the draft's calculation 13 x 4 = 56 is wrong (13 x 4 = 52)". */
  reason: string;
  /** A hard failure escalates whatever the combined score. */
  hardFail?: boolean;
}

export interface QualityVerdict {
  score: number;
  threshold: number;
  accepted: boolean;
  signals: SignalResult[];
  /** Reasons that weighed against the draft, most important first. */
  reasons: string[];
  /** The sentence shown to the user: "accepted: ..." or "escalated: ...". */
  explanation: string;
  hardFailure: boolean;
}
