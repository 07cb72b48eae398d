import { describe, expect, it } from 'vitest';
import { lookupPrice } from '../../../shared/core/pricing/lookup.ts';
import type { PricingContext } from '../../../shared/core/pricing/types.ts';
import { anyPriceSuggestions, closeModelIds, priceSuggestions } from '../../../shared/core/pricing/price-suggestions.ts';
import { didYouMean } from '../../../shared/core/words.ts';

const ctx: PricingContext = { overrides: {}, local: { gpuWatts: 0, electricityUsdPerKwh: 0 } };

describe('close ids for a model whose price is unknown', () => {
  it("finds Groq's llama-3.2-3b-preview for a tier named llama-3.2-3b", () => {
    expect(lookupPrice('groq', 'llama-3.2-3b', ctx).source).toBe('unknown');
    expect(priceSuggestions('groq', 'llama-3.2-3b')).toEqual(['llama-3.2-3b-preview']);
    expect(lookupPrice('groq', 'llama-3.2-3b-preview', ctx).source).toBe('list');
  });

  it("looks only in the tier's own provider's list, and in none for a provider without one", () => {
    expect(priceSuggestions('openai', 'llama-3.2-3b')).toEqual([]);
    expect(priceSuggestions('openai-compatible', 'gpt4o-mini')).toEqual([]);
    expect(priceSuggestions('openai', 'gpt4o-mini')[0]).toBe('gpt-4o-mini');
    expect(priceSuggestions('anthropic', 'claude-3.5-sonnet')[0]).toBe('claude-3-5-sonnet');
    expect(priceSuggestions('openai', 'mystery-model')).toEqual([]);
  });

  it('offers at most three, variants of the name before other near ids', () => {
    const ids = ['gpt-4', 'gpt-4o', 'gpt-4o-mini', 'gpt-4o-mini-tts', 'gpt-4o-mini-2024-07-18', 'gpt-5-mini', 'o1'];
    // The model without its date first; "gpt-4" and "gpt-4o" are prefixes too, but of another model.
    expect(closeModelIds('gpt-4o-mini-2099', ids)).toEqual(['gpt-4o-mini', 'gpt-4o-mini-tts']);
    // Case and separators aside, the same id; then its variants, closest first.
    expect(closeModelIds('GPT-4o.Mini', ids)).toEqual(['gpt-4o-mini', 'gpt-4o-mini-tts', 'gpt-4o']);
    expect(closeModelIds('xy', ids)).toEqual([]);
    expect(closeModelIds('llama', ids)).toEqual([]);
  });

  it('searches every bundled list for a bare id', () => {
    expect(anyPriceSuggestions(['openai', 'anthropic', 'groq'], 'llama-3.2-3b')).toEqual(['llama-3.2-3b-preview']);
  });

  it('words the question', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['a'])).toBe('did you mean a?');
    expect(didYouMean(['a', 'b', 'c'])).toBe('did you mean a, b or c?');
  });
});
