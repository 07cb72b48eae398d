// Replay's only stand-in: a provider that streams a model's recorded answer instead of calling
// it, so the real engine and the real validator judge the real draft text, offline. Time is
// simulated: each answer "takes" its output tokens at a fixed generation speed, which is what
// the engine's energy pricing of local models reads.
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage, LlmRequest, ReportedUsage, StreamChunk } from '../model.ts';
import type { Clock, LlmProvider, ProviderResolver } from '../ports.ts';
import { ProviderError } from '../provider-error.ts';
import { countChatTokensCached, countTokensCached } from './token-counts.ts';
import type { RecordedResponse, RecordedSample, TraceItem } from './trace.ts';

/** A recorded answer ready to stream: usage as recorded, else counted once with estimate.ts. */
export interface PreparedAnswer {
  text: string;
  usage: ReportedUsage;
  /** True when the trace had no usage and the tokens were counted from the text. */
  counted: boolean;
  finishReason: NonNullable<RecordedResponse['finish_reason']>;
  /** Simulated generation time: output tokens at the replay's tokens-per-second. */
  durationMs: number;
  /** The extra answers a tier with `samples` draws (LlmRequest.sample 1, 2...), prepared alike. */
  samples: PreparedAnswer[];
}

export interface ReplayTiming {
  /** Generation speed assumed for every recorded answer (energy cost of local models). */
  tokensPerSecond: number;
}

export const DEFAULT_REPLAY_TOKENS_PER_SECOND = 30;

export function toChatMessages(item: TraceItem): ChatMessage[] {
  return item.messages.map((m) => ({ role: m.role, content: m.content }));
}

/**
 * A recorded answer and the first `samples` of its recorded extra answers (none unless asked:
 * the tier's `samples` minus one).
 */
export function prepareAnswer(messages: readonly ChatMessage[], r: RecordedResponse, timing: ReplayTiming, inputTokens?: number, samples = 0): PreparedAnswer {
  const tokens = inputTokens ?? countChatTokensCached(messages);
  return { ...prepareOne(r, timing, tokens), samples: (r.samples ?? []).slice(0, samples).map((s) => ({ ...prepareOne(s, timing, tokens), samples: [] })) };
}

function prepareOne(r: RecordedSample, timing: ReplayTiming, inputTokens: number): Omit<PreparedAnswer, 'samples'> {
  const counted = r.usage === undefined;
  const usage: ReportedUsage = r.usage
    ? { inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens, cachedInputTokens: r.usage.cached_input_tokens ?? 0, cacheWriteTokens: 0 }
    : { inputTokens, outputTokens: countTokensCached(r.text), cachedInputTokens: 0, cacheWriteTokens: 0 };
  return {
    text: r.text,
    usage,
    counted,
    finishReason: r.finish_reason ?? 'stop',
    durationMs: (usage.outputTokens / timing.tokensPerSecond) * 1000,
  };
}

/** Monotonic time that only moves when a recorded answer is "generated". */
export interface ReplayClock extends Clock {
  advance(ms: number): void;
}

export function createReplayClock(epochMs = 0): ReplayClock {
  let t = 0;
  return {
    now: () => epochMs + Math.floor(t),
    monotonic: () => t,
    advance(ms) {
      if (Number.isFinite(ms) && ms > 0) t += ms;
    },
  };
}

/** Splits the answer into a few chunks so the engine sees a stream, as from a real model. */
const CHUNK_CHARS = 256;

export class RecordedProvider implements LlmProvider {
  readonly kind: TierConfig['provider'];
  readonly label: string;

  constructor(
    private readonly tier: TierConfig,
    private readonly answer: PreparedAnswer | undefined,
    private readonly clock: ReplayClock,
    private readonly itemId: string,
  ) {
    this.kind = tier.provider;
    this.label = `recorded answers of ${tier.model}`;
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamChunk> {
    const cancelled = () => new ProviderError({ code: 'cancelled', provider: this.tier.provider, model: this.tier.model, message: 'Cancelled.' });
    if (signal.aborted) throw cancelled();
    const a = request.sample === undefined ? this.answer : this.answer?.samples[request.sample - 1];
    if (a === undefined) {
      const what = request.sample === undefined ? 'answer' : `sample ${request.sample}`;
      throw new ProviderError({ code: 'model_not_found', provider: this.tier.provider, model: this.tier.model, message: `The trace has no recorded ${what} of ${this.tier.model} for item ${this.itemId}.` });
    }
    for (let i = 0; i < a.text.length; i += CHUNK_CHARS) {
      if (signal.aborted) throw cancelled();
      yield { type: 'text', text: a.text.slice(i, i + CHUNK_CHARS) };
    }
    this.clock.advance(a.durationMs);
    yield { type: 'done', finishReason: a.finishReason, usage: a.usage };
  }
}

/** Providers for one trace item: each tier streams that model's recorded answer. */
export function recordedResolver(itemId: string, answers: ReadonlyMap<string, PreparedAnswer>, clock: ReplayClock): ProviderResolver {
  return { forTier: (tier) => new RecordedProvider(tier, answers.get(tier.model), clock, itemId) };
}
