// The engine's view of the outside world. Time, ids and I/O are injected so the core runs
// the same in Electron, in the browser-mode server, in the CLI and in tests.
import type { TierConfig, ProviderKind } from './config/schema.ts';
import type { LlmRequest, StreamChunk } from './model.ts';

export interface Clock {
  /** Wall-clock epoch milliseconds (for timestamps). */
  now(): number;
  /** Monotonic milliseconds (for latencies). */
  monotonic(): number;
}

export interface IdGen {
  next(): string;
}

export interface DiscoveredModel {
  name: string;
  sizeBytes?: number;
  parameterSize?: string;
  family?: string;
  quantization?: string;
}

/**
 * A model endpoint. `stream` yields text / logprobs / tool_call chunks and ends with exactly one
 * `done` chunk; failures are thrown as ProviderError. Aborting `signal` ends the stream promptly
 * with ProviderError code `cancelled`.
 */
export interface LlmProvider {
  readonly kind: ProviderKind;
  /** Human name with its address, e.g. "Ollama at http://127.0.0.1:11434". */
  readonly label: string;
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamChunk>;
  /** Models the server has installed (Ollama /api/tags, OpenAI-compatible /v1/models). */
  listModels?(signal?: AbortSignal): Promise<DiscoveredModel[]>;
}

/** Builds (and may cache) the provider that serves a tier. */
export interface ProviderResolver {
  forTier(tier: TierConfig): LlmProvider;
}

export interface Random {
  /** Uniform in [0, 1). Injected so audit sampling is reproducible in tests. */
  next(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export const mathRandom: Random = { next: () => Math.random() };

export function counterIds(prefix = 'id'): IdGen {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}
