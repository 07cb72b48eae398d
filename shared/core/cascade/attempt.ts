// Runs one model call to completion (or failure, or cancellation) and gathers what the
// validator and the ledger need: text, logprobs, tool calls, usage, timings.
import type { TierConfig } from '../config/schema.ts';
import type { FinishReason, LlmRequest, ReportedUsage, TokenLogprob, ToolCall } from '../model.ts';
import type { ProviderReasoning } from '../reasoning.ts';
import type { Clock, LlmProvider } from '../ports.ts';
import { ProviderError, isProviderError } from '../provider-error.ts';
import { splitLateReasoning, ThinkTagSplitter, type AnswerPiece } from './think-tags.ts';

export interface StreamedCall {
  /** The answer, without the reasoning. */
  text: string;
  /** A reasoning model's thinking before the answer ('' for other models). */
  thinking: string;
  logprobs: TokenLogprob[];
  toolCalls: ToolCall[];
  /** The thinking blocks in the provider's own form, for the answer's assistant message to send back; null when none came. */
  reasoning: ProviderReasoning | null;
  finishReason: FinishReason | null;
  /** As reported by the provider; null when it never reported (interrupted stream, cancel). */
  usage: ReportedUsage | null;
  ttftMs: number | null;
  latencyMs: number;
  error: ProviderError | null;
}

/** Where the answer and the reasoning go as they stream (the chat, or nowhere). */
export interface StreamListeners {
  onText?: (text: string) => void;
  onThinking?: (text: string) => void;
}

/** What every call to a tier asks for, whatever the run: its model, and how much it thinks. */
export function tierRequest(tier: TierConfig): Pick<LlmRequest, 'model' | 'thinking'> {
  return { model: tier.model, ...(tier.thinking ? { thinking: tier.thinking } : {}) };
}

export interface CallTarget {
  tier: TierConfig;
  provider: LlmProvider;
}

/**
 * Streams one call. Never throws: failures come back in `error` with whatever text arrived,
 * so partial work is still recorded and priced.
 */
export async function streamCall(
  target: CallTarget,
  request: LlmRequest,
  signal: AbortSignal,
  clock: Clock,
  listeners: StreamListeners = {},
): Promise<StreamedCall> {
  const started = clock.monotonic();
  const call: StreamedCall = { text: '', thinking: '', logprobs: [], toolCalls: [], reasoning: null, finishReason: null, usage: null, ttftMs: null, latencyMs: 0, error: null };
  // Reasoning written into the answer as <think>…</think> is taken out as it streams.
  const splitter = new ThinkTagSplitter();
  const take = (pieces: AnswerPiece[]) => {
    for (const piece of pieces) {
      if (piece.kind === 'thinking') {
        call.thinking += piece.text;
        listeners.onThinking?.(piece.text);
        continue;
      }
      // Time to the first token of the answer: what the user waits for, reasoning or not.
      if (call.ttftMs === null) call.ttftMs = clock.monotonic() - started;
      call.text += piece.text;
      listeners.onText?.(piece.text);
    }
  };
  // Providers send a chunk's logprobs right after its text: they belong to the answer only when
  // that text did. The model's confidence while thinking is not its confidence in the answer.
  let lastWasAnswer = true;
  try {
    for await (const chunk of target.provider.stream(request, signal)) {
      switch (chunk.type) {
        case 'text':
          if (chunk.text.length === 0) break;
          take(splitter.push(chunk.text));
          lastWasAnswer = splitter.inAnswer;
          break;
        case 'thinking':
          if (chunk.text.length > 0) take([{ kind: 'thinking', text: chunk.text }]);
          lastWasAnswer = false;
          break;
        case 'logprobs':
          if (lastWasAnswer) for (const lp of chunk.logprobs) call.logprobs.push(lp);
          break;
        case 'tool_call':
          if (call.ttftMs === null) call.ttftMs = clock.monotonic() - started;
          call.toolCalls.push(chunk.toolCall);
          break;
        case 'reasoning':
          call.reasoning ??= { provider: chunk.provider, model: chunk.model, blocks: [] };
          call.reasoning.blocks.push(chunk.block);
          break;
        case 'done':
          call.finishReason = chunk.finishReason;
          call.usage = chunk.usage;
          break;
      }
    }
    take(splitter.end());
    if (call.thinking === '') takeLateReasoning(call);
    if (call.finishReason === null) {
      throw new ProviderError({ code: 'bad_response', provider: target.tier.provider, model: target.tier.model, message: `${target.provider.label} ended the stream without finishing the answer.` });
    }
  } catch (e) {
    take(splitter.end()); // what arrived before the failure is kept, as for any answer
    call.error = signal.aborted ? cancelledError(target) : toProviderError(e, target);
    if (call.error.code === 'cancelled') call.finishReason = 'cancelled';
  }
  call.latencyMs = clock.monotonic() - started;
  return call;
}

/** Reasoning found only at its closing tag: moved out of the answer, with the logprobs it mixed in. */
function takeLateReasoning(call: StreamedCall): void {
  const late = splitLateReasoning(call.text);
  if (!late) return;
  call.thinking = late.thinking;
  call.text = late.text;
  call.logprobs = [];
  // Its first token was reasoning; when the answer began is not known.
  call.ttftMs = null;
}

function cancelledError(target: CallTarget): ProviderError {
  return new ProviderError({ code: 'cancelled', provider: target.tier.provider, model: target.tier.model, message: 'Cancelled.' });
}

function toProviderError(e: unknown, target: CallTarget): ProviderError {
  if (isProviderError(e)) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ProviderError({ code: 'provider_error', provider: target.tier.provider, model: target.tier.model, message: `${target.provider.label} failed: ${detail}`, cause: e });
}
