// A fake Ollama server speaking the native API as documented in /work/shared/docs/wire-formats.md §3:
// POST /api/chat (NDJSON stream or one JSON object), GET /api/tags, /api/version and `/`.
// Zero-valued metrics are omitted from the final line, as Ollama's `omitempty` does.
import { assembleStream, sendJson, type FakeExchange, type Frame } from './fake-server.ts';
import { answerScripted, chatCallOf, messagesOf, startScriptedFake, type ScriptedFake, type ScriptedFakeOptions } from './scripted-fake.ts';
import { chunksOf, disruptionOf, finishOf, isRecord, logprobOf, usageOf, type ChatCall, type ScriptBook, type ScriptedResponse } from './script.ts';

export interface FakeOllamaOptions extends ScriptedFakeOptions {
  version?: string;
  /** Behave like an Ollama older than 0.12.11: reject `logprobs` with 400. */
  rejectLogprobs?: boolean;
  /** Models with the thinking capability: asking another to think answers 400, as Ollama does. Default: every model may think. */
  thinkingModels?: string[];
  /**
   * Behave like an Ollama from before commit 122c68c, which takes a thinking level (`think:
   * "high"`) from gpt-oss (harmony) models only: any other model answers 400 `think value "high"
   * is not supported for this model`, before its thinking capability is checked. Default: every
   * model takes a level (a newer Ollama reads it as `true` where levels mean nothing).
   */
  thinkLevelModels?: string[];
}

export interface FakeOllama extends ScriptedFake {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 (what OLLAMA_HOST would hold). */
  url: string;
}

export function startFakeOllama(opts: FakeOllamaOptions = {}): Promise<FakeOllama> {
  return startScriptedFake(opts, { urlPath: '', chatPath: '/api/chat', route: (x, book) => route(x, book, opts) });
}

async function route(x: FakeExchange, book: ScriptBook, opts: FakeOllamaOptions): Promise<void> {
  const { method, path } = x.recorded;
  if (method === 'GET' && path === '/') return sendJson(x, 200, 'Ollama is running');
  if (method === 'GET' && path === '/api/version') return sendJson(x, 200, { version: opts.version ?? '0.12.11' });
  if (method === 'GET' && path === '/api/tags') return sendJson(x, 200, { models: book.models().map(tagOf) });
  if (method === 'POST' && path === '/api/chat') return chat(x, book, opts);
  sendJson(x, 404, '404 page not found');
}

function tagOf(name: string) {
  const family = name.split(/[:.\d]/)[0] || 'llama';
  const size = /(\d+(?:\.\d+)?)b/i.exec(name)?.[1];
  return {
    name,
    model: name,
    modified_at: '2026-10-01T12:00:00.000000000Z',
    size: size ? Math.round(Number(size) * 6e8) : 2_019_393_189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: { parent_model: '', format: 'gguf', family, families: [family], parameter_size: size ? `${size}B` : '3.2B', quantization_level: 'Q4_K_M' },
  };
}

async function chat(x: FakeExchange, book: ScriptBook, opts: FakeOllamaOptions): Promise<void> {
  const body = isRecord(x.recorded.body) ? x.recorded.body : undefined;
  if (!body) return sendJson(x, 400, { error: 'invalid character looking for beginning of value' });
  const model = typeof body['model'] === 'string' ? body['model'] : '';
  if (!model) return sendJson(x, 400, { error: 'model is required' });
  if (body['logprobs'] !== undefined && opts.rejectLogprobs) return sendJson(x, 400, { error: 'json: unknown field "logprobs"' });
  const think = body['think'];
  if (typeof think === 'string' && opts.thinkLevelModels && !opts.thinkLevelModels.includes(model)) {
    return sendJson(x, 400, { error: `think value ${JSON.stringify(think)} is not supported for this model` });
  }
  if (think !== undefined && think !== false && opts.thinkingModels && !opts.thinkingModels.includes(model)) return sendJson(x, 400, { error: `"${model}" does not support thinking` });
  const top = body['top_logprobs'];
  if (typeof top === 'number' && (top < 0 || top > 20)) return sendJson(x, 400, { error: 'top_logprobs must be between 0 and 20' });

  const call = chatCallOf(x, body, { model, messages: messagesOf(body['messages']), wantsLogprobs: body['logprobs'] === true, format: body['format'] });
  const r = book.take(call);
  if (!r) return sendJson(x, 404, { error: `model '${model}' not found` });
  await answerScripted(x, r, {
    sendError: (e) => sendJson(x, e.status, e.body ?? { error: e.message ?? defaultMessage(e.status, model) }, e.headers),
    stream: body['stream'] === false ? undefined : { headers: { 'content-type': 'application/x-ndjson' }, frames: () => streamFrames(r, call) },
    whole: () => sendJson(x, 200, wholeAnswer(r, call)),
  });
}

function defaultMessage(status: number, model: string): string {
  if (status === 404) return `model '${model}' not found`;
  if (status === 503) return 'server busy, please try again.  maximum pending requests exceeded';
  if (status === 429) return 'too many requests';
  if (status === 400) return 'invalid request';
  return 'llama runner process has terminated: exit status 2';
}

const createdAt = '2026-11-28T10:00:00.000000000Z';
const line = (o: unknown): string => `${JSON.stringify(o)}\n`;

function streamFrames(r: ScriptedResponse, call: ChatCall): Frame[] {
  const chunks = chunksOf(r, call);
  const content: Frame[][] = chunks.map((c, i) => [
    {
      paced: true,
      data: line({
        model: call.model,
        created_at: createdAt,
        message: { role: 'assistant', content: c },
        done: false,
        ...(call.wantsLogprobs ? { logprobs: [tokenLogprob(c, logprobOf(r, i))] } : {}),
      }),
    },
  ]);
  // Ollama sends tool calls whole, in one message chunk.
  if (r.toolCalls?.length) {
    content.push([{ paced: true, data: line({ model: call.model, created_at: createdAt, message: { role: 'assistant', content: '', tool_calls: toolCallsOf(r) }, done: false }) }]);
  }
  const d = disruptionOf(r);
  return assembleStream({
    head: (r.thinking ?? []).map((t) => ({ paced: true, data: line({ model: call.model, created_at: createdAt, message: { role: 'assistant', content: '', thinking: t }, done: false }) })),
    content,
    tail: [{ paced: true, data: line(finalLine(r, call, chunks.length)) }],
    malformedAfter: r.malformedAfterChunks,
    malformed: { data: `{"model":"${call.model}","message":{"role":"assist\n` },
    disruption: d,
    errorFrames: d?.kind === 'error' ? [{ paced: true, data: line({ error: d.message ?? 'an error was encountered while running the model: unexpected EOF' }) }] : [],
  });
}

function finalLine(r: ScriptedResponse, call: ChatCall, chunkCount: number): Record<string, unknown> {
  const usage = usageOf(r, call, chunkCount);
  // Ollama's metric fields are `omitempty`: a zero (or unreported) count is absent, not 0.
  const metrics: Record<string, number> = {
    total_duration: 912_345_678,
    load_duration: 31_234_567,
    ...(usage?.input ? { prompt_eval_count: usage.input, prompt_eval_duration: 45_678_901 } : {}),
    ...(usage?.output ? { eval_count: usage.output, eval_duration: 812_345_678 } : {}),
  };
  const finish = finishOf(r);
  return {
    model: call.model,
    created_at: createdAt,
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: finish === 'length' ? 'length' : 'stop',
    ...Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== 0)),
  };
}

function wholeAnswer(r: ScriptedResponse, call: ChatCall): Record<string, unknown> {
  const chunks = chunksOf(r, call);
  const last = finalLine(r, call, chunks.length);
  return {
    ...last,
    message: { role: 'assistant', content: chunks.join(''), ...(r.toolCalls?.length ? { tool_calls: toolCallsOf(r) } : {}) },
    ...(call.wantsLogprobs ? { logprobs: chunks.map((c, i) => tokenLogprob(c, logprobOf(r, i))) } : {}),
  };
}

function toolCallsOf(r: ScriptedResponse) {
  return (r.toolCalls ?? []).map((t, index) => ({
    ...(t.id ? { id: t.id } : {}),
    function: { index, name: t.name, arguments: parseArgs(t.arguments) },
  }));
}

function parseArgs(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
}

function tokenLogprob(token: string, logprob: number) {
  return { token, logprob, bytes: [...Buffer.from(token, 'utf8')] };
}
