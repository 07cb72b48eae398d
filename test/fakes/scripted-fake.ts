// What the three fake LLM servers share above the HTTP plumbing: the scriptable face tests
// drive (script / enqueue / setDefault, recorded requests), the chat call a request becomes, and
// how a scripted response's timing and failure knobs are honoured before the fake renders the
// answer in its own wire format.
import { hang, playFrames, startHttpFake, type FakeExchange, type Frame, type RecordedRequest } from './fake-server.ts';
import { ScriptBook, contentText, isRecord, lastUserText, type ChatCall, type Responder, type ScriptedHttpError, type ScriptedResponse } from './script.ts';

export interface ScriptedFake {
  /** The base URL the provider's SDK is given (each fake documents its own form). */
  url: string;
  requests: RecordedRequest[];
  /** Requests to the chat endpoint only. */
  chatRequests(): RecordedRequest[];
  script(model: string, responder: Responder): void;
  enqueue(model: string, ...responders: Responder[]): void;
  setDefault(responder: Responder | undefined): void;
  close(): Promise<void>;
}

export interface ScriptedFakeOptions {
  /** Models the listing endpoint reports and that get a default echo when not scripted. */
  models?: readonly string[];
  /** Default: a free port. */
  port?: number;
}

export interface ScriptedFakeSpec {
  /** Appended to the origin to make `url` (OpenAI's SDK wants `/v1`, the others the bare origin). */
  urlPath: string;
  chatPath: string;
  route(x: FakeExchange, book: ScriptBook): Promise<void>;
}

export async function startScriptedFake(opts: ScriptedFakeOptions, spec: ScriptedFakeSpec): Promise<ScriptedFake> {
  const book = new ScriptBook(opts.models ?? []);
  const http = await startHttpFake((x) => spec.route(x, book), opts.port);
  return {
    url: `${http.origin}${spec.urlPath}`,
    requests: http.requests,
    chatRequests: () => http.requests.filter((r) => r.path === spec.chatPath),
    script: (m, r) => book.script(m, r),
    enqueue: (m, ...r) => book.enqueue(m, ...r),
    setDefault: (r) => book.setDefault(r),
    close: http.close,
  };
}

/** Role and plain text of each message in a request body's message list. */
export function messagesOf(value: unknown): ChatCall['messages'] {
  return Array.isArray(value) ? value.filter(isRecord).map((m) => ({ role: String(m['role'] ?? ''), content: contentText(m['content']) })) : [];
}

export function chatCallOf(x: FakeExchange, body: Record<string, unknown>, call: Pick<ChatCall, 'model' | 'messages' | 'wantsLogprobs' | 'format'>): ChatCall {
  return { ...call, prompt: lastUserText(call.messages), body, headers: x.recorded.headers };
}

/** How one fake puts a scripted response on the wire. */
export interface WireAnswer {
  sendError(e: ScriptedHttpError): void;
  /** Undefined when the request did not ask for a stream: `whole` answers instead. */
  stream: { headers: Record<string, string>; frames(): Frame[] } | undefined;
  whole(): void;
}

/** Honours the script's header delay, hang and HTTP error, then answers whole or streamed. */
export async function answerScripted(x: FakeExchange, r: ScriptedResponse, wire: WireAnswer): Promise<void> {
  if (r.headersDelayMs) await x.pause(r.headersDelayMs);
  if (r.hang) return hang(x);
  if (r.httpError) return wire.sendError(r.httpError);
  if (!wire.stream) return wire.whole();
  x.res.writeHead(200, wire.stream.headers);
  await playFrames(x, wire.stream.frames(), r.delayMs ?? 0);
}
