// Chat Completions through the official `openai` client, for every server that speaks it:
// OpenAI, Groq, vLLM, LM Studio, llama.cpp server. The SDK retries 408/409/429/5xx itself;
// capRetryAfter keeps it from sleeping on a long Retry-After.
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ProviderKind } from '../../../shared/core/config/schema.ts';
import type { ChatMessage, FinishReason, LlmRequest, ReportedUsage, StreamChunk, ToolCall } from '../../../shared/core/model.ts';
import type { DiscoveredModel, LlmProvider } from '../../../shared/core/ports.ts';
import type { CallGuard } from './call-guard.ts';
import { PROVIDER_NAMES } from './endpoints.ts';
import { TruncatedStreamError, keyContextOf, type ErrorContext } from './errors.ts';
import { withJsonAsked } from './json-instruction.ts';
import { createRefusedOptions } from './refused-options.ts';
import { LIST_TIMEOUT_MS, guardedCall, guardedStream, limitsOf, sdkCallOptions, type AdapterTuning } from './guarded.ts';
import type { SetupPlace } from './setup-advice.ts';

export type OpenAICompatibleKind = Extract<ProviderKind, 'openai' | 'groq' | 'vllm' | 'openai-compatible'>;

export interface OpenAICompatibleOptions extends AdapterTuning {
  kind: OpenAICompatibleKind;
  /** Base URL including /v1. */
  baseUrl: string;
  /** Local servers usually need none; the SDK insists on some string. */
  apiKey?: string;
  /** Where the key comes from, for error messages. */
  keyEnv?: string;
  /** Whose words the error messages use to say where to fix the setup. */
  setupPlace?: SetupPlace;
}

export function createOpenAICompatibleProvider(opts: OpenAICompatibleOptions): LlmProvider {
  const { kind, baseUrl } = opts;
  const limits = limitsOf(opts);
  // Some compatible servers (Groq, older llama.cpp) reject `logprobs`, and so do OpenAI's
  // reasoning models (with a 403), which also take no temperature but their default. Models that
  // are not reasoning models refuse `reasoning_effort`, and then answer with their default.
  const refused = createRefusedOptions();
  // gpt-5 cannot turn reasoning off: it refuses 'none' and names 'minimal', the least it does.
  const offAsMinimal = new Set<string>();

  const clientFor = (guard: CallGuard): OpenAI =>
    new OpenAI({ apiKey: opts.apiKey ?? 'not-needed', baseURL: baseUrl, organization: null, project: null, ...sdkCallOptions(opts, guard) });

  async function* produce(guard: CallGuard, request: LlmRequest, ctx: ErrorContext): AsyncGenerator<StreamChunk> {
    const client = clientFor(guard);
    const stream: AsyncIterable<ChatCompletionChunk> = await refused.send(
      request,
      (o) => {
        const offEffort = offAsMinimal.has(request.model) ? 'minimal' : 'none';
        const body = params(kind, { ...request, thinking: o.thinking, temperature: o.temperature }, o.logprobs, offEffort);
        return guard.run(client.chat.completions.create(body, { signal: guard.signal, timeout: limits.timeoutMs }));
      },
      (e, o) => {
        if (guard.reason || !(e instanceof OpenAI.BadRequestError || e instanceof OpenAI.PermissionDeniedError)) return null;
        if (o.thinking !== undefined && /reasoning_effort/i.test(e.message)) {
          if (o.thinking !== 'off' || offAsMinimal.has(request.model) || !/'minimal'/.test(e.message)) return 'thinking';
          offAsMinimal.add(request.model);
          return 'resend';
        }
        if (/logprob/i.test(e.message)) return 'logprobs';
        return o.temperature !== undefined && /temperature/i.test(e.message) ? 'temperature' : null;
      },
    );
    ctx.phase = 'stream';
    const calls = new Map<number, { id?: string; name: string; arguments: string }>();
    let finish: FinishReason | undefined;
    let usage: ReportedUsage | null = null;
    // A model that declines (Structured Outputs' refusal) streams its words in `delta.refusal`,
    // not in content, and still finishes with `stop`: they are its answer, and the finish says
    // it declined, as Anthropic's `refusal` stop reason does.
    let declined = false;
    for await (const chunk of guard.iterate(stream)) {
      if (chunk.usage) usage = usageOf(chunk.usage);
      else usage = groqUsageOf(chunk) ?? usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      const thinking = reasoningOf(choice.delta);
      if (thinking) yield { type: 'thinking', text: thinking };
      const text = choice.delta?.content;
      if (text) yield { type: 'text', text };
      const refusal = choice.delta?.refusal;
      if (refusal) {
        declined = true;
        yield { type: 'text', text: refusal };
      }
      const lp = choice.logprobs?.content;
      if (lp?.length) yield { type: 'logprobs', logprobs: lp.map(({ token, logprob }) => ({ token, logprob })) };
      for (const d of choice.delta?.tool_calls ?? []) {
        const c = calls.get(d.index) ?? { name: '', arguments: '' };
        if (d.id) c.id = d.id;
        if (d.function?.name) c.name += d.function.name;
        if (d.function?.arguments) c.arguments += d.function.arguments;
        calls.set(d.index, c);
      }
      if (choice.finish_reason) {
        finish = declined && choice.finish_reason === 'stop' ? 'content_filter' : finishReasonOf(choice.finish_reason);
        yield* flushToolCalls(calls);
      }
    }
    if (finish === undefined) throw new TruncatedStreamError('no finish_reason');
    yield { type: 'done', finishReason: finish, usage };
  }

  const keyContext = keyContextOf(opts);
  return {
    kind,
    label: `${PROVIDER_NAMES[kind]} at ${baseUrl}`,
    stream(request, signal) {
      const ctx: ErrorContext = { kind, address: baseUrl, model: request.model, phase: 'request', operation: 'chat', ...keyContext };
      return guardedStream(ctx, limits, signal, (guard) => produce(guard, request, ctx));
    },
    listModels(signal) {
      const ctx: ErrorContext = { kind, address: baseUrl, phase: 'request', operation: 'list', ...keyContext };
      const t = Math.min(LIST_TIMEOUT_MS, limits.timeoutMs);
      return guardedCall(ctx, { timeoutMs: t, idleTimeoutMs: t }, signal, async (guard) => {
        const out: DiscoveredModel[] = [];
        for await (const m of clientFor(guard).models.list({ signal: guard.signal })) out.push({ name: m.id });
        return out;
      });
    },
  };
}

function* flushToolCalls(calls: Map<number, { id?: string; name: string; arguments: string }>): Generator<StreamChunk> {
  for (const index of [...calls.keys()].sort((a, b) => a - b)) {
    const c = calls.get(index);
    if (!c) continue;
    const toolCall: ToolCall = { ...(c.id ? { id: c.id } : {}), name: c.name, arguments: c.arguments };
    yield { type: 'tool_call', toolCall };
  }
  calls.clear();
}

function params(kind: OpenAICompatibleKind, r: LlmRequest, logprobs: boolean, offEffort: 'none' | 'minimal'): ChatCompletionCreateParamsStreaming {
  return {
    model: r.model,
    messages: (r.format === 'json' ? withJsonAsked(r.messages) : r.messages).map(toOpenAIMessage),
    stream: true,
    stream_options: { include_usage: true },
    ...(r.tools?.length ? { tools: r.tools.map(toOpenAITool) } : {}),
    ...(r.format === 'json' ? { response_format: { type: 'json_object' } } : {}),
    ...(r.format !== undefined && r.format !== 'json' ? { response_format: { type: 'json_schema', json_schema: { name: 'response', schema: r.format } } } : {}),
    // OpenAI's newer models refuse max_tokens; compatible servers may not know max_completion_tokens.
    ...(r.maxTokens !== undefined ? (kind === 'openai' ? { max_completion_tokens: r.maxTokens } : { max_tokens: r.maxTokens }) : {}),
    ...(r.temperature !== undefined ? { temperature: r.temperature } : {}),
    ...(logprobs ? { logprobs: true } : {}),
    // OpenAI (gpt-5.1 on), Groq and vLLM take 'none' for no reasoning; gpt-5 refuses it and takes 'minimal'.
    ...(r.thinking ? { reasoning_effort: r.thinking === 'off' ? offEffort : r.thinking } : {}),
  };
}

function toOpenAITool(t: NonNullable<LlmRequest['tools']>[number]): ChatCompletionTool {
  return { type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), ...(t.parameters ? { parameters: t.parameters } : {}) } };
}

function toOpenAIMessage(m: ChatMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      return { role: 'user', content: m.content };
    case 'tool':
      return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content,
        ...(m.toolCalls?.length
          ? { tool_calls: m.toolCalls.map((c, i) => ({ id: c.id ?? `call_${i}`, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      };
  }
}

/** Groq streams its usage in `x_groq.usage` on the finishing chunk, not in a usage chunk. */
function groqUsageOf(chunk: ChatCompletionChunk): ReportedUsage | null {
  const extra: unknown = 'x_groq' in chunk ? chunk.x_groq : undefined;
  const u: unknown = typeof extra === 'object' && extra !== null && 'usage' in extra ? extra.usage : undefined;
  if (typeof u !== 'object' || u === null || !('prompt_tokens' in u) || !('completion_tokens' in u)) return null;
  const { prompt_tokens: input, completion_tokens: output } = u;
  return typeof input === 'number' && typeof output === 'number' ? { inputTokens: input, outputTokens: output, cachedInputTokens: 0, cacheWriteTokens: 0 } : null;
}

function usageOf(u: NonNullable<ChatCompletionChunk['usage']>): ReportedUsage {
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? 0, cacheWriteTokens: 0 };
}

function finishReasonOf(r: NonNullable<ChatCompletionChunk.Choice['finish_reason']>): FinishReason {
  switch (r) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return r;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

/**
 * Reasoning the server parsed out of the answer: vLLM, Ollama and OpenRouter send `reasoning`,
 * DeepSeek and older vLLM `reasoning_content`. Neither is in OpenAI's own types.
 */
function reasoningOf(delta: ChatCompletionChunk['choices'][number]['delta'] | undefined): string | undefined {
  const extra = delta as { reasoning?: unknown; reasoning_content?: unknown } | undefined;
  const text = extra?.reasoning ?? extra?.reasoning_content;
  return typeof text === 'string' && text.length > 0 ? text : undefined;
}
