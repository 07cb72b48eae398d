// Ollama's native /api/chat through the official `ollama` client. The client has no retries,
// timeouts or per-request signal, so those come from fetch decorators and the CallGuard.
import { Ollama, type ChatRequest, type ChatResponse, type Message, type Tool } from 'ollama';
import type { ChatMessage, FinishReason, LlmRequest, StreamChunk } from '../../../shared/core/model.ts';
import type { DiscoveredModel, LlmProvider } from '../../../shared/core/ports.ts';
import type { CallGuard } from './call-guard.ts';
import { TruncatedStreamError, type ErrorContext } from './errors.ts';
import { validateNdjson, withRetries, withSignal } from './fetch-wrappers.ts';
import { createRefusedOptions } from './refused-options.ts';
import { LIST_TIMEOUT_MS, TUNING_DEFAULTS, guardedCall, guardedStream, limitsOf, type AdapterTuning } from './guarded.ts';

export interface OllamaProviderOptions extends AdapterTuning {
  /** Normalized base URL, e.g. http://127.0.0.1:11434. */
  host: string;
}

/** Ollama answers these when busy (queue full) or behind a proxy; anything else will not improve. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503]);

export function createOllamaProvider(opts: OllamaProviderOptions): LlmProvider {
  const { host } = opts;
  const limits = limitsOf(opts);
  const baseFetch = opts.fetch ?? globalThis.fetch;
  // Servers older than 0.12.11 reject `logprobs`; a model without the thinking capability
  // refuses `think` (not `think: false`), and then answers with its default: it does not think.
  const refused = createRefusedOptions();
  // Ollama before commit 122c68c takes a level (`think: "high"`) from gpt-oss models only and
  // refuses it from any other ('think value "high" is not supported for this model'); those
  // think when asked with `true` (a newer Ollama reads their level so). Per model, once refused.
  const levelAsTrue = new Set<string>();

  const clientFor = (guard: CallGuard, ctx: ErrorContext): Ollama =>
    new Ollama({
      host,
      fetch: validateNdjson(
        withRetries(withSignal(baseFetch, guard.signal), {
          maxRetries: opts.maxRetries ?? TUNING_DEFAULTS.maxRetries,
          maxRetryAfterMs: opts.maxRetryAfterMs ?? TUNING_DEFAULTS.maxRetryAfterMs,
          statuses: RETRY_STATUSES,
          onFailure: (ms) => {
            ctx.retryAfterMs = ms;
          },
        }),
      ),
    });

  async function* produce(guard: CallGuard, request: LlmRequest, ctx: ErrorContext): AsyncGenerator<StreamChunk> {
    const client = clientFor(guard, ctx);
    const parts = await refused.send(
      request,
      (o) => {
        const body = chatRequest({ ...request, thinking: o.thinking, temperature: o.temperature }, o.logprobs, levelAsTrue.has(request.model));
        return guard.run(client.chat({ ...body, stream: true }));
      },
      (e, o) => {
        if (guard.reason || !hasStatus(e, 400)) return null;
        if (o.thinking !== undefined && o.thinking !== 'off' && !levelAsTrue.has(request.model) && /think value .* is not supported/i.test(errorText(e))) {
          levelAsTrue.add(request.model);
          return 'resend';
        }
        if (o.thinking !== undefined && o.thinking !== 'off' && /does not support thinking/i.test(errorText(e))) return 'thinking';
        // Only a refusal that names logprobs: "does not support tools" must not turn them off.
        return /logprob/i.test(errorText(e)) ? 'logprobs' : null;
      },
    );
    ctx.phase = 'stream';
    let last: ChatResponse | undefined;
    let sawToolCall = false;
    let sawOutput = false;
    for await (const part of guard.iterate(parts)) {
      // Thinking models (qwen3, deepseek-r1, gpt-oss) stream their reasoning apart from the answer.
      const thinking = part.message?.thinking;
      if (thinking) yield { type: 'thinking', text: thinking };
      const text = part.message?.content;
      if (text) yield { type: 'text', text };
      if (part.logprobs?.length) yield { type: 'logprobs', logprobs: part.logprobs.map(({ token, logprob }) => ({ token, logprob })) };
      for (const call of part.message?.tool_calls ?? []) {
        sawToolCall = true;
        const id = 'id' in call && typeof call.id === 'string' ? call.id : undefined;
        yield { type: 'tool_call', toolCall: { ...(id ? { id } : {}), name: call.function.name, arguments: JSON.stringify(call.function.arguments ?? {}) } };
      }
      if (thinking || text || part.message?.tool_calls?.length) sawOutput = true;
      if (part.done) last = part;
    }
    if (!last) throw new TruncatedStreamError('no final done line');
    // Ollama omits zero-valued counts, so a missing count on the final line means 0, except an
    // output count missing after output arrived (a server that does not count, or a build
    // that lost it): that is no count at all, and the call is estimated and marked as such
    // rather than recorded as 0 tokens.
    const counted = last.eval_count !== undefined || !sawOutput;
    yield {
      type: 'done',
      finishReason: finishReasonOf(last.done_reason, sawToolCall),
      usage: counted ? { inputTokens: last.prompt_eval_count ?? 0, outputTokens: last.eval_count ?? 0, cachedInputTokens: 0, cacheWriteTokens: 0 } : null,
    };
  }

  return {
    kind: 'ollama',
    label: `Ollama at ${host}`,
    stream(request, signal) {
      const ctx: ErrorContext = { kind: 'ollama', address: host, model: request.model, phase: 'request', operation: 'chat' };
      return guardedStream(ctx, limits, signal, (guard) => produce(guard, request, ctx));
    },
    listModels(signal) {
      const ctx: ErrorContext = { kind: 'ollama', address: host, phase: 'request', operation: 'list' };
      const t = Math.min(LIST_TIMEOUT_MS, limits.timeoutMs);
      return guardedCall(ctx, { timeoutMs: t, idleTimeoutMs: t }, signal, async (guard) => {
        const { models } = await clientFor(guard, ctx).list();
        return models.map(
          (m): DiscoveredModel => ({
            name: m.name,
            sizeBytes: m.size,
            ...(m.details?.parameter_size ? { parameterSize: m.details.parameter_size } : {}),
            ...(m.details?.family ? { family: m.details.family } : {}),
            ...(m.details?.quantization_level ? { quantization: m.details.quantization_level } : {}),
          }),
        );
      });
    },
  };
}

function chatRequest(r: LlmRequest, logprobs: boolean, levelAsTrue: boolean): ChatRequest {
  const options: ChatRequest['options'] = {};
  if (r.maxTokens !== undefined) options.num_predict = r.maxTokens;
  if (r.temperature !== undefined) options.temperature = r.temperature;
  return {
    model: r.model,
    messages: toOllamaMessages(r.messages),
    ...(r.tools?.length ? { tools: r.tools.map(toOllamaTool) } : {}),
    ...(r.format !== undefined ? { format: r.format } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(logprobs ? { logprobs: true } : {}),
    ...(r.thinking ? { think: r.thinking === 'off' ? false : levelAsTrue || r.thinking } : {}),
  };
}

function toOllamaTool(t: NonNullable<LlmRequest['tools']>[number]): Tool {
  return {
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      // A JSON Schema passes through untouched; ollama-js types only a subset of it.
      ...(t.parameters ? { parameters: t.parameters as NonNullable<Tool['function']['parameters']> } : {}),
    },
  };
}

function toOllamaMessages(messages: ChatMessage[]): Message[] {
  // Ollama identifies a tool result by the tool's name, not by the call id.
  const toolNames = new Map<string, string>();
  return messages.map((m) => {
    const out: Message = { role: m.role, content: m.content };
    if (m.toolCalls?.length) {
      for (const c of m.toolCalls) if (c.id) toolNames.set(c.id, c.name);
      out.tool_calls = m.toolCalls.map((c) => ({ function: { name: c.name, arguments: parseArguments(c.arguments) } }));
    }
    const name = m.role === 'tool' && m.toolCallId ? toolNames.get(m.toolCallId) : undefined;
    if (name) out.tool_name = name;
    return out;
  });
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : {};
  } catch {
    return {};
  }
}

function finishReasonOf(doneReason: string | undefined, sawToolCall: boolean): FinishReason {
  if (doneReason === 'length') return 'length';
  if (sawToolCall) return 'tool_calls';
  if (doneReason === undefined || doneReason === '' || doneReason === 'stop') return 'stop';
  return 'other';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hasStatus(e: unknown, status: number): boolean {
  return e instanceof Error && 'status_code' in e && e.status_code === status;
}
