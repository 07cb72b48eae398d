// What every adapter shares: the tunables, and running an SDK call under a CallGuard with all
// failures mapped to ProviderError.
import type { ProviderError } from '../../../shared/core/provider-error.ts';
import type { StreamChunk } from '../../../shared/core/model.ts';
import { CallGuard, GuardTripped, type CallLimits } from './call-guard.ts';
import { cancelledError, timeoutError, toProviderError, type ErrorContext } from './errors.ts';
import { capRetryAfter, withSignal, type Fetch } from './fetch-wrappers.ts';

export interface AdapterTuning {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: Fetch;
  /** SDK retries for 408/409/429/5xx and connection errors (default 2). */
  maxRetries?: number;
  /** Whole-call deadline (default 120 s; a tier's timeoutMs). */
  timeoutMs?: number;
  /** Longest silence while waiting for headers or the next chunk (default 60 s, at most timeoutMs). */
  idleTimeoutMs?: number;
  /** A Retry-After longer than this fails fast with `rate_limited` instead of waiting (default 10 s). */
  maxRetryAfterMs?: number;
}

export const TUNING_DEFAULTS = { maxRetries: 2, timeoutMs: 120_000, idleTimeoutMs: 60_000, maxRetryAfterMs: 10_000 } as const;

/** Listing models is a quick probe; it never waits as long as an answer may. */
export const LIST_TIMEOUT_MS = 15_000;

export function limitsOf(t: AdapterTuning): CallLimits {
  const timeoutMs = t.timeoutMs ?? TUNING_DEFAULTS.timeoutMs;
  return { timeoutMs, idleTimeoutMs: Math.min(t.idleTimeoutMs ?? TUNING_DEFAULTS.idleTimeoutMs, timeoutMs) };
}

/**
 * What the OpenAI and Anthropic SDKs are given alike for a call under `guard`: their own retries,
 * failing fast on a long Retry-After; every request tied to the guard; the whole-call timeout;
 * and no SDK logging.
 */
export function sdkCallOptions(t: AdapterTuning, guard: CallGuard) {
  return {
    fetch: capRetryAfter(withSignal(t.fetch ?? globalThis.fetch, guard.signal), t.maxRetryAfterMs ?? TUNING_DEFAULTS.maxRetryAfterMs),
    maxRetries: t.maxRetries ?? TUNING_DEFAULTS.maxRetries,
    timeout: limitsOf(t).timeoutMs,
    logLevel: 'off' as const,
  };
}

export function mapFailure(e: unknown, guard: CallGuard, ctx: ErrorContext): ProviderError {
  const reason = e instanceof GuardTripped ? e.reason : guard.reason;
  if (reason === 'cancelled') return cancelledError(ctx);
  if (reason === 'timeout') return timeoutError(ctx, guard.limits.timeoutMs, 'total');
  if (reason === 'idle') return timeoutError(ctx, guard.limits.idleTimeoutMs, 'idle');
  if (reason === 'deadline') return timeoutError(ctx, undefined, 'total');
  return toProviderError(e, ctx);
}

/** Streams `produce` under a guard; `ctx.phase` is for `produce` to flip once the answer starts. */
export async function* guardedStream(
  ctx: ErrorContext,
  limits: CallLimits,
  signal: AbortSignal,
  produce: (guard: CallGuard) => AsyncIterable<StreamChunk>,
): AsyncGenerator<StreamChunk> {
  const guard = new CallGuard(signal, limits);
  try {
    yield* produce(guard);
  } catch (e) {
    throw mapFailure(e, guard, ctx);
  } finally {
    guard.dispose();
  }
}

export async function guardedCall<T>(ctx: ErrorContext, limits: CallLimits, signal: AbortSignal | undefined, call: (guard: CallGuard) => Promise<T>): Promise<T> {
  const guard = new CallGuard(signal, limits);
  try {
    return await guard.run(call(guard));
  } catch (e) {
    throw mapFailure(e, guard, ctx);
  } finally {
    guard.dispose();
  }
}
