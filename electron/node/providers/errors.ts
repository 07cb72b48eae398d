// Turns whatever an SDK or the network threw into a ProviderError whose message names the
// provider and its address and tells the user what to do next.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { ProviderKind } from '../../../shared/core/config/schema.ts';
import { ProviderError, isProviderError, type ProviderErrorCode } from '../../../shared/core/provider-error.ts';
import { PROVIDER_NAMES } from './endpoints.ts';
import { keyVariableAdvice, setKeyAdvice, setValidKeyAdvice, tierFieldAdvice, type SetupPlace } from './setup-advice.ts';
import { isRecord } from '../../../shared/core/is-record.ts';

export interface ErrorContext {
  kind: ProviderKind;
  /** Resolved base URL. */
  address: string;
  model?: string;
  /** Name of the variable the API key comes from, for "set X in Settings". */
  keyEnv?: string;
  /** Whose words say where to fix the setup (the CLI has no Settings page); Settings when absent. */
  setupPlace?: SetupPlace;
  /** `stream`: the answer had started arriving, so a dropped connection is a broken answer. */
  phase: 'request' | 'stream';
  /** Listing models rather than chatting: a 404 is then not about a model. */
  operation?: 'chat' | 'list';
  /** Retry-After seen on the last failed response, when the SDK does not expose headers. */
  retryAfterMs?: number;
}

/** The key's variable and the setup's place of an adapter's options, as an ErrorContext carries them. */
export function keyContextOf(o: { keyEnv?: string | undefined; setupPlace?: SetupPlace | undefined }): Pick<ErrorContext, 'keyEnv' | 'setupPlace'> {
  return { ...(o.keyEnv ? { keyEnv: o.keyEnv } : {}), ...(o.setupPlace ? { setupPlace: o.setupPlace } : {}) };
}

/** An NDJSON / SSE line that is not valid JSON. */
export class MalformedStreamError extends Error {
  override readonly name = 'MalformedStreamError';
}

/** A provider reported an error inside an already successful (200) stream. */
export class MidStreamError extends Error {
  override readonly name = 'MidStreamError';
}

/** The stream ended without the provider's final event. */
export class TruncatedStreamError extends Error {
  override readonly name = 'TruncatedStreamError';
}

interface HttpFailure {
  status: number | undefined;
  headers: Headers | undefined;
  message: string;
  type: string | undefined;
  code: string | undefined;
}

export function providerName(kind: ProviderKind): string {
  return PROVIDER_NAMES[kind];
}

export function make(code: ProviderErrorCode, ctx: ErrorContext, message: string, extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {}): ProviderError {
  return new ProviderError({ code, provider: ctx.kind, model: ctx.model, message, ...extra });
}

export function cancelledError(ctx: ErrorContext): ProviderError {
  return make('cancelled', ctx, `The request to ${providerName(ctx.kind)} at ${ctx.address} was cancelled`);
}

/** `ms` undefined: the caller's own deadline passed. */
export function timeoutError(ctx: ErrorContext, ms: number | undefined, kind: 'total' | 'idle'): ProviderError {
  const what = ctx.model ? `${ctx.model} on ${providerName(ctx.kind)}` : providerName(ctx.kind);
  const message =
    ms === undefined
      ? `${what} at ${ctx.address} did not answer in time: check that it is running and not overloaded`
      : kind === 'idle'
        ? `${what} at ${ctx.address} sent nothing for ${seconds(ms)}; it may be overloaded or still loading the model: try again or raise the tier's timeout`
        : `${what} at ${ctx.address} did not finish within ${seconds(ms)}: raise the tier's timeout or choose a faster model`;
  return make('timeout', ctx, message);
}

export function missingKeyError(ctx: ErrorContext): ProviderError {
  return make('auth_failed', ctx, `No API key for ${providerName(ctx.kind)}: ${setKeyAdvice(ctx.setupPlace, ctx.keyEnv)}`);
}

export function rateLimitedMessage(kind: ProviderKind, retryAfterMs: number | undefined): string {
  const name = providerName(kind);
  return retryAfterMs === undefined ? `${name} rate-limited the request; try again later` : `${name} rate-limited the request; retry after ${(retryAfterMs / 1000).toFixed(1)} s`;
}

export function toProviderError(e: unknown, ctx: ErrorContext): ProviderError {
  if (isProviderError(e)) return e;
  const name = providerName(ctx.kind);
  const where = `${name} at ${ctx.address}`;

  if (e instanceof OpenAI.APIUserAbortError || e instanceof Anthropic.APIUserAbortError) return cancelledError(ctx);
  if (e instanceof OpenAI.APIConnectionTimeoutError || e instanceof Anthropic.APIConnectionTimeoutError) {
    return make('timeout', ctx, `${where} did not respond in time: check that it is running and not overloaded`, { cause: e });
  }
  if (e instanceof MalformedStreamError) return make('bad_response', ctx, `${where} sent a malformed stream (${e.message}): check that the address points at ${name}`, { cause: e });
  if (e instanceof TruncatedStreamError) return make('bad_response', ctx, `${where} ended the answer before it was complete: try again`, { cause: e });
  if (e instanceof MidStreamError) return fromMidStream(e.message, undefined, ctx, e);
  if (e instanceof SyntaxError) return make('bad_response', ctx, `${where} sent a malformed stream (${e.message}): check that the address points at ${name}`, { cause: e });

  const http = httpFailureOf(e);
  if (http?.status !== undefined) return fromHttp(http, ctx, e);
  if (http && (e instanceof OpenAI.APIError || e instanceof Anthropic.APIError) && !(e instanceof OpenAI.APIConnectionError) && !(e instanceof Anthropic.APIConnectionError)) {
    // An APIError without a status is an error event inside a 200 stream.
    return fromMidStream(http.message, http.type, ctx, e);
  }

  const net = networkCode(e);
  if (net !== undefined) return fromNetwork(net, ctx, e);
  if (isAbort(e)) return cancelledError(ctx);
  // ollama-js reports a stream that ended without its final `done` line this way.
  if (e instanceof Error && /did not receive done/i.test(e.message)) return make('bad_response', ctx, `${where} ended the answer before it was complete: try again`, { cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return make('provider_error', ctx, `${where} failed: ${detail}`, { cause: e });
}

/** What to do about a 401, naming only what Settings (or the CLI's environment and config) really has. */
function unauthorizedMessage(ctx: ErrorContext, name: string): string {
  // Ollama asks for no key and its client sends none: the 401 comes from something in front of it.
  if (ctx.kind === 'ollama') return `${name} at ${ctx.address} refused the request (401): Ollama asks for no key, so a proxy in front of it does; point the tier at Ollama itself`;
  if (ctx.keyEnv) return `${name} rejected the API key (401): ${setValidKeyAdvice(ctx.setupPlace, ctx.keyEnv)}`;
  return `${name} at ${ctx.address} wants an API key (401): ${keyVariableAdvice(ctx.setupPlace)}`;
}

function fromHttp(h: HttpFailure, ctx: ErrorContext, cause: unknown): ProviderError {
  const name = providerName(ctx.kind);
  const where = `${name} at ${ctx.address}`;
  const status = h.status ?? 0;
  // The server's own sentence, without its full stop: our advice follows it after a colon.
  const said = h.message?.trim().replace(/[.\s]+$/, '');
  const detail = said ? `: ${said}` : '';
  if (status === 401) return make('auth_failed', ctx, unauthorizedMessage(ctx, name), { status, cause });
  if (status === 403) {
    const subject = ctx.model ? `model '${ctx.model}'` : 'this resource';
    return make('auth_failed', ctx, `${name} refused access to ${subject} (403)${detail}: check the API key's permissions${ctx.keyEnv ? ` (${ctx.keyEnv})` : ''}`, { status, cause });
  }
  if (status === 404 && ctx.operation !== 'list' && ctx.model !== undefined) {
    if (ctx.kind === 'ollama') return make('model_not_found', ctx, `Ollama has no model '${ctx.model}': run \`ollama pull ${ctx.model}\``, { status, cause });
    return make('model_not_found', ctx, `${name} has no model '${ctx.model}' (404): ${tierFieldAdvice(ctx.setupPlace, 'check the model name')}`, { status, cause });
  }
  if (status === 429) {
    if (h.code === 'insufficient_quota') return make('rate_limited', ctx, `${name} says the account's quota is used up: check the plan and billing`, { status, cause });
    const retryAfterMs = retryAfterMsFrom(h.headers) ?? ctx.retryAfterMs ?? retryHintFromMessage(h.message);
    return make('rate_limited', ctx, rateLimitedMessage(ctx.kind, retryAfterMs), retryAfterMs === undefined ? { status, cause } : { status, retryAfterMs, cause });
  }
  if (isContextTooLong(h)) return make('context_too_long', ctx, `The conversation is too long for ${ctx.model ?? 'the model'} on ${name}${detail}: start a new chat or pick a model with a larger context`, { status, cause });
  if (status === 408 || status === 504) return make('timeout', ctx, `${where} timed out (${status})${detail}${advisesRetry(said) ? '' : ': try again'}`, { status, cause });
  if (status === 404) return make('provider_error', ctx, `${where} answered 404 for ${ctx.operation === 'list' ? 'the model list' : 'the request'}: check the base URL`, { status, cause });
  if (status >= 400 && status < 500) return make('provider_error', ctx, `${name} rejected the request (${status})${detail}`, { status, cause });
  const busy = status === 503 || status === 529 || h.type === 'overloaded_error';
  return make('provider_error', ctx, `${where} failed with HTTP ${status}${detail}${serverErrorAdvice(said, busy)}`, { status, cause });
}

/**
 * A server's own sentence often already says what we would ("The engine is currently overloaded,
 * please try again later"): its words stay (they may carry the real reason), and ours add only
 * what they leave out, so the advice is not given twice.
 */
const ADVISES_RETRY = /\b(try again|retry)\b/i;
const SAYS_OVERLOADED = /\b(overloaded|over capacity|at capacity)\b/i;

function advisesRetry(said: string | undefined): boolean {
  return said !== undefined && ADVISES_RETRY.test(said);
}

/** What follows a 5xx's status and the server's sentence: "", or ": …" / "; …" with our advice. */
function serverErrorAdvice(said: string | undefined, busy: boolean): string {
  const retry = advisesRetry(said);
  if (!busy) return retry ? "; if it keeps failing, check the server's log" : ": try again; if it keeps failing, check the server's log";
  const advice = [said !== undefined && SAYS_OVERLOADED.test(said) ? null : 'it is overloaded', retry ? null : 'try again shortly'].filter((x) => x !== null);
  return advice.length > 0 ? `: ${advice.join(', ')}` : '';
}

function fromMidStream(message: string, type: string | undefined, ctx: ErrorContext, cause: unknown): ProviderError {
  const name = providerName(ctx.kind);
  if (type === 'rate_limit_error' || type === 'rate_limit_exceeded') return make('rate_limited', ctx, rateLimitedMessage(ctx.kind, undefined), { cause });
  if (isContextTooLong({ status: undefined, headers: undefined, message, type, code: undefined })) {
    return make('context_too_long', ctx, `The conversation is too long for ${ctx.model ?? 'the model'} on ${name}: ${message}`, { cause });
  }
  const kind = type ? ` (${type})` : '';
  return make('bad_response', ctx, `${name} at ${ctx.address} reported an error mid-answer${kind}: ${message}`, { cause });
}

function fromNetwork(code: string, ctx: ErrorContext, cause: unknown): ProviderError {
  const name = providerName(ctx.kind);
  const where = `${name} at ${ctx.address}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return make('timeout', ctx, `${where} did not respond in time (${code}): check the address and your network`, { cause });
  }
  if (code === BAD_PORT) {
    const port = portOf(ctx.address);
    return make('unreachable', ctx, `${where} uses port ${port}, which fetch never connects to (a "bad port" of the Fetch standard, like 6000 or 10080): serve it on another port and change the base URL`, { cause });
  }
  const dropped = code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'terminated';
  if (dropped && ctx.phase === 'stream') return make('bad_response', ctx, `${where} closed the connection mid-answer (${code}): try again`, { cause });
  if (code === 'ECONNREFUSED' || dropped) {
    // "Not running" may be a mistyped port of an Ollama that runs: say both, as vLLM's does.
    if (ctx.kind === 'ollama') return make('unreachable', ctx, `Ollama is not running at ${ctx.address}: start it with \`ollama serve\` or fix the base URL`, { cause });
    if (ctx.kind === 'vllm') return make('unreachable', ctx, `vLLM is not running at ${ctx.address}: start it with \`vllm serve <model>\` or fix the base URL`, { cause });
    return make('unreachable', ctx, `Cannot connect to ${where} (${code}): check that the server is running and the base URL is right`, { cause });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return make('unreachable', ctx, `Cannot resolve the host of ${where} (${code}): check the base URL and your internet connection`, { cause });
  return make('unreachable', ctx, `Cannot reach ${where} (${code}): check the base URL and your network`, { cause });
}

function httpFailureOf(e: unknown): HttpFailure | undefined {
  if (e instanceof OpenAI.APIError) {
    const body = isRecord(e.error) ? e.error : undefined;
    const msg = typeof body?.['message'] === 'string' ? body['message'] : e.message;
    return { status: e.status, headers: e.headers, message: msg, type: e.type ?? undefined, code: e.code == null ? undefined : String(e.code) };
  }
  if (e instanceof Anthropic.APIError) {
    return { status: e.status, headers: e.headers, message: e.apiMessage ?? e.message, type: e.type ?? undefined, code: undefined };
  }
  // ollama-js ResponseError: `{ error, status_code }`, no headers.
  if (e instanceof Error && e.name === 'ResponseError' && 'status_code' in e && typeof e.status_code === 'number') {
    return { status: e.status_code, headers: undefined, message: e.message, type: undefined, code: undefined };
  }
  return undefined;
}

const CONTEXT_HINT = /context[ _-]?(length|window)|maximum context|prompt is too long|too many tokens|input (length|is too long)|exceeds? the (model'?s? )?(maximum|context)/i;

function isContextTooLong(h: HttpFailure): boolean {
  if (h.code === 'context_length_exceeded' || h.code === 'string_above_max_length') return true;
  if (h.status !== undefined && h.status !== 400 && h.status !== 413 && h.status !== 422 && h.status !== 500) return false;
  return CONTEXT_HINT.test(h.message);
}

/** `retry-after-ms`, then `retry-after` in seconds or as an HTTP date. */
export function retryAfterMsFrom(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const s = Number(raw.trim());
  if (Number.isFinite(s) && s >= 0) return Math.round(s * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** OpenAI puts the wait in the text too: "Please try again in 644ms" / "in 20s". */
function retryHintFromMessage(message: string): number | undefined {
  const m = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(m[2]?.toLowerCase() === 'ms' ? n : n * 1000);
}

const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/**
 * undici refuses some ports before connecting (the Fetch standard's "bad ports": 1, 9, 6000,
 * 10080, ...) with a bare "fetch failed" whose cause says only "bad port".
 */
const BAD_PORT = 'BAD_PORT';

function portOf(address: string): string {
  try {
    const url = new URL(address);
    return url.port || (url.protocol === 'https:' ? '443' : '80');
  } catch {
    return '(unknown)';
  }
}

/** The most specific network error code in the cause chain (undici nests them). */
function networkCode(e: unknown): string | undefined {
  let found: string | undefined;
  let cur: unknown = e;
  for (let depth = 0; depth < 8 && cur instanceof Error; depth++) {
    const code = 'code' in cur && typeof cur.code === 'string' ? cur.code : undefined;
    if (code && NET_CODES.has(code)) found = code;
    if (!found && cur.message === 'terminated') found = 'terminated';
    if (!found && cur.message === 'bad port') found = BAD_PORT;
    if (!found && cur instanceof AggregateError) {
      for (const inner of cur.errors) {
        const c = networkCode(inner);
        if (c) return c;
      }
    }
    cur = cur.cause;
  }
  return found === 'UND_ERR_CLOSED' ? 'UND_ERR_SOCKET' : found;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
