// The OpenAI and Anthropic adapters hand their SDKs the same options for a guarded call: one
// place sets them, so the two cannot drift apart (retries, Retry-After cap, timeout, logging).
import { describe, expect, it } from 'vitest';
import { CallGuard } from '../../../electron/node/providers/call-guard.ts';
import { sdkCallOptions, TUNING_DEFAULTS } from '../../../electron/node/providers/guarded.ts';

function withGuard<T>(timeoutMs: number, use: (guard: CallGuard) => Promise<T>): Promise<T> {
  const guard = new CallGuard(undefined, { timeoutMs, idleTimeoutMs: timeoutMs });
  return use(guard).finally(() => guard.dispose());
}

describe('SDK call options', () => {
  it('take the retries and timeout of the tuning, the defaults without one, and never log', async () => {
    await withGuard(1_000, async (guard) => {
      expect(sdkCallOptions({ maxRetries: 5, timeoutMs: 3_000 }, guard)).toMatchObject({ maxRetries: 5, timeout: 3_000, logLevel: 'off' });
      expect(sdkCallOptions({}, guard)).toMatchObject({ maxRetries: TUNING_DEFAULTS.maxRetries, timeout: TUNING_DEFAULTS.timeoutMs, logLevel: 'off' });
    });
  });

  it('send through the given fetch, tied to the guard, and tell the SDK not to wait out a long Retry-After', async () => {
    const seen: (AbortSignal | null | undefined)[] = [];
    const fetch = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      seen.push(init?.signal);
      return new Response('slow down', { status: 429, headers: { 'retry-after': '30' } });
    };
    await withGuard(1_000, async (guard) => {
      const long = await sdkCallOptions({ fetch, maxRetryAfterMs: 10_000 }, guard).fetch('http://127.0.0.1/x');
      expect(long.headers.get('x-should-retry')).toBe('false');
      const short = await sdkCallOptions({ fetch, maxRetryAfterMs: 60_000 }, guard).fetch('http://127.0.0.1/x');
      expect(short.headers.get('x-should-retry')).toBeNull();
      expect(seen).toEqual([guard.signal, guard.signal]);
    });
  });
});
