// Small fetch decorators that give every SDK the same retry policy and stream checks.
import { MalformedStreamError, MidStreamError, retryAfterMsFrom } from './errors.ts';

export type Fetch = typeof fetch;

/**
 * The SDKs honour any Retry-After; we do not want a call to sleep for minutes. A failed
 * response asking for longer than `maxRetryAfterMs` gets `x-should-retry: false`, which the
 * OpenAI and Anthropic SDKs obey, so the call fails fast with the delay in its headers.
 */
export function capRetryAfter(base: Fetch, maxRetryAfterMs: number): Fetch {
  return async (input, init) => {
    const res = await base(input, init);
    if (res.ok) return res;
    const wait = retryAfterMsFrom(res.headers);
    if (wait === undefined || wait <= maxRetryAfterMs) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

/** Ties every request to `signal` (ollama-js takes no per-request signal). */
export function withSignal(base: Fetch, signal: AbortSignal): Fetch {
  return (input, init) => base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterMs: number;
  statuses: ReadonlySet<number>;
  /** Told the Retry-After of the last failed response (for the error message). */
  onFailure?: (retryAfterMs: number | undefined) => void;
}

/** Retries transient statuses the way the other SDKs do, for an SDK that does not retry at all. */
export function withRetries(base: Fetch, policy: RetryPolicy): Fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await base(input, init);
      if (res.ok || !policy.statuses.has(res.status)) return res;
      const wait = retryAfterMsFrom(res.headers);
      policy.onFailure?.(wait);
      if (attempt >= policy.maxRetries || res.headers.get('x-should-retry') === 'false') return res;
      if (wait !== undefined && wait > policy.maxRetryAfterMs) return res;
      await res.body?.cancel().catch(() => undefined);
      await sleep(wait ?? backoffMs(attempt), init?.signal ?? undefined);
    }
  };
}

/** 0.5 s, 1 s, 2 s ... capped at 8 s, with up to 25 % jitter (the OpenAI SDK's schedule). */
function backoffMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * ollama-js skips NDJSON lines it cannot parse (with a console warning) and turns an `{"error"}`
 * line into a plain Error. This passes only whole, valid lines on and then fails the body with a
 * typed error, so a corrupt stream surfaces as `bad_response`. It hands out one line per pull so
 * the lines before a failure reach the reader before the failure does (erroring a stream drops
 * whatever is still queued in it).
 */
export function validateNdjson(base: Fetch): Fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !res.body || !type.includes('ndjson')) return res;
    return new Response(validatedLines(res.body), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

function validatedLines(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const ready: string[] = [];
  let buffer = '';
  let failure: Error | undefined;
  let ended = false;

  const accept = (line: string): void => {
    if (failure || line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      failure = new MalformedStreamError(`not JSON: ${line.slice(0, 80)}`);
      return;
    }
    if (typeof value === 'object' && value !== null && 'error' in value) {
      const e = value.error;
      failure = new MidStreamError(typeof e === 'string' ? e : JSON.stringify(e));
      return;
    }
    ready.push(line);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (ready.length === 0 && !failure && !ended) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (e) {
            failure = e instanceof Error ? e : new Error(String(e));
            break;
          }
          if (chunk.done) {
            ended = true;
            accept(buffer + decoder.decode());
            buffer = '';
            break;
          }
          buffer += decoder.decode(chunk.value, { stream: true });
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) accept(line);
        }
        const line = ready.shift();
        if (line !== undefined) controller.enqueue(encoder.encode(`${line}\n`));
        else if (failure) controller.error(failure);
        else if (ended) controller.close();
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
