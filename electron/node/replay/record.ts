// Runs a prompt set through live models (the real provider adapters) and hands each finished
// item to `onItem` as a trace line: every model's answer, usage, cost and label. Items run a few
// at a time; an item whose call fails is reported and left out (re-running records it), and an
// error that every later call would repeat (bad key, unknown model, server down) stops the run.
// With `samples` > 1 each model below the top one also gives samples - 1 extra answers at a
// sampling temperature (for the consistency check); an item is written with all of them or not
// at all. The top model never drafts in a replay, so its extra answers would be paid for unused.
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import { streamCall, tierRequest } from '../../../shared/core/cascade/attempt.ts';
import { isLocalTier } from '../../../shared/core/cascade/ledger-record.ts';
import { answersAtTier, sampleTemperature } from '../../../shared/core/cascade/sampling.ts';
import type { LlmRequest } from '../../../shared/core/model.ts';
import { costOfCall, quoteTier, type PricingContext } from '../../../shared/core/pricing/index.ts';
import type { Clock, ProviderResolver } from '../../../shared/core/ports.ts';
import { isProviderError, type ProviderError, type ProviderErrorCode } from '../../../shared/core/provider-error.ts';
import type { PromptItem } from '../../../shared/core/replay/prompt-set.ts';
import { recordedTraceItem, type LiveAnswer, type LiveSample } from '../../../shared/core/replay/record-labels.ts';
import { countChatTokensCached, countTokensCached } from '../../../shared/core/replay/token-counts.ts';
import type { TraceItem } from '../../../shared/core/replay/trace.ts';

/** Errors that the next call to the same model would repeat: stop instead of failing every item. */
const FATAL: ReadonlySet<ProviderErrorCode> = new Set(['auth_failed', 'model_not_found', 'unreachable']);

export interface RecordRequestOptions {
  maxTokens?: number;
  temperature?: number;
}

export interface RecordRunOptions {
  prompts: readonly PromptItem[];
  /** In order, cheapest first: the last is the top model that unlabelled answers are compared with. */
  tiers: readonly TierConfig[];
  providers: ProviderResolver;
  pricing: PricingContext;
  clock: Clock;
  concurrency: number;
  request?: RecordRequestOptions;
  /**
   * Answers per prompt of each model below the top one: the main one plus samples - 1 extra ones
   * (default 1). The top model answers once.
   */
  samples?: number;
  signal?: AbortSignal;
  /** A finished item: write it before the next one is reported. */
  onItem(item: TraceItem, costNano: number): void;
  onFailure?(prompt: PromptItem, error: ProviderError): void;
}

export interface RecordFailure {
  id: string;
  line: number;
  model: string;
  /** Set when an extra answer failed (1 for the first), not the model's main answer. */
  sample?: number;
  code: ProviderErrorCode;
  message: string;
}

export interface RecordRunResult {
  recorded: number;
  failed: RecordFailure[];
  /** Spent on the recorded items (models without a price are not in it). */
  costNano: number;
  /** Set when an error stopped the run early. */
  stoppedBy: RecordFailure | null;
  /**
   * Prompts whose calls were cut off by the stop (Ctrl-C, SIGTERM, a fatal error): not recorded,
   * and what the providers bill for the part they answered is not known (not in costNano).
   */
  stoppedInFlight: number;
  cancelled: boolean;
}

function requestFor(o: RecordRunOptions, tier: TierConfig, prompt: PromptItem, sample: number): LlmRequest {
  const request: LlmRequest = { ...tierRequest(tier), messages: prompt.messages };
  if (o.request?.maxTokens !== undefined) request.maxTokens = o.request.maxTokens;
  if (sample === 0) {
    if (o.request?.temperature !== undefined) request.temperature = o.request.temperature;
    return request;
  }
  // As the engine draws them: at temperature 0 every extra answer would repeat the main one.
  return { ...request, temperature: sampleTemperature(o.request?.temperature), sample };
}

interface TimedAnswer {
  answer: LiveSample;
  latencyMs: number;
}

/** One call: the main answer (sample 0) or an extra one. */
async function call(o: RecordRunOptions, prompt: PromptItem, tier: TierConfig, sample: number, signal: AbortSignal): Promise<TimedAnswer | ProviderError> {
  const provider = o.providers.forTier(tier);
  const c = await streamCall({ tier, provider }, requestFor(o, tier, prompt, sample), signal, o.clock);
  if (c.error) return c.error;
  const usage = c.usage ?? { inputTokens: countChatTokensCached(prompt.messages), outputTokens: countTokensCached(c.thinking + c.text), cachedInputTokens: 0, cacheWriteTokens: 0 };
  return {
    answer: { text: c.text, usage, usageCounted: c.usage === null, costNano: costOfCall(o.pricing, tier, usage, c.latencyMs).costNano, finishReason: c.finishReason },
    latencyMs: c.latencyMs,
  };
}

interface AnswerError {
  error: ProviderError;
  /** The extra answer that failed; absent when the main answer did. */
  sample?: number;
}

/** A model's main answer, then `extraCount` extra answers; the first failure ends it. */
async function answer(o: RecordRunOptions, prompt: PromptItem, tier: TierConfig, extraCount: number, signal: AbortSignal): Promise<LiveAnswer | AnswerError> {
  // The main answer first, alone: its latency (replay's timing, a local model's energy) must not
  // include waiting behind its own samples.
  const main = await call(o, prompt, tier, 0, signal);
  if (isProviderError(main)) return { error: main };
  const numbers = Array.from({ length: extraCount }, (_, i) => i + 1);
  let extra: (TimedAnswer | ProviderError)[] = [];
  const local = isLocalTier(tier, quoteTier(o.pricing, tier).source);
  if (local) {
    // A local server answers one request at a time: sent together, each would be timed (and
    // priced by energy) with the wait for the others in it.
    for (const n of numbers) {
      const s = await call(o, prompt, tier, n, signal);
      extra.push(s);
      if (isProviderError(s)) break;
    }
  } else {
    extra = await Promise.all(numbers.map((n) => call(o, prompt, tier, n, signal)));
  }
  const samples: LiveSample[] = [];
  for (const [i, s] of extra.entries()) {
    if (isProviderError(s)) return { error: s, sample: i + 1 };
    samples.push(s.answer);
  }
  return { ...main.answer, model: tier.model, provider: tier.provider, latencyMs: main.latencyMs, ...(local ? { local } : {}), ...(samples.length > 0 ? { samples } : {}) };
}

function costOf(a: LiveAnswer): number {
  return (a.costNano ?? 0) + (a.samples ?? []).reduce((s, x) => s + (x.costNano ?? 0), 0);
}

export async function recordPrompts(o: RecordRunOptions): Promise<RecordRunResult> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) stop.abort();

  const result: RecordRunResult = { recorded: 0, failed: [], costNano: 0, stoppedBy: null, stoppedInFlight: 0, cancelled: false };
  let next = 0;

  const runOne = async (prompt: PromptItem): Promise<void> => {
    // The models of one item run side by side: they are usually different servers.
    const answers = await Promise.all(o.tiers.map((tier, i) => answer(o, prompt, tier, answersAtTier(i, o.tiers.length, o.samples) - 1, stop.signal)));
    // An item whose every answer arrived is kept even when the run is stopping: it was paid for.
    const errorAt = answers.findIndex((a) => 'error' in a);
    if (errorAt >= 0) {
      const { error, sample } = answers[errorAt] as AnswerError;
      if (error.code === 'cancelled') {
        result.stoppedInFlight++;
        return;
      }
      const failure: RecordFailure = { id: prompt.id, line: prompt.line, model: o.tiers[errorAt]?.model ?? '', ...(sample !== undefined ? { sample } : {}), code: error.code, message: error.message };
      result.failed.push(failure);
      o.onFailure?.(prompt, error);
      if (FATAL.has(error.code) && result.stoppedBy === null) {
        result.stoppedBy = failure;
        stop.abort();
      }
      return;
    }
    const live = answers as LiveAnswer[];
    const item = recordedTraceItem(prompt, live, new Date(o.clock.now()).toISOString());
    const cost = live.reduce((s, a) => s + costOf(a), 0);
    o.onItem(item, cost);
    result.recorded++;
    result.costNano += cost;
  };

  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < o.prompts.length) {
      const prompt = o.prompts[next++] as PromptItem;
      await runOne(prompt);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, o.prompts.length)) }, worker));
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  result.cancelled = o.signal?.aborted === true;
  return result;
}
