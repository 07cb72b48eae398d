import type { AppConfig } from '../config/schema.ts';
import type { PricingContext } from './types.ts';

/** The pricing settings of a configuration. `now` is injected (core code never reads the clock). */
export function pricingContextFromConfig(config: Pick<AppConfig, 'prices' | 'local'>, now?: Date): PricingContext {
  const ctx: PricingContext = { overrides: config.prices, local: { gpuWatts: config.local.gpuWatts, electricityUsdPerKwh: config.local.electricityUsdPerKwh } };
  if (now !== undefined) ctx.now = now;
  return ctx;
}
