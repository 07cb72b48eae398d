// What every provider adapter owes the cascade engine whatever its wire format: a garbled, cut
// or silent stream ends in a typed ProviderError, an abort ends the call at once, and a long
// Retry-After fails fast. Each provider's test file runs these cases against its own fake.
import { expect, it } from 'vitest';
import type { AdapterTuning } from '../../../electron/node/providers/guarded.ts';
import type { LlmProvider } from '../../../shared/core/ports.ts';
import type { ScriptedFake } from '../../fakes/index.ts';
import { ask, drain } from './helpers.ts';

export interface ProviderUnderTest {
  /** The provider's name as its error messages spell it. */
  name: string;
  model: string;
  fake(): ScriptedFake;
  /** The adapter pointed at the fake, with no retries unless the case asks for them. */
  provider(tuning?: Pick<AdapterTuning, 'maxRetries' | 'timeoutMs' | 'idleTimeoutMs'>): LlmProvider;
}

export function itKeepsTheStreamContract(p: ProviderUnderTest): void {
  const { model } = p;

  it("yields a reasoning model's thinking as thinking chunks, before and apart from the answer", async () => {
    p.fake().script(model, { thinking: ['17 * 20 = 340, ', '17 * 3 = 51. ', 'Sum: 391.'], text: '17 * 23 = 391.' });
    const r = await drain(p.provider(), ask(model, 'What is 17 * 23?'));
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('17 * 23 = 391.');
    const thinking = r.chunks.filter((c) => c.type === 'thinking');
    expect(thinking.map((c) => c.text)).toEqual(['17 * 20 = 340, ', '17 * 3 = 51. ', 'Sum: 391.']);
    const firstText = r.chunks.findIndex((c) => c.type === 'text');
    expect(r.chunks.findLastIndex((c) => c.type === 'thinking')).toBeLessThan(firstText);
  });

  it('reports a frame that is not JSON as a bad response', async () => {
    p.fake().script(model, { text: 'one two three', malformedAfterChunks: 1 });
    const r = await drain(p.provider(), ask(model, 'count'));
    expect(r.error?.code).toBe('bad_response');
    expect(r.error?.message).toContain('malformed stream');
  });

  it('reports a stream that ends before its final event as a bad response', async () => {
    p.fake().script(model, { text: 'one two three', endAfterChunks: 2 });
    const r = await drain(p.provider(), ask(model, 'count'));
    expect(r.error?.code).toBe('bad_response');
    expect(r.done).toBeUndefined();
  });

  it('reports a connection reset mid-answer as a bad response, after the text before it', async () => {
    p.fake().script(model, { text: 'one two three four', resetAfterChunks: 2 });
    const r = await drain(p.provider(), ask(model, 'count'));
    expect(r.text).toBe('one two ');
    expect(r.error?.code).toBe('bad_response');
    expect(r.error?.message).toContain('closed the connection mid-answer');
  });

  it('gives up on a server that never answers with a timeout and closes the connection', async () => {
    p.fake().script(model, { hang: true });
    const r = await drain(p.provider({ timeoutMs: 2000, idleTimeoutMs: 150, maxRetries: 2 }), ask(model, 'hello?'));
    expect(r.error?.code).toBe('timeout');
    expect(r.error?.message).toContain('sent nothing for 0.1 s');
    await expect.poll(() => p.fake().chatRequests()[0]?.closedEarly).toBe(true);
  });

  it('ends promptly with cancelled when the caller aborts mid-answer', async () => {
    p.fake().script(model, { text: 'w '.repeat(50), delayMs: 200 });
    const ac = new AbortController();
    const r = await drain(p.provider(), ask(model, 'long'), { signal: ac.signal, onChunk: (c) => c.type === 'text' && ac.abort() });
    expect(r.error?.code).toBe('cancelled');
    expect(r.chunks.filter((c) => c.type === 'text')).toHaveLength(1);
    await expect.poll(() => p.fake().chatRequests()[0]?.closedEarly).toBe(true);
  });

  it('fails fast with rate_limited when Retry-After exceeds the cap', async () => {
    p.fake().script(model, { httpError: { status: 429, headers: { 'retry-after': '30' } } });
    const r = await drain(p.provider({ maxRetries: 2 }), ask(model, 'hi'));
    expect(r.error?.code).toBe('rate_limited');
    expect(r.error?.retryAfterMs).toBe(30_000);
    expect(r.error?.message).toBe(`${p.name} rate-limited the request; retry after 30.0 s`);
    expect(p.fake().chatRequests()).toHaveLength(1);
  });
}
