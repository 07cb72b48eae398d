// POSTs an alert to a webhook with a per-attempt timeout and bounded exponential backoff.
// Network errors, timeouts, 429 and 5xx are retried; any other 4xx is final (retrying a
// rejected request only repeats the rejection). Errors never carry the URL: Slack's holds a token.

export interface WebhookOptions {
  attempts: number;
  timeoutMs: number;
  /** Wait before the second attempt; doubles each time, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Aborts the delivery (the backend is closing). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface WebhookResult {
  delivered: boolean;
  attempts: number;
  /** Status of the last response, null when none came. */
  status: number | null;
  error: string | null;
}

export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 5_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function describeFailure(e: unknown, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  if (e instanceof Error) {
    const code = (e.cause as { code?: unknown } | undefined)?.code;
    if (e.name === 'AbortError') return 'cancelled';
    return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
  }
  return 'connection failed';
}

const retryable = (status: number) => status === 429 || status >= 500;

export async function postWebhook(url: string, body: unknown, opts: WebhookOptions): Promise<WebhookResult> {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const payload = JSON.stringify(body);
  let status: number | null = null;
  let error: string | null = null;
  let attempt = 0;
  while (attempt < opts.attempts) {
    if (attempt > 0) await sleep(Math.min(max, base * 2 ** (attempt - 1)), opts.signal);
    if (opts.signal?.aborted) return { delivered: false, attempts: attempt, status, error: 'cancelled' };
    attempt++;
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    try {
      const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload, signal, redirect: 'error' });
      status = res.status;
      // Drain the body so the connection can be reused or closed.
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { delivered: true, attempts: attempt, status, error: null };
      error = `HTTP ${res.status}`;
      if (!retryable(res.status)) break;
    } catch (e) {
      status = null;
      error = describeFailure(e, opts.timeoutMs, timeout.aborted);
      if (opts.signal?.aborted) break;
    }
  }
  return { delivered: false, attempts: attempt, status, error };
}
