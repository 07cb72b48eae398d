// A fake OpenAI-compatible server (OpenAI, vLLM with `flavour: 'vllm'`, Groq with 'groq') as documented in
// /work/shared/docs/wire-formats.md §4: POST /v1/chat/completions as SSE (`data: {...}` events,
// `data: [DONE]`) or one JSON object, GET /v1/models, and errors in OpenAI's body shape.
import { assembleStream, sendJson, type FakeExchange, type Frame } from './fake-server.ts';
import { answerScripted, chatCallOf, messagesOf, startScriptedFake, type ScriptedFake, type ScriptedFakeOptions } from './scripted-fake.ts';
import {
  argumentChunksOf,
  chunksOf,
  disruptionOf,
  finishOf,
  isRecord,
  logprobOf,
  splitIntoChunks,
  usageOf,
  type ChatCall,
  type ScriptBook,
  type ScriptedHttpError,
  type ScriptedResponse,
} from './script.ts';

export interface FakeOpenAIOptions extends ScriptedFakeOptions {
  /**
   * `vllm`: integer error codes, `stop_reason` in choices, vLLM model cards. `groq`: a stream's
   * usage comes in `x_groq.usage` on its finishing chunk, not in a usage chunk.
   */
  flavour?: 'openai' | 'vllm' | 'groq';
  /** When set, any other bearer token gets 401 invalid_api_key. */
  requireApiKey?: string;
  /**
   * Models that behave like OpenAI's gpt-5: `logprobs` gets a 403, a temperature other than 1
   * a 400, and `reasoning_effort: 'none'` a 400 that names the values it takes.
   */
  reasoningModels?: readonly string[];
}

export interface FakeOpenAI extends ScriptedFake {
  /** Base URL including `/v1`, as the SDK's `baseURL` expects, e.g. http://127.0.0.1:41234/v1. */
  url: string;
}

export function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  return startScriptedFake(opts, { urlPath: '/v1', chatPath: '/v1/chat/completions', route: (x, book) => route(x, book, opts) });
}

const CREATED = 1_764_320_000;

async function route(x: FakeExchange, book: ScriptBook, opts: FakeOpenAIOptions): Promise<void> {
  const { method, path, headers } = x.recorded;
  const vllm = opts.flavour === 'vllm';
  if (opts.requireApiKey !== undefined && headers['authorization'] !== `Bearer ${opts.requireApiKey}`) {
    const key = (headers['authorization'] ?? '').replace(/^Bearer\s+/i, '');
    return sendError(x, vllm, {
      status: 401,
      code: 'invalid_api_key',
      message: `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    });
  }
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(x, 200, { object: 'list', data: book.models().map((id) => (vllm ? vllmCard(id) : { id, object: 'model', created: CREATED, owned_by: 'system' })) });
  }
  if (method === 'POST' && path === '/v1/chat/completions') return completions(x, book, opts.flavour ?? 'openai', opts.reasoningModels ?? []);
  sendError(x, vllm, { status: 404, message: `Invalid URL (${method} ${path})`, code: 'unknown_url' });
}

function vllmCard(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'vllm', root: id, parent: null, max_model_len: 8192, permission: [{ id: `modelperm-${id}`, object: 'model_permission', created: CREATED, allow_sampling: true, allow_logprobs: true, organization: '*', is_blocking: false }] };
}

async function completions(x: FakeExchange, book: ScriptBook, flavour: NonNullable<FakeOpenAIOptions['flavour']>, reasoningModels: readonly string[]): Promise<void> {
  const vllm = flavour === 'vllm';
  const body = isRecord(x.recorded.body) ? x.recorded.body : undefined;
  if (!body) return sendError(x, vllm, { status: 400, message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)" });
  const model = typeof body['model'] === 'string' ? body['model'] : '';
  const refusal = vllm ? null : refusedRequest(body, reasoningModels.includes(model));
  if (refusal) return sendError(x, vllm, refusal, model);
  const call = chatCallOf(x, body, { model, messages: messagesOf(body['messages']), wantsLogprobs: body['logprobs'] === true, format: body['response_format'] });
  const r = book.take(call);
  if (!r) {
    return sendError(x, vllm, {
      status: 404,
      code: 'model_not_found',
      message: vllm ? `The model \`${model}\` does not exist.` : `The model \`${model}\` does not exist or you do not have access to it.`,
    });
  }
  const streamOptions = isRecord(body['stream_options']) ? body['stream_options'] : undefined;
  await answerScripted(x, r, {
    sendError: (e) => sendError(x, vllm, e, model),
    stream:
      body['stream'] === true
        ? {
            headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': 'req_fake' },
            frames: () => streamFrames(r, call, flavour, streamOptions?.['include_usage'] === true),
          }
        : undefined,
    whole: () => sendJson(x, 200, wholeAnswer(r, call, vllm)),
  });
}

const event = (o: unknown): string => `data: ${JSON.stringify(o)}\n\n`;

function streamFrames(r: ScriptedResponse, call: ChatCall, flavour: NonNullable<FakeOpenAIOptions['flavour']>, includeUsage: boolean): Frame[] {
  const vllm = flavour === 'vllm';
  const base = { id: 'chatcmpl-fake0001', object: 'chat.completion.chunk', created: CREATED, model: call.model, system_fingerprint: 'fp_fake', ...(includeUsage ? { usage: null } : {}) };
  const choice = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null, ...(vllm ? { stop_reason: null } : {}), ...extra }],
  });
  const refusal = r.refusal !== undefined ? splitIntoChunks(r.refusal) : undefined;
  const chunks = refusal ?? chunksOf(r, call);
  const content: Frame[][] = chunks.map((c, i) => [
    {
      paced: true,
      data: refusal
        ? event(choice({ refusal: c }))
        : event(choice({ content: c }, call.wantsLogprobs ? { logprobs: { content: [tokenLogprob(c, logprobOf(r, i))], refusal: null } } : {})),
    },
  ]);
  (r.toolCalls ?? []).forEach((t, index) => {
    content.push([{ paced: true, data: event(choice({ tool_calls: [{ index, id: t.id ?? `call_fake${index}`, type: 'function', function: { name: t.name, arguments: '' } }] })) }]);
    for (const frag of argumentChunksOf(t)) content.push([{ paced: true, data: event(choice({ tool_calls: [{ index, function: { arguments: frag } }] })) }]);
  });
  const usage = usageOf(r, call, chunks.length);
  const groqUsage = flavour === 'groq' && usage ? { x_groq: { id: 'req_fake', usage: usageBody(usage) } } : {};
  const tail: Frame[] = [{ paced: true, data: event({ ...choice({}, { finish_reason: finishOf(r) }), ...groqUsage }) }];
  if (flavour !== 'groq' && includeUsage && usage) tail.push({ data: event({ ...base, choices: [], usage: usageBody(usage) }) });
  tail.push({ data: 'data: [DONE]\n\n' });
  const d = disruptionOf(r);
  return assembleStream({
    head: [
      { data: event(choice({ role: 'assistant', content: '', refusal: null })) },
      ...(r.thinking ?? []).map((t) => ({ paced: true, data: event(choice({ [r.reasoningField ?? 'reasoning']: t })) })),
    ],
    content,
    tail,
    malformedAfter: r.malformedAfterChunks,
    malformed: { data: 'data: {"id":"chatcmpl-fake0001","choices":[{"delta":{"content":\n\n' },
    disruption: d,
    errorFrames: d?.kind === 'error' ? [{ paced: true, data: event({ error: { message: d.message ?? 'The server had an error while processing your request. Sorry about that!', type: d.type ?? 'server_error', param: null, code: vllm ? 500 : null } }) }] : [],
  });
}

function usageBody(u: { input: number; output: number; cached?: number }) {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function wholeAnswer(r: ScriptedResponse, call: ChatCall, vllm: boolean) {
  const chunks = chunksOf(r, call);
  const usage = usageOf(r, call, chunks.length);
  const toolCalls = (r.toolCalls ?? []).map((t, i) => ({ id: t.id ?? `call_fake${i}`, type: 'function', function: { name: t.name, arguments: t.arguments } }));
  return {
    id: 'chatcmpl-fake0001',
    object: 'chat.completion',
    created: CREATED,
    model: call.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: r.refusal !== undefined ? null : chunks.join('') || null,
          refusal: r.refusal ?? null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: call.wantsLogprobs ? { content: chunks.map((c, i) => tokenLogprob(c, logprobOf(r, i))), refusal: null } : null,
        finish_reason: finishOf(r),
        ...(vllm ? { stop_reason: null } : {}),
      },
    ],
    ...(usage ? { usage: usageBody(usage) } : {}),
  };
}

function tokenLogprob(token: string, logprob: number) {
  return { token, logprob, bytes: [...Buffer.from(token, 'utf8')], top_logprobs: [] };
}

/** The validation errors of OpenAI's API this fake reproduces, or null for a request it accepts. */
function refusedRequest(body: Record<string, unknown>, reasoning: boolean): ScriptedHttpError | null {
  const format = isRecord(body['response_format']) ? body['response_format'] : undefined;
  if (format?.['type'] === 'json_object' && !/json/i.test(JSON.stringify(body['messages'] ?? []))) {
    return { status: 400, message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'." };
  }
  if (!reasoning) return null;
  if (body['logprobs'] === true) {
    return { status: 403, body: { error: { message: 'You are not allowed to request logprobs from this model', type: 'invalid_request_error', param: null, code: null } } };
  }
  const temperature = body['temperature'];
  if (temperature !== undefined && temperature !== 1) {
    return { status: 400, code: 'unsupported_value', message: `Unsupported value: 'temperature' does not support ${String(temperature)} with this model. Only the default (1) value is supported.` };
  }
  if (body['reasoning_effort'] === 'none') {
    return { status: 400, code: 'unsupported_value', message: "Unsupported value: 'reasoning_effort' does not support 'none' with this model. Supported values are: 'minimal', 'low', 'medium', and 'high'." };
  }
  return null;
}

function sendError(x: FakeExchange, vllm: boolean, e: ScriptedHttpError, model = ''): void {
  if (e.body !== undefined) return sendJson(x, e.status, e.body, e.headers);
  const d = defaults(e.status, model);
  const message = e.message ?? d.message;
  const error = vllm
    ? { message, type: e.type ?? d.vllmType, param: null, code: e.status }
    : { message, type: e.type ?? d.type, param: null, code: e.code ?? d.code };
  sendJson(x, e.status, { error }, { 'x-request-id': 'req_fake', ...e.headers });
}

function defaults(status: number, model: string): { message: string; type: string; code: string | null; vllmType: string } {
  switch (status) {
    case 400:
      return { message: 'Invalid request.', type: 'invalid_request_error', code: null, vllmType: 'BadRequestError' };
    case 401:
      return { message: 'Incorrect API key provided: sk-***fake. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', code: 'invalid_api_key', vllmType: 'Unauthorized' };
    case 403:
      return { message: `You do not have access to the model ${model}.`, type: 'invalid_request_error', code: 'model_not_found', vllmType: 'Forbidden' };
    case 404:
      return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found', vllmType: 'NotFoundError' };
    case 429:
      return { message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`, type: 'requests', code: 'rate_limit_exceeded', vllmType: 'TooManyRequests' };
    case 503:
      return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null, vllmType: 'ServiceUnavailable' };
    default:
      return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null, vllmType: 'InternalServerError' };
  }
}
