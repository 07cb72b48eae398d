import { describe, expect, it } from 'vitest';
import type { StreamChunk } from '../../../shared/core/model.ts';
import { isProviderError } from '../../../shared/core/provider-error.ts';
import { createReplayClock, prepareAnswer, recordedResolver } from '../../../shared/core/replay/recorded-provider.ts';
import { modelsDeclaredLocal, parsePriceFlag, ReplayInputError, resolveReplayTier } from '../../../shared/core/replay/replay-pricing.ts';

const messages = [{ role: 'user' as const, content: 'Say hello' }];
const text = 'x'.repeat(600);

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const out: StreamChunk[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

describe('recorded provider', () => {
  it('streams the recorded text in chunks, then the recorded usage, and advances simulated time', async () => {
    const clock = createReplayClock();
    const answer = prepareAnswer(messages, { text, usage: { input_tokens: 7, output_tokens: 60 } }, { tokensPerSecond: 30 });
    const provider = recordedResolver('item-1', new Map([['m', answer]]), clock).forTier({ model: 'm', provider: 'ollama' });
    const chunks = await collect(provider.stream({ model: 'm', messages }, new AbortController().signal));
    expect(chunks.filter((c) => c.type === 'text').map((c) => (c.type === 'text' ? c.text : '')).join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[chunks.length - 1]).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 7, outputTokens: 60, cachedInputTokens: 0, cacheWriteTokens: 0 } });
    expect(clock.monotonic()).toBe(2_000);
  });

  it('ends with the recorded finish reason', async () => {
    const clock = createReplayClock();
    const answer = prepareAnswer(messages, { text: 'cut', finish_reason: 'length' }, { tokensPerSecond: 30 });
    const provider = recordedResolver('i', new Map([['m', answer]]), clock).forTier({ model: 'm', provider: 'ollama' });
    const chunks = await collect(provider.stream({ model: 'm', messages }, new AbortController().signal));
    expect(chunks[chunks.length - 1]).toMatchObject({ type: 'done', finishReason: 'length' });
  });

  it('fails like a provider when the trace has no answer of the model', async () => {
    const provider = recordedResolver('item-9', new Map(), createReplayClock()).forTier({ model: 'absent', provider: 'openai' });
    const error = await collect(provider.stream({ model: 'absent', messages }, new AbortController().signal)).catch((e: unknown) => e);
    expect(isProviderError(error) && error.code).toBe('model_not_found');
    expect((error as Error).message).toBe('The trace has no recorded answer of absent for item item-9.');
  });

  it('stops with a cancelled error when aborted', async () => {
    const answer = prepareAnswer(messages, { text }, { tokensPerSecond: 30 });
    const provider = recordedResolver('i', new Map([['m', answer]]), createReplayClock()).forTier({ model: 'm', provider: 'ollama' });
    const controller = new AbortController();
    const seen: StreamChunk[] = [];
    const error = await (async () => {
      for await (const c of provider.stream({ model: 'm', messages }, controller.signal)) {
        seen.push(c);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(isProviderError(error) && error.code).toBe('cancelled');
  });
});

describe('replay prices', () => {
  const energy = { gpuWatts: 300, electricityUsdPerKwh: 0.15 };

  it('finds GPT-4 Turbo 1106 at its list price', () => {
    const r = resolveReplayTier('gpt-4-1106-preview', { energy });
    expect(r.tier).toEqual({ model: 'gpt-4-1106-preview', provider: 'openai' });
    expect(r.description).toBe('$10.00 in / $30.00 out per 1M tokens');
  });

  it("asks about a close id of the price lists for a model without a price, and prices nothing with it", () => {
    const refusal = (model: string, opts = {}) => {
      try {
        resolveReplayTier(model, { energy, ...opts });
      } catch (e) {
        return e as ReplayInputError;
      }
      throw new Error(`${model} was priced`);
    };
    const bare = refusal('llama-3.2-3b');
    expect(bare.message).toMatch(/^no price is known for the model "llama-3\.2-3b" \(did you mean llama-3\.2-3b-preview\?\): give one with --price llama-3\.2-3b=IN\/OUT/);
    expect(bare.problem).toEqual({ field: 'prices', model: 'llama-3.2-3b', suggestions: ['llama-3.2-3b-preview'] });
    // A configured tier is looked up in its own provider's list only: OpenAI's has no Llama.
    expect(refusal('llama-3.2-3b', { configTiers: [{ model: 'llama-3.2-3b', provider: 'openai' }] }).problem).toEqual({ field: 'prices', model: 'llama-3.2-3b', suggestions: [] });
    expect(refusal('small').message).toMatch(/^no price is known for the model "small": give one/);
  });

  it('prices a --local model by energy and a --price model by the given price', () => {
    expect(resolveReplayTier('mistralai/Mixtral-8x7B-Instruct-v0.1', { energy, local: ['mistralai/Mixtral-8x7B-Instruct-v0.1'] })).toMatchObject({ pricing: 'energy', tier: { local: true } });
    expect(resolveReplayTier('mine', { energy, prices: { mine: { inputPerMTok: 1, outputPerMTok: 3 } } })).toMatchObject({ pricing: 'override' });
  });

  it('prices a model the recording declares local by energy, and says so; a --price or a configured tier wins', () => {
    const declared = { energy, declaredLocal: ['org/open-model'] };
    const r = resolveReplayTier('org/open-model', declared);
    expect(r).toMatchObject({ pricing: 'energy', tier: { local: true } });
    expect(r.description).toContain('the recording says it ran locally');
    expect(resolveReplayTier('org/open-model', { ...declared, prices: { 'org/open-model': { inputPerMTok: 1, outputPerMTok: 2 } } })).toMatchObject({ pricing: 'override', tier: { local: false } });
    expect(resolveReplayTier('org/open-model', { ...declared, configTiers: [{ model: 'org/open-model', provider: 'openai-compatible', price: { inputPerMTok: 0.6, outputPerMTok: 0.6 } }] })).toMatchObject({ pricing: 'override', tier: { provider: 'openai-compatible' } });
  });

  it('counts a model as declared local only when every one of its answers says so', () => {
    const line = (n: number, responses: Record<string, { text: string; local?: boolean }>) => ({ line: n, item: { id: `q${n}`, messages: [{ role: 'user' as const, content: 'q' }], responses } });
    const lines = [
      line(1, { a: { text: 'x', local: true }, b: { text: 'y', local: true }, c: { text: 'z' } }),
      line(2, { a: { text: 'x', local: true }, b: { text: 'y' }, c: { text: 'z', local: false } }),
    ];
    expect(modelsDeclaredLocal(lines)).toEqual(['a']);
  });

  it('keeps a configured tier with its provider and price', () => {
    const r = resolveReplayTier('llama3.2:3b', { energy, configTiers: [{ model: 'llama3.2:3b', provider: 'ollama', local: true }] });
    expect(r).toMatchObject({ pricing: 'energy', tier: { provider: 'ollama' } });
  });

  it('names the model it cannot price', () => {
    expect(() => resolveReplayTier('mistralai/Mixtral-8x7B-Instruct-v0.1', { energy })).toThrow(ReplayInputError);
    expect(() => resolveReplayTier('mistralai/Mixtral-8x7B-Instruct-v0.1', { energy })).toThrow(/"mistralai\/Mixtral-8x7B-Instruct-v0\.1"/);
  });

  it('parses --price MODEL=IN/OUT, with "=" and "/" inside the model id', () => {
    expect(parsePriceFlag('gpt-4-1106-preview=10/30')).toEqual({ model: 'gpt-4-1106-preview', price: { inputPerMTok: 10, outputPerMTok: 30 } });
    expect(parsePriceFlag('org/model=v1=0.5/1.5')).toEqual({ model: 'org/model=v1', price: { inputPerMTok: 0.5, outputPerMTok: 1.5 } });
    for (const bad of ['model', 'model=1', 'model=a/b', '=1/2', 'm=1/2/3', 'm=-1/2']) expect(() => parsePriceFlag(bad)).toThrow(ReplayInputError);
  });
});
