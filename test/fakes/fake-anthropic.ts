// A fake Anthropic Messages API as documented in /work/shared/docs/wire-formats.md §5:
// POST /v1/messages streamed as SSE with `event:` lines (the SDK dispatches on the event name),
// GET /v1/models, and errors in Anthropic's `{type:"error", error:{type, message}}` shape.
// The SDK's baseURL is the origin without `/v1`.
// With thinking on (asked for, or a model that cannot stop) every answer starts with a signed
// thinking block, and a tool turn is continued only from an assistant message that starts with
// a block this fake signed for that model, as the real API checks.
import { assembleStream, sendJson, type FakeExchange, type Frame } from './fake-server.ts';
import { answerScripted, chatCallOf, messagesOf, startScriptedFake, type ScriptedFake, type ScriptedFakeOptions } from './scripted-fake.ts';
import {
  argumentChunksOf,
  chunksOf,
  contentText,
  disruptionOf,
  finishOf,
  isRecord,
  usageOf,
  type ChatCall,
  type ScriptBook,
  type ScriptedFinish,
  type ScriptedHttpError,
  type ScriptedResponse,
  type ScriptedToolCall,
} from './script.ts';

export interface FakeAnthropicOptions extends ScriptedFakeOptions {
  /** When set, any other key (x-api-key or bearer token) gets 401 authentication_error. */
  requireApiKey?: string;
  /**
   * Models that take `thinking: {type: adaptive}` and `output_config.effort` (Claude 4.6 and
   * later); any other model refuses them with the 400 the real API sends (Claude Haiku 4.5,
   * Sonnet 4.5). Default: every model takes them.
   */
  adaptiveModels?: readonly string[];
  /** Models that cannot stop thinking (Claude Opus 4.7 and later): `thinking: disabled` gets a 400. */
  alwaysThinkingModels?: readonly string[];
  /**
   * Models whose thinking blocks come back empty (signature only) unless the request asks for
   * `display: summarized`, as Claude Opus 4.7 and later do by default. Default: none.
   */
  omittedThinkingModels?: readonly string[];
}

export interface FakeAnthropic extends ScriptedFake {
  /** Origin without `/v1`, as the SDK's `baseURL` / ANTHROPIC_BASE_URL expects. */
  url: string;
}

export function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const signer = createSigner();
  return startScriptedFake(opts, { urlPath: '', chatPath: '/v1/messages', route: (x, book) => route(x, book, opts, signer) });
}

/**
 * The signatures (and redacted data) this fake handed out, each bound to the model that "wrote"
 * the block: the real API checks a block it is sent back against the model it is sent to.
 */
interface Signer {
  issue(model: string, kind: 'signature' | 'data'): string;
  /** The model a signature or data was issued for, or undefined when this fake never issued it. */
  modelOf(token: string): string | undefined;
}

function createSigner(): Signer {
  const issued = new Map<string, string>();
  let n = 0;
  return {
    issue(model, kind) {
      const token = `${kind === 'signature' ? 'EqQBCgIYAhIM' : 'EmwKAhgBEgy'}fake${++n}`;
      issued.set(token, model);
      return token;
    },
    modelOf: (token) => issued.get(token),
  };
}

async function route(x: FakeExchange, book: ScriptBook, opts: FakeAnthropicOptions, signer: Signer): Promise<void> {
  const { method, path, headers } = x.recorded;
  // Older SDKs send x-api-key; @anthropic-ai/sdk 1.x sends the key as a bearer token.
  const key = headers['x-api-key'] ?? headers['authorization']?.replace(/^Bearer\s+/i, '');
  if (opts.requireApiKey !== undefined && key !== opts.requireApiKey) {
    return sendError(x, { status: 401, message: 'invalid x-api-key' });
  }
  if (method === 'GET' && path === '/v1/models') {
    const data = book.models().map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-05-14T00:00:00Z' }));
    return sendJson(x, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }
  if (method === 'POST' && path === '/v1/messages') {
    if (!headers['anthropic-version']) return sendError(x, { status: 400, message: 'anthropic-version: header is required' });
    return messages(x, book, opts, signer);
  }
  sendError(x, { status: 404, message: 'Not found' });
}

async function messages(x: FakeExchange, book: ScriptBook, opts: FakeAnthropicOptions, signer: Signer): Promise<void> {
  const body = isRecord(x.recorded.body) ? x.recorded.body : undefined;
  if (!body) return sendError(x, { status: 400, message: 'There was an issue with the formatting or content of your request.' });
  const model = typeof body['model'] === 'string' ? body['model'] : '';
  if (typeof body['max_tokens'] !== 'number') return sendError(x, { status: 400, message: 'max_tokens: Field required' });
  const refusal = refusedRequest(body, x.recorded.headers['anthropic-version'] ?? '') ?? refusedThinking(body, model, opts) ?? refusedBlocks(body, model, opts, signer);
  if (refusal) return sendError(x, { status: 400, message: refusal });
  const system = contentText(body['system']);
  const messages = [...(system ? [{ role: 'system', content: system }] : []), ...messagesOf(body['messages'])];
  const outputConfig = isRecord(body['output_config']) ? body['output_config'] : undefined;
  const call = chatCallOf(x, body, { model, messages, wantsLogprobs: false, format: outputConfig?.['format'] });
  const scripted = book.take(call);
  if (!scripted) return sendError(x, { status: 404, message: `model: ${model}` });
  const r = withThinking(scripted, thinksNow(body, model, opts));
  await answerScripted(x, r, {
    sendError: (e) => sendError(x, e),
    stream:
      body['stream'] === true
        ? {
            headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': 'req_fake' },
            frames: () => streamFrames(r, call, thinkingShown(body, model, opts), signer),
          }
        : undefined,
    whole: () => sendJson(x, 200, wholeAnswer(r, call, thinkingShown(body, model, opts), signer), { 'request-id': 'req_fake' }),
  });
}

/** API version 2026-10-21 (what @anthropic-ai/sdk 1.x sends) removed the sampling parameters. */
const SAMPLING_REMOVED_IN = '2026-10-21';

/** The validation errors of the real API this fake reproduces, or null for a request it accepts. */
function refusedRequest(body: Record<string, unknown>, version: string): string | null {
  if (version >= SAMPLING_REMOVED_IN) {
    for (const name of ['temperature', 'top_p', 'top_k']) if (body[name] !== undefined) return `${name}: Extra inputs are not permitted`;
  }
  const thinking = body['thinking'];
  if (thinking !== undefined && !(isRecord(thinking) && ['enabled', 'disabled', 'adaptive'].includes(String(thinking['type'])))) {
    return 'thinking: Input tag does not match any of the expected tags';
  }
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  for (const [i, m] of messages.entries()) {
    const last = i === messages.length - 1 && isRecord(m) && m['role'] === 'assistant';
    if (!last && isRecord(m) && isEmptyContent(m['content'])) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
  }
  return null;
}

function isEmptyContent(content: unknown): boolean {
  if (typeof content === 'string') return content === '';
  return Array.isArray(content) && content.length === 0;
}

/** What the API accepts in `output_config.effort`, and in `thinking.display`. */
const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];
const DISPLAYS = ['summarized', 'omitted'];

/**
 * The real API's refusals of a thinking configuration: a malformed value (in its validator's
 * words), then what the model cannot do (in the words it answers Claude 4.5 and Opus 4.7 with).
 */
function refusedThinking(body: Record<string, unknown>, model: string, opts: FakeAnthropicOptions): string | null {
  const thinking = isRecord(body['thinking']) ? body['thinking'] : undefined;
  const display = thinking?.['display'];
  if (display !== undefined && display !== null && !DISPLAYS.includes(String(display))) {
    return `thinking.${String(thinking?.['type'])}.display: Input should be 'summarized' or 'omitted'`;
  }
  const config = body['output_config'];
  if (config !== undefined && !isRecord(config)) return 'output_config: Input should be a valid dictionary';
  for (const key of Object.keys(config ?? {})) if (key !== 'effort' && key !== 'format') return `output_config.${key}: Extra inputs are not permitted`;
  const effort = config?.['effort'];
  if (effort !== undefined && effort !== null && !EFFORTS.includes(String(effort))) {
    return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'";
  }
  const adaptive = !opts.adaptiveModels || opts.adaptiveModels.includes(model);
  if (thinking?.['type'] === 'adaptive' && !adaptive) return 'adaptive thinking is not supported on this model';
  if (effort !== undefined && effort !== null && !adaptive) return 'This model does not support the effort parameter.';
  if (thinking?.['type'] === 'disabled' && opts.alwaysThinkingModels?.includes(model)) {
    return '"thinking.type.disabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
  }
  return null;
}

/** The last assistant message when it called tools and only their results follow it. */
function unfinishedToolTurn(messages: unknown): { index: number; content: unknown[] } | null {
  if (!Array.isArray(messages)) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (!isRecord(m)) return null;
    if (m['role'] === 'assistant') {
      const content = m['content'];
      const calls = Array.isArray(content) && content.some((b) => isRecord(b) && b['type'] === 'tool_use');
      return calls && i < messages.length - 1 ? { index: i, content: content as unknown[] } : null;
    }
    const results = Array.isArray(m['content']) && m['content'].every((b) => isRecord(b) && b['type'] === 'tool_result');
    if (!results) return null;
  }
  return null;
}

/** Thinking is on: asked for, or left to a model that cannot stop thinking. */
function thinksNow(body: Record<string, unknown>, model: string, opts: FakeAnthropicOptions): boolean {
  const type = isRecord(body['thinking']) ? body['thinking']['type'] : undefined;
  if (type === 'adaptive' || type === 'enabled') return true;
  return type === undefined && (opts.alwaysThinkingModels?.includes(model) ?? false);
}

/** Thinking that was on thinks something, scripted or not, as a real model's answer starts with it. */
function withThinking(r: ScriptedResponse, on: boolean): ScriptedResponse {
  return on && !r.thinking?.length && !r.httpError ? { ...r, thinking: ['Let me think about that.'] } : r;
}

/**
 * The API's checks of thinking blocks sent back: each must be one this fake signed for this model
 * (in the API's words for a tampered block, or one signed for another model), and with thinking
 * on, the assistant message whose tool calls are being answered must start with one.
 */
function refusedBlocks(body: Record<string, unknown>, model: string, opts: FakeAnthropicOptions, signer: Signer): string | null {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
  for (const [i, m] of messages.entries()) {
    const content = isRecord(m) && m['role'] === 'assistant' && Array.isArray(m['content']) ? (m['content'] as unknown[]) : [];
    for (const [j, b] of content.entries()) {
      if (!isRecord(b)) continue;
      if (b['type'] === 'thinking' && signer.modelOf(String(b['signature'] ?? '')) !== model) return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
      if (b['type'] === 'redacted_thinking' && signer.modelOf(String(b['data'] ?? '')) !== model) return `messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`;
    }
  }
  const turn = unfinishedToolTurn(body['messages']);
  if (!turn || !thinksNow(body, model, opts)) return null;
  const first: unknown = turn.content[0];
  const type = isRecord(first) ? String(first['type']) : 'nothing';
  if (type === 'thinking' || type === 'redacted_thinking') return null;
  return `messages.${turn.index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${type}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`.`;
}

/** False when the model leaves its thinking text out: by default on some models, or when asked. */
function thinkingShown(body: Record<string, unknown>, model: string, opts: FakeAnthropicOptions): boolean {
  const display = isRecord(body['thinking']) ? body['thinking']['display'] : undefined;
  if (display === 'summarized') return true;
  return display !== 'omitted' && !opts.omittedThinkingModels?.includes(model);
}

const sse = (name: string, data: unknown): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

const STOP: Record<ScriptedFinish, string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };

function wireUsage(r: ScriptedResponse, call: ChatCall, chunkCount: number) {
  // Anthropic always reports usage; its input_tokens exclude cache reads and writes.
  const u = usageOf(r, call, chunkCount) ?? { input: 0, output: 0 };
  const cached = u.cached ?? 0;
  const written = u.cacheWrite ?? 0;
  return { input_tokens: Math.max(0, u.input - cached - written), cache_creation_input_tokens: written, cache_read_input_tokens: cached, output: u.output };
}

function streamFrames(r: ScriptedResponse, call: ChatCall, thinkingShown: boolean, signer: Signer): Frame[] {
  const chunks = chunksOf(r, call);
  const usage = wireUsage(r, call, chunks.length);
  const head: Frame[] = [
    {
      data: sse('message_start', {
        type: 'message_start',
        message: {
          id: 'msg_fake0001',
          type: 'message',
          role: 'assistant',
          model: call.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens, output_tokens: 1, service_tier: 'standard' },
        },
      }),
    },
  ];
  const content: Frame[][] = [];
  let index = 0;
  let open = false;
  const startBlock = (block: Record<string, unknown>): Frame[] => {
    const frames: Frame[] = open ? [{ data: sse('content_block_stop', { type: 'content_block_stop', index: index++ }) }] : [];
    open = true;
    frames.push({ data: sse('content_block_start', { type: 'content_block_start', index, content_block: block }) });
    return frames;
  };
  if (r.thinking?.length) {
    head.push(...startBlock({ type: 'thinking', thinking: '', signature: '' }));
    // An omitted thinking block carries its signature alone, for the next turn to pass back.
    if (thinkingShown) for (const t of r.thinking) head.push({ paced: true, data: sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: t } }) });
    head.push({ data: sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: signer.issue(call.model, 'signature') } }) });
  }
  // A redacted block comes whole, its encrypted data in content_block_start, with no deltas.
  if (r.redactedThinking) head.push(...startBlock({ type: 'redacted_thinking', data: signer.issue(call.model, 'data') }));
  if (chunks.length || !r.toolCalls?.length) {
    head.push(...startBlock({ type: 'text', text: '' }), { data: sse('ping', { type: 'ping' }) });
    for (const c of chunks) content.push([{ paced: true, data: sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: c } }) }]);
  }
  (r.toolCalls ?? []).forEach((t, i) => {
    const frags = inputDeltasOf(t);
    frags.forEach((frag, k) => {
      const group = k === 0 ? startBlock({ type: 'tool_use', id: t.id ?? `toolu_fake${i}`, name: t.name, input: {} }) : [];
      group.push({ paced: true, data: sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: frag } }) });
      content.push(group);
    });
  });
  const tail: Frame[] = [
    ...(open ? [{ data: sse('content_block_stop', { type: 'content_block_stop', index }) }] : []),
    // The final counts, cumulative: the API repeats the input counts beside the output count.
    {
      paced: true,
      data: sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: STOP[finishOf(r)], stop_sequence: null },
        usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens, output_tokens: usage.output },
      }),
    },
    { data: sse('message_stop', { type: 'message_stop' }) },
  ];
  const d = disruptionOf(r);
  return assembleStream({
    head,
    content,
    tail,
    malformedAfter: r.malformedAfterChunks,
    malformed: { data: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n' },
    disruption: d,
    errorFrames: d?.kind === 'error' ? [{ paced: true, data: sse('error', { type: 'error', error: { type: d.type ?? 'overloaded_error', message: d.message ?? 'Overloaded' }, request_id: null }) }] : [],
  });
}

/**
 * The input_json_delta fragments of a tool_use block. The API always sends an empty fragment
 * first, and for a tool called without arguments nothing else: the block's input is then the
 * `{}` of content_block_start (recorded streams in @ai-sdk/anthropic's fixtures; the SDK's
 * MessageStream reads an empty buffer as `{}`).
 */
function inputDeltasOf(t: ScriptedToolCall): string[] {
  if (t.argumentChunks) return t.argumentChunks;
  const input = safeParse(t.arguments);
  const empty = isRecord(input) && Object.keys(input).length === 0;
  return ['', ...(empty ? [] : argumentChunksOf(t))];
}

function wholeAnswer(r: ScriptedResponse, call: ChatCall, thinkingShown: boolean, signer: Signer) {
  const chunks = chunksOf(r, call);
  const usage = wireUsage(r, call, chunks.length);
  const text = chunks.join('');
  return {
    id: 'msg_fake0001',
    type: 'message',
    role: 'assistant',
    model: call.model,
    content: [
      ...(r.thinking?.length ? [{ type: 'thinking', thinking: thinkingShown ? r.thinking.join('') : '', signature: signer.issue(call.model, 'signature') }] : []),
      ...(r.redactedThinking ? [{ type: 'redacted_thinking', data: signer.issue(call.model, 'data') }] : []),
      ...(text || !r.toolCalls?.length ? [{ type: 'text', text }] : []),
      ...(r.toolCalls ?? []).map((t, i) => ({ type: 'tool_use', id: t.id ?? `toolu_fake${i}`, name: t.name, input: safeParse(t.arguments) })),
    ],
    stop_reason: STOP[finishOf(r)],
    stop_sequence: null,
    usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens, output_tokens: usage.output },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'There was an issue with the format or content of your request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'This request would exceed the rate limit for your organization of 50 input tokens per minute.'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

function sendError(x: FakeExchange, e: ScriptedHttpError): void {
  if (e.body !== undefined) return sendJson(x, e.status, e.body, e.headers);
  const [type, message] = ERROR_TYPES[e.status] ?? ['api_error', 'Internal server error'];
  sendJson(x, e.status, { type: 'error', error: { type: e.type ?? type, message: e.message ?? message }, request_id: 'req_fake' }, { 'request-id': 'req_fake', ...e.headers });
}
