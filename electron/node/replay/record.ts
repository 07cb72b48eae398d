// Runs a prompt set through live models (the real provider adapters) and hands each finished
// item to `onItem` as a trace line: every model's answer, usage, cost and label. Items run a few
// at a time; an item whose call fails is reported and left out (re-running records it), and an
// error that every later call would repeat (bad key, unknown model, server down) stops the run.
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import { streamCall } from '../../../shared/core/cascade/attempt.ts';
import { costOfCall, type PricingContext } from '../../../shared/core/pricing/index.ts';
import type { Clock, ProviderResolver } from '../../../shared/core/ports.ts';
import type { ProviderError, ProviderErrorCode } from '../../../shared/core/provider-error.ts';
import type { PromptItem } from '../../../shared/core/replay/prompt-set.ts';
import { recordedTraceItem, type LiveAnswer } from '../../../shared/core/replay/record-labels.ts';
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
  signal?: AbortSignal;
  /** A finished item: write it before the next one is reported. */
  onItem(item: TraceItem, costNano: number): void;
  onFailure?(prompt: PromptItem, error: ProviderError): void;
}

export interface RecordFailure {
  id: string;
  line: number;
  model: string;
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
  cancelled: boolean;
}

async function answer(o: RecordRunOptions, prompt: PromptItem, tier: TierConfig, signal: AbortSignal): Promise<LiveAnswer | ProviderError> {
  const provider = o.providers.forTier(tier);
  const call = await streamCall(
    { tier, provider },
    { model: tier.model, messages: prompt.messages, ...(o.request?.maxTokens !== undefined ? { maxTokens: o.request.maxTokens } : {}), ...(o.request?.temperature !== undefined ? { temperature: o.request.temperature } : {}) },
    signal,
    o.clock,
    () => {},
  );
  if (call.error) return call.error;
  const usage = call.usage ?? { inputTokens: countChatTokensCached(prompt.messages), outputTokens: countTokensCached(call.text), cachedInputTokens: 0, cacheWriteTokens: 0 };
  return {
    model: tier.model,
    provider: tier.provider,
    text: call.text,
    usage,
    usageCounted: call.usage === null,
    costNano: costOfCall(o.pricing, tier, usage, call.latencyMs).costNano,
    finishReason: call.finishReason,
    latencyMs: call.latencyMs,
  };
}

export async function recordPrompts(o: RecordRunOptions): Promise<RecordRunResult> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) stop.abort();

  const result: RecordRunResult = { recorded: 0, failed: [], costNano: 0, stoppedBy: null, cancelled: false };
  let next = 0;

  const runOne = async (prompt: PromptItem): Promise<void> => {
    // The models of one item run side by side: they are usually different servers.
    const answers = await Promise.all(o.tiers.map((tier) => answer(o, prompt, tier, stop.signal)));
    // An item whose every answer arrived is kept even when the run is stopping: it was paid for.
    const errorAt = answers.findIndex((a) => !('text' in a));
    if (errorAt >= 0) {
      const error = answers[errorAt] as ProviderError;
      if (error.code === 'cancelled') return;
      const failure: RecordFailure = { id: prompt.id, line: prompt.line, model: o.tiers[errorAt]?.model ?? '', code: error.code, message: error.message };
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
    const cost = live.reduce((s, a) => s + (a.costNano ?? 0), 0);
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
