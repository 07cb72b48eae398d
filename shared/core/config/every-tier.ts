// Every tier a config names: the main cascade's, then each domain's. Where a model or a key
// variable is looked up by name, a domain's tiers count as much as the main ones.
import type { AppConfig, TierConfig } from './schema.ts';

export function everyTier(config: Pick<AppConfig, 'tiers' | 'domains'>): TierConfig[] {
  return [...config.tiers, ...Object.values(config.domains).flatMap((d) => d.tiers)];
}
