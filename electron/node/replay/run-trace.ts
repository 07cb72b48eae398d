// A replay as the app runs it (replay.run): the same replayTrace and the same report document as
// `cascadeflow replay --json`, priced like the CLI prices it (the user's config, plus the prices
// and local models chosen in the view), with progress for the view's bar.
import type { AppConfig, PriceOverride } from '../../../shared/core/config/schema.ts';
import { SWEEP_THRESHOLDS, type ReplayReport } from '../../../shared/core/replay/analyze.ts';
import { DEFAULT_REPLAY_TOKENS_PER_SECOND } from '../../../shared/core/replay/recorded-provider.ts';
import type { ReplayPricingOptions } from '../../../shared/core/replay/replay-pricing.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { everyTier } from '../../../shared/core/config/every-tier.ts';

/** Prices for a replay from the user's configuration, as `cascadeflow replay` finds them. */
export function configPricing(config: AppConfig, prices: Record<string, PriceOverride> = {}, local: readonly string[] = []): ReplayPricingOptions {
  return {
    prices,
    local,
    configTiers: everyTier(config),
    configPrices: config.prices,
    energy: { gpuWatts: config.local.gpuWatts, electricityUsdPerKwh: config.local.electricityUsdPerKwh },
  };
}

export interface TraceRunOptions {
  config: AppConfig;
  tiers: readonly string[];
  /** All 101 thresholds, or just this one. */
  sweep: boolean;
  threshold?: number;
  targetQuality?: number;
  prices?: Record<string, PriceOverride>;
  local?: readonly string[];
  /** Answers the drafter draws per query for the consistency check; 1 (the default) = the draft alone. */
  samples?: number;
  signal?: AbortSignal;
  /** About every 1% of the queries and at the end; awaited. */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

export async function runTraceReplay(lines: readonly TraceLine[], o: TraceRunOptions): Promise<ReplayReport> {
  let lastPercent = -1;
  return replayTrace(lines, {
    ...configPricing(o.config, o.prices, o.local),
    timing: { tokensPerSecond: DEFAULT_REPLAY_TOKENS_PER_SECOND },
    tiers: o.tiers,
    thresholds: o.sweep ? SWEEP_THRESHOLDS : [o.threshold ?? o.config.quality.threshold],
    baseConfig: o.config,
    ...(o.targetQuality !== undefined ? { targetQuality: o.targetQuality } : {}),
    ...(o.samples !== undefined ? { samples: o.samples } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (done, total) => {
      const percent = Math.floor((done * 100) / total);
      if (percent === lastPercent && done < total) return;
      lastPercent = percent;
      return o.onProgress?.(done, total);
    },
  });
}
