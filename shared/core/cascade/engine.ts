// The cascade: ask the cheapest tier first, check its answer, escalate only when the check
// fails. Tiers are tried in order; the first accepted answer wins and the last tier's answer
// is always returned. Every call, accepted or not, is priced and kept in the outcome.
import type { AppConfig, TierConfig } from '../config/schema.ts';
import type { ChatMessage, LlmRequest } from '../model.ts';
import type { ProviderReasoning } from '../reasoning.ts';
import type { Clock, IdGen, ProviderResolver, Random } from '../ports.ts';
import { ProviderError } from '../provider-error.ts';
import { contextWindowOf, estimateChatTokens } from '../tokens/estimate.ts';
import { escalationReason, validateDraft } from '../quality/decide.ts';
import type { DraftToCheck, QualityVerdict } from '../quality/types.ts';
import { compareAnswers, type Agreement } from './agreement.ts';
import { streamCall, tierRequest, type StreamedCall } from './attempt.ts';
import { answersPerQuery, sampleTemperature } from './sampling.ts';
import { pricingContextFromConfig } from '../pricing/context.ts';
import { buildAttempt, summarizeOutcome } from './outcome.ts';
import { planRun, type RunPlan } from './plan.ts';
import type { Attempt, AttemptRole, CascadeEvent, CascadeOutcome, CascadeRequest } from './types.ts';

export type Validator = (draft: DraftToCheck, threshold: number) => QualityVerdict;

export interface AuditResult {
  queryId: string;
  runId: string;
  attempt: Attempt;
  agreement: Agreement;
}

export interface EngineDeps {
  providers: ProviderResolver;
  clock: Clock;
  ids: IdGen;
  random: Random;
  validate?: Validator;
  /** Receives background audits of accepted drafts (config.audit.rate). */
  onAudit?: (audit: AuditResult) => void;
}

export interface RunContext {
  config: AppConfig;
  signal?: AbortSignal;
  onEvent?: (event: CascadeEvent) => void;
}

export interface CascadeEngine {
  run(request: CascadeRequest, ctx: RunContext): Promise<CascadeOutcome>;
  /** Resolves when background audits have finished (used before closing the database). */
  idle(): Promise<void>;
}

interface RunningCall {
  tierIndex: number;
  seq: number;
  role: AttemptRole;
  controller: AbortController;
  /** Reasoning and answer held back while this call is not (yet) the one the user sees. */
  held: { thinking: string; text: string };
  live: boolean;
  done: Promise<StreamedCall>;
  /** Not sent at all: the conversation does not fit the model's context window. */
  refused: boolean;
}

export function createCascadeEngine(deps: EngineDeps): CascadeEngine {
  const validate = deps.validate ?? validateDraft;
  const pendingAudits = new Set<Promise<void>>();

  async function run(request: CascadeRequest, ctx: RunContext): Promise<CascadeOutcome> {
    const runId = request.runId ?? deps.ids.next();
    const queryId = deps.ids.next();
    const plan = planRun(request, ctx.config);
    const pricing = pricingContextFromConfig(ctx.config);
    const emit = (e: CascadeEvent) => ctx.onEvent?.(e);
    const runStarted = deps.clock.monotonic();
    const runAbort = new AbortController();
    const onOuterAbort = () => runAbort.abort();
    ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (ctx.signal?.aborted) runAbort.abort();

    emit({ type: 'run.started', runId, conversationId: request.conversationId ?? null, routing: plan.routing, mode: plan.mode });

    const top = plan.tiers.length - 1;
    const attempts: Attempt[] = [];
    // Kept beside the attempts, not in them: only the answer's goes out, with its tool calls.
    const reasoning = new Map<Attempt, ProviderReasoning>();
    const trail: string[] = [];
    let seq = 0;
    let parallel: RunningCall | null = null;

    const llmRequest = (tier: TierConfig, sample?: number): LlmRequest => ({
      ...tierRequest(tier),
      messages: request.messages,
      tools: request.tools,
      format: request.format,
      maxTokens: request.maxTokens,
      ...(sample === undefined ? { temperature: request.temperature, logprobs: true } : { temperature: sampleTemperature(request.temperature), sample }),
    });

    const fits = contextCheck(request.messages);

    const start = (tierIndex: number, role: AttemptRole, live: boolean, sample?: number): RunningCall => {
      const tier = plan.tiers[tierIndex] as TierConfig;
      const controller = new AbortController();
      const attemptSeq = seq++;
      const running: RunningCall = { tierIndex, seq: attemptSeq, role, controller, held: { thinking: '', text: '' }, live, done: Promise.resolve(null as never), refused: false };
      emit({ type: 'attempt.started', runId, attempt: attemptSeq, tier: tierIndex, model: tier.model, provider: tier.provider, role });
      const tooLong = fits(tier);
      if (tooLong) {
        // Refused before sending: the provider would reject it (or silently truncate it) anyway.
        running.refused = true;
        running.done = Promise.resolve(refusedCall(tooLong));
        return running;
      }
      const abortChild = () => controller.abort();
      runAbort.signal.addEventListener('abort', abortChild, { once: true });
      const provider = deps.providers.forTier(tier);
      const forward = (type: 'token' | 'thinking', held: 'text' | 'thinking') => (text: string) => {
        if (running.live) emit({ type, runId, attempt: attemptSeq, text });
        // A consistency sample is never shown, so its text is not kept for a reveal.
        else if (sample === undefined) running.held[held] += text;
      };
      running.done = streamCall({ tier, provider }, llmRequest(tier, sample), controller.signal, deps.clock, {
        onText: forward('token', 'text'),
        onThinking: forward('thinking', 'thinking'),
      }).finally(() => runAbort.signal.removeEventListener('abort', abortChild));
      return running;
    };

    /** The extra answers of a drafter with `samples`, drawn side by side with its draft. */
    const startSamples = (tierIndex: number): RunningCall[] => {
      const count = answersPerQuery(plan.tiers, tierIndex) - 1;
      return Array.from({ length: count }, (_, i) => start(tierIndex, 'sample', false, i + 1));
    };

    /** Waits for the samples (cancelled first when the draft failed), records them, returns their answers. */
    const settleSamples = async (samples: RunningCall[], draftFailed: boolean): Promise<{ answers: string[]; record: () => void }> => {
      if (draftFailed) for (const s of samples) s.controller.abort();
      const calls = await Promise.all(samples.map((s) => s.done));
      return {
        answers: calls.filter((c) => c.error === null && c.finishReason !== 'length').map((c) => c.text),
        record: () => samples.forEach((s, i) => finish(s, calls[i] as StreamedCall, null, false)),
      };
    };

    /** Shows a held-back call: what it streamed so far, or all of a finished call as it ended up. */
    const reveal = (running: RunningCall, finished?: StreamedCall) => {
      running.live = true;
      // A finished call's text is final (reasoning found only at its end has been taken out).
      const { thinking, text } = finished ?? running.held;
      if (thinking.length > 0) emit({ type: 'thinking', runId, attempt: running.seq, text: thinking });
      if (text.length > 0) emit({ type: 'token', runId, attempt: running.seq, text });
      running.held = { thinking: '', text: '' };
    };

    const finish = (running: RunningCall, call: StreamedCall, verdict: QualityVerdict | null, accepted: boolean): Attempt => {
      const tier = plan.tiers[running.tierIndex] as TierConfig;
      const attempt = buildAttempt({ tier, tierIndex: running.tierIndex, role: running.role, call, verdict, accepted, messages: request.messages, pricing });
      attempts.push(attempt);
      if (call.reasoning) reasoning.set(attempt, call.reasoning);
      emit({ type: 'attempt.finished', runId, attempt: running.seq, result: attempt });
      return attempt;
    };

    let finalAttempt: Attempt | null = null;
    let lastRejected: Attempt | null = null;
    let lastError: Attempt['error'] | undefined;
    let cancelled = false;

    for (let t = plan.startTier; t <= plan.lastTier; t++) {
      // The last tier the run may call answers whatever it says: there is no one left to ask.
      const isLast = t === plan.lastTier;
      const role: AttemptRole = t === top ? 'verify' : 'draft';
      // Buffer mode shows only an accepted answer; the last tier's answer is always accepted.
      const live = plan.mode !== 'buffer' || isLast;
      let running: RunningCall;
      let samples: RunningCall[] = [];
      if (parallel && parallel.tierIndex === t) {
        running = parallel;
        parallel = null;
        running.role = role;
        reveal(running);
        samples = startSamples(t);
      } else {
        running = start(t, role, live);
        samples = startSamples(t);
        if (plan.parallelNext && t === plan.startTier) parallel = start(t + 1, 'parallel', false);
      }

      const call = await running.done;
      const sampled = await settleSamples(samples, call.error !== null);
      if (call.error) {
        const attempt = finish(running, call, null, false);
        sampled.record();
        if (call.error.code === 'cancelled' || runAbort.signal.aborted) {
          cancelled = true;
          break;
        }
        lastError = attempt.error;
        const note = failureNote(attempt.model, call.error.message, running.refused);
        trail.push(note);
        if (!isLast) {
          const next = plan.tiers[t + 1] as TierConfig;
          emit({ type: 'escalated', runId, fromModel: attempt.model, toModel: next.model, reason: note });
        }
        continue;
      }

      const threshold = plan.thresholds[t] ?? ctx.config.quality.threshold;
      const verdict = validate(draftOf(request, plan, call, sampled.answers), threshold);
      const accepted = isLast || verdict.accepted;
      if (accepted && !running.live) reveal(running, call);
      const attempt = finish(running, call, verdict, accepted);
      sampled.record();
      if (accepted) {
        finalAttempt = attempt;
        break;
      }
      lastRejected = attempt;
      trail.push(`${attempt.model}'s answer was not accepted: ${escalationReason(verdict)}`);
      const next = plan.tiers[t + 1] as TierConfig;
      emit({ type: 'escalated', runId, fromModel: attempt.model, toModel: next.model, reason: escalationReason(verdict) });
    }

    // A parallel call that turned out not to be needed is cancelled; what it consumed is still paid for.
    const leftover = parallel as RunningCall | null;
    if (leftover) {
      leftover.controller.abort();
      const call = await leftover.done;
      finish(leftover, call, null, false);
      trail.push(`cancelled the parallel call to ${plan.tiers[leftover.tierIndex]?.model}: the draft was accepted`);
    }
    ctx.signal?.removeEventListener('abort', onOuterAbort);

    const outcome = summarizeOutcome({
      runId,
      queryId,
      conversationId: request.conversationId ?? null,
      plan,
      attempts,
      finalAttempt,
      lastRejected,
      lastError,
      cancelled,
      trail,
      pricing,
      reasoning,
      latencyMs: deps.clock.monotonic() - runStarted,
    });
    emit({ type: 'run.finished', runId, outcome });

    // No audit of a run held below the top tier: whatever held it (a budget) holds the audit too.
    if (outcome.status === 'ok' && outcome.tier < top && plan.lastTier === top && ctx.config.audit.rate > 0 && deps.random.next() < ctx.config.audit.rate) {
      scheduleAudit(request, plan, outcome, pricing);
    }
    return outcome;
  }

  function scheduleAudit(request: CascadeRequest, plan: RunPlan, outcome: CascadeOutcome, pricing: ReturnType<typeof pricingContextFromConfig>) {
    const topIndex = plan.tiers.length - 1;
    const tier = plan.tiers[topIndex] as TierConfig;
    if (contextCheck(request.messages)(tier)) return;
    const job = (async () => {
      const controller = new AbortController();
      const call = await streamCall({ tier, provider: deps.providers.forTier(tier) }, { ...tierRequest(tier), messages: request.messages, tools: request.tools, format: request.format, maxTokens: request.maxTokens }, controller.signal, deps.clock);
      const attempt = buildAttempt({ tier, tierIndex: topIndex, role: 'audit', call, verdict: null, accepted: false, messages: request.messages, pricing });
      const expects = plan.routing.domain === 'math' || /\d/.test(outcome.answer.slice(-200)) ? 'number' : 'text';
      const agreement = call.error ? { agrees: false, similarity: 0, basis: 'text' as const } : compareAnswers(outcome.answer, call.text, expects);
      deps.onAudit?.({ queryId: outcome.queryId, runId: outcome.runId, attempt, agreement });
    })().catch(() => {
      // An audit is best-effort background work; its failure must never affect the user's run.
    });
    pendingAudits.add(job);
    void job.finally(() => pendingAudits.delete(job));
  }

  return {
    run,
    async idle() {
      while (pendingAudits.size > 0) await Promise.all([...pendingAudits]);
    },
  };
}

function draftOf(request: CascadeRequest, plan: RunPlan, call: StreamedCall, samples: string[]): DraftToCheck {
  return {
    query: plan.query,
    messages: request.messages,
    answer: call.text,
    finishReason: call.finishReason ?? 'other',
    logprobs: call.logprobs.length > 0 ? call.logprobs : undefined,
    toolCalls: call.toolCalls.length > 0 ? call.toolCalls : undefined,
    tools: request.tools,
    format: request.format,
    domain: plan.routing.domain,
    samples: samples.length > 0 ? samples : undefined,
  };
}

/**
 * Returns a per-tier check: a context_too_long error when the conversation does not fit the
 * tier's model, else null. Tokenizing is skipped when even a generous upper bound (3 tokens per
 * UTF-16 unit: a token is at least one UTF-8 byte) fits every model with a known window.
 */
function contextCheck(messages: ChatMessage[]): (tier: TierConfig) => ProviderError | null {
  let upperBound = REPLY_PRIMING_UPPER;
  for (const m of messages) {
    upperBound += 4 + 3 * m.content.length;
    for (const c of m.toolCalls ?? []) upperBound += 3 * (c.name.length + c.arguments.length);
  }
  let estimate: number | undefined;
  return (tier) => {
    if (upperBound <= SMALLEST_CONTEXT_WINDOW) return null;
    const window = contextWindowOf(tier.model, tier.provider);
    if (window === null || upperBound <= window) return null;
    estimate ??= estimateChatTokens(messages);
    if (estimate <= window) return null;
    return new ProviderError({
      code: 'context_too_long',
      provider: tier.provider,
      model: tier.model,
      message: `The conversation is about ${estimate.toLocaleString('en-US')} tokens; ${tier.model} takes at most ${window.toLocaleString('en-US')}: start a new chat or pick a model with a larger context`,
    });
  };
}

/** No chat model in the context-window tables takes fewer tokens than this. */
const SMALLEST_CONTEXT_WINDOW = 2048;
const REPLY_PRIMING_UPPER = 3;

function refusedCall(error: ProviderError): StreamedCall {
  return { text: '', thinking: '', logprobs: [], toolCalls: [], reasoning: null, finishReason: null, usage: null, ttftMs: null, latencyMs: 0, error };
}

/** How a failed tier reads in the decision; a skip (circuit breaker, context window) says so itself. */
function failureNote(model: string, message: string, refused: boolean): string {
  if (refused) return `skipped ${model}: ${message}`;
  return message.startsWith('skipped ') ? message : `${model} failed: ${message}`;
}
