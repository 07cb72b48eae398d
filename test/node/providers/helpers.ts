// Drains a provider stream into what the tests assert on.
import type { LlmRequest, StreamChunk, TokenLogprob, ToolCall } from '../../../shared/core/model.ts';
import type { LlmProvider } from '../../../shared/core/ports.ts';
import { ProviderError } from '../../../shared/core/provider-error.ts';

export type DoneChunk = Extract<StreamChunk, { type: 'done' }>;

export interface Drained {
  chunks: StreamChunk[];
  text: string;
  logprobs: TokenLogprob[];
  toolCalls: ToolCall[];
  done: DoneChunk | undefined;
  error: ProviderError | undefined;
}

/** Runs a stream to its end; a ProviderError is captured, anything else fails the test. */
export async function drain(provider: LlmProvider, request: LlmRequest, opts: { signal?: AbortSignal; onChunk?: (c: StreamChunk, all: StreamChunk[]) => void } = {}): Promise<Drained> {
  const chunks: StreamChunk[] = [];
  let error: ProviderError | undefined;
  try {
    for await (const c of provider.stream(request, opts.signal ?? new AbortController().signal)) {
      chunks.push(c);
      opts.onChunk?.(c, chunks);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    error = e;
  }
  const text = chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');
  const logprobs = chunks.flatMap((c) => (c.type === 'logprobs' ? c.logprobs : []));
  const toolCalls = chunks.flatMap((c) => (c.type === 'tool_call' ? [c.toolCall] : []));
  const done = chunks.find((c): c is DoneChunk => c.type === 'done');
  return { chunks, text, logprobs, toolCalls, done, error };
}

export function ask(model: string, prompt: string, extra: Partial<LlmRequest> = {}): LlmRequest {
  return { model, messages: [{ role: 'user', content: prompt }], ...extra };
}

export { closedPort } from '../helpers/ports.ts';

export function bodyOf(r: { body: unknown } | undefined): Record<string, unknown> {
  const b = r?.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new Error('request had no JSON object body');
  return { ...b };
}
