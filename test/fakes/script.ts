// What a test tells a fake server to answer, in provider-neutral terms. Each fake renders a
// ScriptedResponse in its own wire format (NDJSON for Ollama, SSE for OpenAI and Anthropic).

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** Raw JSON text of the arguments. */
  arguments: string;
  /** How the arguments are streamed (OpenAI / Anthropic deltas); default: three roughly equal pieces. */
  argumentChunks?: string[];
}

/** Provider-neutral token counts; `input` includes `cached` and `cacheWrite`. */
export interface ScriptedUsage {
  input: number;
  output: number;
  cached?: number;
  cacheWrite?: number;
}

export interface ScriptedHttpError {
  status: number;
  message?: string;
  /** Provider error type, e.g. `rate_limit_error`; a sensible default is picked from the status. */
  type?: string;
  /** OpenAI error code, e.g. `invalid_api_key`; vLLM flavour always sends the integer status. */
  code?: string | number;
  headers?: Record<string, string>;
  /** Replaces the whole body (a string is sent as is, anything else as JSON). */
  body?: unknown;
}

export type ScriptedFinish = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ScriptedResponse {
  /** The answer; split into word-sized chunks unless `chunks` is given. */
  text?: string;
  chunks?: string[];
  /**
   * A reasoning model's thinking, streamed before the answer the way each server parses it out:
   * Ollama `message.thinking`, OpenAI-compatible `delta.reasoning` (or `reasoning_content`, see
   * `reasoningField`), Anthropic a `thinking` block with its signature.
   */
  thinking?: string[];
  /** Anthropic: a `redacted_thinking` block (encrypted data, no text) after the thinking block. Other fakes ignore it. */
  redactedThinking?: boolean;
  /** The OpenAI-compatible delta field for `thinking`: vLLM's `reasoning` (default) or DeepSeek's and older vLLM's `reasoning_content`. */
  reasoningField?: 'reasoning' | 'reasoning_content';
  /**
   * OpenAI-compatible: the model declines (Structured Outputs' refusal). Its words stream in
   * `delta.refusal` pieces instead of content, and the finish reason stays `stop`; a whole answer
   * carries them in `message.refusal` beside `content: null`. Other fakes ignore it.
   */
  refusal?: string;
  /** One logprob per chunk; sent only when the request asked for logprobs (default -0.1 each). */
  logprobs?: number[];
  toolCalls?: ScriptedToolCall[];
  /** Default: counted from the words of the prompt and the number of chunks. `null`: report none. */
  usage?: ScriptedUsage | null;
  /** Default `stop`, or `tool_calls` when toolCalls are given. */
  finishReason?: ScriptedFinish;
  /** Pause before each chunk after the first. */
  delayMs?: number;
  /** Pause before sending the status line. */
  headersDelayMs?: number;
  /** Accept the request and never answer (until the client gives up or the fake closes). */
  hang?: boolean;
  httpError?: ScriptedHttpError;
  /** Send a provider error event/line after this many content chunks, then end the response. */
  errorAfterChunks?: { after: number; message?: string; type?: string };
  /** Destroy the socket after this many content chunks (connection reset mid-stream). */
  resetAfterChunks?: number;
  /** Insert a line that is not valid JSON after this many content chunks, then carry on. */
  malformedAfterChunks?: number;
  /** End the response cleanly after this many content chunks, without the provider's final event. */
  endAfterChunks?: number;
}

export interface ChatCall {
  model: string;
  messages: { role: string; content: string }[];
  /** Text of the last user message. */
  prompt: string;
  wantsLogprobs: boolean;
  /** The requested output format as sent (`"json"`, a schema, an OpenAI response_format...). */
  format: unknown;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type Responder = ScriptedResponse | ((call: ChatCall) => ScriptedResponse);

/** Per-model persistent responders plus one-shot queues, and an optional catch-all. */
export class ScriptBook {
  private readonly persistent = new Map<string, Responder>();
  private readonly queues = new Map<string, Responder[]>();
  private fallback: Responder | undefined;
  private readonly extraModels = new Set<string>();

  constructor(models: readonly string[] = []) {
    for (const m of models) this.extraModels.add(m);
  }

  script(model: string, responder: Responder): void {
    this.persistent.set(model, responder);
  }

  enqueue(model: string, ...responders: Responder[]): void {
    const q = this.queues.get(model) ?? [];
    q.push(...responders);
    this.queues.set(model, q);
  }

  setDefault(responder: Responder | undefined): void {
    this.fallback = responder;
  }

  addModel(model: string): void {
    this.extraModels.add(model);
  }

  /** Models a listing endpoint reports: declared ones plus every scripted one. */
  models(): string[] {
    return [...new Set([...this.extraModels, ...this.persistent.keys(), ...this.queues.keys()])];
  }

  /** The response for a call, or undefined when the model is unknown (the fake answers 404). */
  take(call: ChatCall): ScriptedResponse | undefined {
    const q = this.queues.get(call.model);
    const declared = this.extraModels.has(call.model) ? defaultResponder : undefined;
    const responder = q?.length ? q.shift() : this.persistent.get(call.model) ?? this.fallback ?? declared;
    if (responder === undefined) return undefined;
    return typeof responder === 'function' ? responder(call) : responder;
  }
}

// Empty: chunksOf() then echoes the prompt, as JSON when the request asked for JSON.
const defaultResponder: Responder = {};

/** Splits text into word-sized chunks that keep their trailing whitespace. */
export function splitIntoChunks(text: string): string[] {
  if (text === '') return [];
  return text.match(/\s*\S+\s*/g) ?? [text];
}

export function chunksOf(r: ScriptedResponse, call: ChatCall): string[] {
  if (r.chunks) return r.chunks;
  if (r.text !== undefined) return splitIntoChunks(r.text);
  if (r.toolCalls?.length) return [];
  // An unscripted answer to a structured-output request is valid JSON echoing the prompt.
  if (call.format !== undefined && call.format !== null) return splitIntoChunks(JSON.stringify({ answer: call.prompt }));
  return splitIntoChunks(`You asked: ${call.prompt}`);
}

export function argumentChunksOf(t: ScriptedToolCall): string[] {
  if (t.argumentChunks) return t.argumentChunks;
  const n = Math.max(1, Math.ceil(t.arguments.length / 3));
  const out: string[] = [];
  for (let i = 0; i < t.arguments.length; i += n) out.push(t.arguments.slice(i, i + n));
  return out.length ? out : [''];
}

export function countWords(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

export function usageOf(r: ScriptedResponse, call: ChatCall, chunkCount: number): ScriptedUsage | null {
  if (r.usage === null) return null;
  if (r.usage) return r.usage;
  const input = call.messages.reduce((n, m) => n + countWords(m.content) + 4, 0);
  const toolTokens = (r.toolCalls ?? []).reduce((n, t) => n + Math.ceil(t.arguments.length / 4) + 2, 0);
  // Reasoning is generated like the answer: servers count it in the output tokens.
  return { input, output: chunkCount + toolTokens + (r.thinking?.length ?? 0) };
}

export function finishOf(r: ScriptedResponse): ScriptedFinish {
  return r.finishReason ?? (r.toolCalls?.length ? 'tool_calls' : 'stop');
}

export function logprobOf(r: ScriptedResponse, i: number): number {
  return r.logprobs?.[i] ?? -0.1;
}

/** Where the normal flow of chunks is cut short, and how. */
export type Disruption =
  | { kind: 'error'; after: number; message: string | undefined; type: string | undefined }
  | { kind: 'reset'; after: number }
  | { kind: 'end'; after: number };

export function disruptionOf(r: ScriptedResponse): Disruption | undefined {
  if (r.errorAfterChunks) return { kind: 'error', after: r.errorAfterChunks.after, message: r.errorAfterChunks.message, type: r.errorAfterChunks.type };
  if (r.resetAfterChunks !== undefined) return { kind: 'reset', after: r.resetAfterChunks };
  if (r.endAfterChunks !== undefined) return { kind: 'end', after: r.endAfterChunks };
  return undefined;
}

/** Text of a message content that may be a string or an array of content blocks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b: unknown) => {
        if (typeof b === 'string') return b;
        if (isRecord(b)) {
          if (typeof b['text'] === 'string') return b['text'];
          if (b['content'] !== undefined) return contentText(b['content']);
        }
        return '';
      })
      .join('');
  }
  return '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function lastUserText(messages: { role: string; content: string }[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.role === 'user') return m.content;
  }
  return '';
}
