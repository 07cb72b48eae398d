// The Messages API through the official `@anthropic-ai/sdk`. System messages go to `system`;
// tool results travel as `tool_result` blocks in a user turn; usage counts cached input.
// Thinking blocks come back as 'reasoning' chunks and return leading their assistant message
// (anthropic-reasoning.ts), so a tool turn keeps its thinking level.
// The SDK sends API version 2026-10-21, which refuses `temperature` (even 1.0): it is never sent,
// so a Claude drafter's consistency samples differ by the model's own sampling.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, MessageParam, OutputConfig, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, FinishReason, LlmRequest, StreamChunk } from '../../../shared/core/model.ts';
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from '../../../shared/core/output-tokens.ts';
import type { DiscoveredModel, LlmProvider } from '../../../shared/core/ports.ts';
import type { CallGuard } from './call-guard.ts';
import { createThinkingBlockCollector, signedBlocksOf, toBlockParams } from './anthropic-reasoning.ts';
import { continuesUnsignedToolTurn, refusesThinking, thinkingFields, toolTurnOf } from './anthropic-thinking.ts';
import { TruncatedStreamError, keyContextOf, make, type ErrorContext } from './errors.ts';
import { JSON_ONLY } from './json-instruction.ts';
import { createRefusedOptions } from './refused-options.ts';
import { LIST_TIMEOUT_MS, guardedCall, guardedStream, limitsOf, sdkCallOptions, type AdapterTuning } from './guarded.ts';
import type { SetupPlace } from './setup-advice.ts';

export interface AnthropicProviderOptions extends AdapterTuning {
  /** Origin without /v1 (the SDK adds /v1/messages). */
  baseUrl: string;
  apiKey: string;
  keyEnv?: string;
  /** Whose words the error messages use to say where to fix the setup. */
  setupPlace?: SetupPlace;
}

export function createAnthropicProvider(opts: AnthropicProviderOptions): LlmProvider {
  const { baseUrl } = opts;
  const limits = limitsOf(opts);
  // A model that cannot turn thinking off refuses `thinking: disabled`; one older than adaptive
  // thinking refuses it and effort (anthropic-thinking.ts). Either is then asked without them.
  const refused = createRefusedOptions();

  const clientFor = (guard: CallGuard): Anthropic =>
    new Anthropic({ apiKey: opts.apiKey, baseURL: baseUrl, ...sdkCallOptions(opts, guard) });

  async function* produce(guard: CallGuard, request: LlmRequest, ctx: ErrorContext): AsyncGenerator<StreamChunk> {
    const client = clientFor(guard);
    const stream: AsyncIterable<RawMessageStreamEvent> = await refused.send(
      request,
      (o) => guard.run(client.messages.create(params({ ...request, thinking: o.thinking }), { signal: guard.signal, timeout: limits.timeoutMs })),
      // Only a request that carried thinking fields can have them refused: a level is left out of
      // a tool turn (anthropic-thinking.ts), and a model thinking by default may still complain of
      // thinking there; taking that as a refusal would drop the level for every later question.
      (e, o) => (!guard.reason && sendsThinking(o.thinking, request) && e instanceof Anthropic.BadRequestError && refusesThinking(e.apiMessage ?? e.message) ? 'thinking' : null),
    ).catch((e: unknown) => {
      throw unsignedToolTurnError(e, request, ctx) ?? e;
    });
    ctx.phase = 'stream';
    const tools = new Map<number, { id: string; name: string; json: string; input: unknown }>();
    // Kept whole, in order, for the answer's assistant message to send back (anthropic-reasoning.ts).
    const thinkingBlocks = createThinkingBlockCollector();
    let input = 0;
    let cacheRead = 0;
    let cacheWrite = 0;
    let output = 0;
    let stopReason: string | null = null;
    let stopped = false;
    for await (const ev of guard.iterate(stream)) {
      switch (ev.type) {
        case 'message_start': {
          const u = ev.message.usage;
          input = u.input_tokens;
          cacheRead = u.cache_read_input_tokens ?? 0;
          cacheWrite = u.cache_creation_input_tokens ?? 0;
          output = u.output_tokens;
          break;
        }
        case 'content_block_start':
          if (ev.content_block.type === 'tool_use') {
            tools.set(ev.index, { id: ev.content_block.id, name: ev.content_block.name, json: '', input: ev.content_block.input });
          }
          thinkingBlocks.start(ev.index, ev.content_block);
          break;
        case 'content_block_delta':
          thinkingBlocks.delta(ev.index, ev.delta);
          if (ev.delta.type === 'text_delta' && ev.delta.text) yield { type: 'text', text: ev.delta.text };
          if (ev.delta.type === 'thinking_delta' && ev.delta.thinking) yield { type: 'thinking', text: ev.delta.thinking };
          if (ev.delta.type === 'input_json_delta') {
            const t = tools.get(ev.index);
            if (t) t.json += ev.delta.partial_json;
          }
          break;
        case 'content_block_stop': {
          const block = thinkingBlocks.stop(ev.index);
          if (block) yield { type: 'reasoning', provider: 'anthropic', model: request.model, block };
          const t = tools.get(ev.index);
          if (t) {
            tools.delete(ev.index);
            // The input streams as JSON text after an empty first fragment; a tool called without
            // arguments gets that fragment alone, and its input is the block's `{}` (as the SDK's
            // MessageStream reads an empty buffer), not empty text.
            yield { type: 'tool_call', toolCall: { id: t.id, name: t.name, arguments: t.json !== '' ? t.json : JSON.stringify(t.input ?? {}) } };
          }
          break;
        }
        case 'message_delta': {
          // Counts here are cumulative; input counts are only present when they changed.
          stopReason = ev.delta.stop_reason ?? stopReason;
          const u = ev.usage;
          output = u.output_tokens;
          if (u.input_tokens != null) input = u.input_tokens;
          if (u.cache_read_input_tokens != null) cacheRead = u.cache_read_input_tokens;
          if (u.cache_creation_input_tokens != null) cacheWrite = u.cache_creation_input_tokens;
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
      }
    }
    if (!stopped) throw new TruncatedStreamError('no message_stop');
    yield {
      type: 'done',
      finishReason: finishReasonOf(stopReason),
      // Anthropic's input_tokens exclude cache reads and writes; ReportedUsage.inputTokens includes them.
      usage: { inputTokens: input + cacheRead + cacheWrite, outputTokens: output, cachedInputTokens: cacheRead, cacheWriteTokens: cacheWrite },
    };
  }

  const keyContext = keyContextOf(opts);
  return {
    kind: 'anthropic',
    label: `Anthropic at ${baseUrl}`,
    stream(request, signal) {
      const ctx: ErrorContext = { kind: 'anthropic', address: baseUrl, model: request.model, phase: 'request', operation: 'chat', ...keyContext };
      return guardedStream(ctx, limits, signal, (guard) => produce(guard, request, ctx));
    },
    listModels(signal) {
      const ctx: ErrorContext = { kind: 'anthropic', address: baseUrl, phase: 'request', operation: 'list', ...keyContext };
      const t = Math.min(LIST_TIMEOUT_MS, limits.timeoutMs);
      return guardedCall(ctx, { timeoutMs: t, idleTimeoutMs: t }, signal, async (guard) => {
        const out: DiscoveredModel[] = [];
        for await (const m of clientFor(guard).models.list({}, { signal: guard.signal })) out.push({ name: m.id });
        return out;
      });
    },
  };
}

/**
 * The API's refusal of a tool turn without its thinking blocks, in words that say what to send.
 * A level is already left out of such a request (anthropic-thinking.ts), so only a model that
 * thinks anyway (Opus 4.7 cannot stop) gets here: its advice to "disable thinking" cannot be followed.
 */
function unsignedToolTurnError(e: unknown, request: LlmRequest, ctx: ErrorContext): Error | null {
  if (!(e instanceof Anthropic.BadRequestError) || !continuesUnsignedToolTurn(request.messages, request.model)) return null;
  const said = e.apiMessage ?? e.message;
  if (!/must start with a thinking block/i.test(said)) return null;
  const writer = toolTurnOf(request.messages)?.reasoning?.model;
  const advice =
    writer !== undefined && writer !== request.model
      ? `, and those it carries are ${writer}'s (a signature holds for its own model only): continue the tool turn on ${writer}`
      : ': send its assistant message with the `reasoning` cascade.run returned beside the tool calls';
  return make(
    'provider_error',
    ctx,
    `Anthropic rejected the request (400): ${request.model} thinks while it continues an answer that called tools, and wants that answer's thinking blocks back${advice}`,
    { status: 400, cause: e },
  );
}

function sendsThinking(level: LlmRequest['thinking'], r: LlmRequest): boolean {
  const { thinking, effort } = thinkingFields(level, r.messages, r.model);
  return thinking !== undefined || effort !== undefined;
}

function params(r: LlmRequest): MessageCreateParamsStreaming {
  const system = r.messages.filter((m) => m.role === 'system').map((m) => m.content);
  if (r.format === 'json') system.push(JSON_ONLY);
  const { thinking, effort } = thinkingFields(r.thinking, r.messages, r.model);
  // One output_config for both: a JSON schema answer may also be asked to think.
  const output: OutputConfig = {
    ...(r.format !== undefined && r.format !== 'json' ? { format: { type: 'json_schema', schema: r.format } } : {}),
    ...(effort ? { effort } : {}),
  };
  return {
    model: r.model,
    max_tokens: r.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: toAnthropicMessages(r.messages.filter((m) => m.role !== 'system'), r.model),
    stream: true,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    ...(r.tools?.length ? { tools: r.tools.map(toAnthropicTool) } : {}),
    ...(Object.keys(output).length ? { output_config: output } : {}),
    ...(thinking ? { thinking } : {}),
  };
}

function toAnthropicTool(t: NonNullable<LlmRequest['tools']>[number]): Tool {
  return { name: t.name, ...(t.description ? { description: t.description } : {}), input_schema: { ...t.parameters, type: 'object' } };
}

function toAnthropicMessages(messages: ChatMessage[], model: string): MessageParam[] {
  // The API refuses an empty message ("all messages must have non-empty content"): an answer
  // that never came (a failed or stopped run) is left out.
  const sent = messages.filter((m) => !(m.role === 'assistant' && m.content === '' && !m.toolCalls?.length));
  return sent.map((m): MessageParam => {
    if (m.role === 'tool') return { role: 'user', content: [{ type: 'tool_result', tool_use_id: m.toolCallId ?? '', content: m.content }] };
    if (m.role !== 'assistant') return { role: 'user', content: m.content };
    // This model's own thinking leads the message, as it came; another model's is not sent: its
    // signature would not verify.
    const blocks = signedBlocksOf(m, model);
    if (!m.toolCalls?.length && !blocks) return { role: 'assistant', content: m.content };
    return {
      role: 'assistant',
      content: [
        ...toBlockParams(blocks ?? []),
        ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
        ...(m.toolCalls ?? []).map((c, i) => ({ type: 'tool_use' as const, id: c.id ?? `toolu_${i}`, name: c.name, input: parseArguments(c.arguments) })),
      ],
    };
  });
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

function finishReasonOf(r: string | null): FinishReason {
  switch (r) {
    case 'end_turn':
    case 'stop_sequence':
    case null:
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}
