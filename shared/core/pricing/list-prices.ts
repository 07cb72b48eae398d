// The only module that talks to @pydantic/genai-prices. It uses the data bundled in the
// package: updatePrices / enableAutoUpdate would fetch from GitHub, and the app works offline.
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import type { ModelPrice, PriceCalculation, Usage } from '@pydantic/genai-prices';
import type { ProviderKind } from '../config/schema.ts';
import type { ReportedUsage } from '../model.ts';
import type { PriceQuote } from './types.ts';

/** Provider kinds whose list prices the bundled data carries, mapped to its provider ids. */
const LIST_PRICED: Partial<Record<ProviderKind, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  groq: 'groq',
};

export function listProviderId(kind: ProviderKind): string | undefined {
  return LIST_PRICED[kind];
}

/** The bundled provider whose API address matches `baseUrl` (api.together.xyz -> together). */
export function listProviderIdForUrl(baseUrl: string): string | undefined {
  return findProvider({ providerApiUrl: baseUrl })?.id;
}

function calc(usage: Usage, model: string, providerId: string, now?: Date): PriceCalculation | null {
  try {
    return calcPrice(usage, model, now === undefined ? { providerId } : { providerId, timestamp: now });
  } catch {
    // The library throws on usage it considers inconsistent; callers sanitise, so this is a bug
    // in the data or the library, and "unknown" is the honest answer.
    return null;
  }
}

function basePrice(price: ModelPrice, key: string): { value: number | null; tierStart: number | null } {
  const v = price[key];
  if (v === undefined) return { value: null, tierStart: null };
  if (typeof v === 'number') return { value: v, tierStart: null };
  const starts = v.tiers.map((t) => t.start);
  return { value: v.base, tierStart: starts.length > 0 ? Math.min(...starts) : null };
}

/** List price quote, or null when the bundled data does not know the model at this provider. */
export function listQuote(model: string, providerId: string, now?: Date): PriceQuote | null {
  const r = calc({ input_tokens: 0, output_tokens: 0 }, model, providerId, now);
  if (r === null) return null;
  const input = basePrice(r.model_price, 'input_mtok');
  const output = basePrice(r.model_price, 'output_mtok');
  const cached = basePrice(r.model_price, 'cache_read_mtok');
  const write = basePrice(r.model_price, 'cache_write_mtok');
  const quote: PriceQuote = {
    inputPerMTok: input.value,
    outputPerMTok: output.value,
    cachedInputPerMTok: cached.value,
    cacheWritePerMTok: write.value,
    source: 'list',
    matchedModel: r.model.id,
  };
  const starts = [input, output, cached, write].flatMap((p) => (p.tierStart === null ? [] : [p.tierStart]));
  if (starts.length > 0) quote.tieredAboveTokens = Math.min(...starts);
  return quote;
}

/**
 * Keeps usage consistent with the library's rule that cache reads and writes are parts of
 * `input_tokens`: a provider that reports more cached tokens than input would otherwise make
 * the calculation throw.
 */
export function toLibraryUsage(usage: ReportedUsage): Usage {
  const input = nonNegative(usage.inputTokens);
  const cacheRead = Math.min(nonNegative(usage.cachedInputTokens), input);
  const cacheWrite = Math.min(nonNegative(usage.cacheWriteTokens), input - cacheRead);
  return { input_tokens: input, output_tokens: nonNegative(usage.outputTokens), cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite };
}

function nonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** List cost in USD (floating point) or null when the model is unknown. */
export function listCostUsd(usage: ReportedUsage, model: string, providerId: string, now?: Date): number | null {
  return calc(toLibraryUsage(usage), model, providerId, now)?.total_price ?? null;
}

/** Every model id the bundled data prices at this provider (deprecated ones too: they still have a price). */
export function listedModelIds(providerId: string): string[] {
  return findProvider({ providerId })?.models.map((m) => m.id) ?? [];
}

export interface ListedModel {
  model: string;
  provider: ProviderKind;
  inputPerMTok: number | null;
  outputPerMTok: number | null;
  cachedInputPerMTok: number | null;
}

/** Every non-deprecated model of the list-priced providers, with its current base prices. */
export function listPricedModels(kinds: ProviderKind[] = ['openai', 'anthropic', 'groq'], now?: Date): ListedModel[] {
  const out: ListedModel[] = [];
  for (const kind of kinds) {
    const providerId = LIST_PRICED[kind];
    const provider = providerId === undefined ? undefined : findProvider({ providerId });
    if (!provider || providerId === undefined) continue;
    for (const m of provider.models) {
      if (m.deprecated) continue;
      const q = listQuote(m.id, providerId, now);
      if (!q || q.inputPerMTok === null || q.outputPerMTok === null) continue;
      out.push({ model: m.id, provider: kind, inputPerMTok: q.inputPerMTok, outputPerMTok: q.outputPerMTok, cachedInputPerMTok: q.cachedInputPerMTok });
    }
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}
