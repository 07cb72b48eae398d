// The circuit breaker's rules on a scripted provider: what counts as "down", the window, the
// single trial call after the cool-down, and that a skip never reaches the provider.
import { describe, expect, it } from 'vitest';
import { withCircuitBreaker } from '../../../electron/node/providers/circuit-breaker.ts';
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import type { StreamChunk } from '../../../shared/core/model.ts';
import type { LlmProvider } from '../../../shared/core/ports.ts';
import { ProviderError, type ProviderErrorCode } from '../../../shared/core/provider-error.ts';

type Step = 'ok' | { code: ProviderErrorCode; status?: number } | 'hold';

function scripted() {
  const steps: Step[] = [];
  let calls = 0;
  let release: (() => void) | null = null;
  const provider: LlmProvider = {
    kind: 'ollama',
    label: 'Ollama at http://127.0.0.1:11434',
    async *stream(): AsyncGenerator<StreamChunk> {
      calls++;
      const step = steps.shift() ?? 'ok';
      if (step === 'hold') await new Promise<void>((r) => (release = r));
      else if (step !== 'ok') throw new ProviderError({ code: step.code, provider: 'ollama', message: `failed: ${step.code}`, ...(step.status ? { status: step.status } : {}) });
      yield { type: 'text', text: 'hi' };
      yield { type: 'done', finishReason: 'stop', usage: null };
    },
    listModels: async () => [{ name: 'llama3.2:3b' }],
  };
  return { provider, steps, calls: () => calls, release: () => release?.() };
}

const tier: TierConfig = { model: 'llama3.2:3b', provider: 'ollama' };

async function attempt(p: LlmProvider): Promise<string> {
  try {
    for await (const _chunk of p.stream({ model: 'llama3.2:3b', messages: [] }, new AbortController().signal)) void _chunk;
    return 'ok';
  } catch (e) {
    return e instanceof ProviderError ? `${e.code}: ${e.message}` : String(e);
  }
}

function setup(settings = { failures: 3, windowMs: 60_000, coolDownMs: 30_000 }) {
  const s = scripted();
  let now = 1_000_000;
  const resolver = withCircuitBreaker({ forTier: () => s.provider }, { settings: () => settings, now: () => now });
  return { ...s, resolver, p: resolver.forTier(tier), advance: (ms: number) => void (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after n failures in a row and skips without calling', async () => {
    const b = setup();
    b.steps.push({ code: 'unreachable' }, { code: 'timeout' }, { code: 'provider_error', status: 502 });
    for (let i = 0; i < 3; i++) expect(await attempt(b.p)).toMatch(/^(unreachable|timeout|provider_error)/);
    expect(b.calls()).toBe(3);
    expect(await attempt(b.p)).toBe('unreachable: skipped llama3.2:3b: Ollama at http://127.0.0.1:11434 failed 3 times in a row; retrying after 30 s');
    expect(b.calls()).toBe(3);
  });

  it('counts only failures within the window', async () => {
    const b = setup();
    b.steps.push({ code: 'unreachable' }, { code: 'unreachable' }, { code: 'unreachable' });
    await attempt(b.p);
    await attempt(b.p);
    b.advance(61_000);
    await attempt(b.p);
    expect(await attempt(b.p)).toBe('ok');
  });

  it('treats an answer even an error status as up', async () => {
    const b = setup();
    b.steps.push({ code: 'unreachable' }, { code: 'unreachable' }, { code: 'auth_failed', status: 401 }, { code: 'unreachable' }, { code: 'unreachable' });
    for (let i = 0; i < 5; i++) await attempt(b.p);
    expect(b.calls()).toBe(5);
    expect(b.resolver.stateOf(b.p.label)).toMatchObject({ consecutive: 2, openUntil: null });
  });

  it('lets one trial call through after the cool down', async () => {
    const b = setup();
    b.steps.push({ code: 'timeout' }, { code: 'timeout' }, { code: 'timeout' });
    for (let i = 0; i < 3; i++) await attempt(b.p);
    b.advance(30_001);
    b.steps.push('hold');
    const trial = attempt(b.p);
    await new Promise((r) => setImmediate(r));
    // While the trial runs, the others are still skipped.
    expect(await attempt(b.p)).toMatch(/^unreachable: skipped/);
    b.release();
    expect(await trial).toBe('ok');
    expect(await attempt(b.p)).toBe('ok');
    expect(b.calls()).toBe(5);
  });

  it('is off at zero failures and passes model listing through', async () => {
    const b = setup({ failures: 0, windowMs: 60_000, coolDownMs: 30_000 });
    for (let i = 0; i < 5; i++) b.steps.push({ code: 'unreachable' });
    for (let i = 0; i < 5; i++) expect(await attempt(b.p)).toMatch(/^unreachable: failed/);
    expect(await b.p.listModels?.()).toEqual([{ name: 'llama3.2:3b' }]);
  });
});
