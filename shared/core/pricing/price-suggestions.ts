// "did you mean ...?" for a model whose price is unknown: the price list often knows it under a
// slightly different id (Groq's `llama-3.2-3b-preview` for a tier named `llama-3.2-3b`). Only
// ever said: the tier keeps its name and its unknown price until the user changes one or the other.
import type { ProviderKind } from '../config/schema.ts';
import { editDistance } from '../edit-distance.ts';
import { listedModelIds } from './list-prices.ts';
import { listProviderFor, type TierPricingHints } from './lookup.ts';

export const MAX_PRICE_SUGGESTIONS = 3;

/** Case and separators do not tell ids apart for a reader: "Claude-3.5-Sonnet" is "claude-3-5-sonnet". */
const normalise = (id: string): string => id.toLowerCase().replace(/[\s._:/]+/g, '-');

/**
 * Up to `max` ids of `candidates` close to `model`: first those that name it with more or less
 * suffix (a "-preview" or dated variant, or the model without its date), then those a few edits
 * away (a quarter of the name, at least two); each group closest first.
 */
export function closeModelIds(model: string, candidates: readonly string[], max = MAX_PRICE_SUGGESTIONS): string[] {
  const wanted = normalise(model);
  if (wanted.length < 3) return [];
  const allowed = Math.max(2, Math.floor(wanted.length / 4));
  const scored: { id: string; variant: boolean; distance: number }[] = [];
  for (const id of new Set(candidates)) {
    if (id === model) continue;
    const other = normalise(id);
    const distance = editDistance(wanted, other);
    // "gpt-4" is a prefix of "gpt-4o-mini-2025" too, but names a different model: a shorter id
    // counts only when it keeps most of the name.
    const variant = other.startsWith(wanted) || (other.length * 2 >= wanted.length && wanted.startsWith(other));
    if (variant || distance <= allowed) scored.push({ id, variant, distance });
  }
  return scored
    .sort((a, b) => Number(b.variant) - Number(a.variant) || a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}

/** Close ids from the price list of the provider that would price this tier; none for a provider without one. */
export function priceSuggestions(provider: ProviderKind, model: string, hints?: TierPricingHints): string[] {
  const providerId = listProviderFor(provider, hints);
  return providerId === undefined ? [] : closeModelIds(model, listedModelIds(providerId));
}

/** Close ids from several providers' price lists: for a bare model id (a trace's), whose provider is not known. */
export function anyPriceSuggestions(kinds: readonly ProviderKind[], model: string): string[] {
  return closeModelIds(
    model,
    kinds.flatMap((k) => {
      const providerId = listProviderFor(k);
      return providerId === undefined ? [] : listedModelIds(providerId);
    }),
  );
}
