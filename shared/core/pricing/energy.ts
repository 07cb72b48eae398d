// Local models cost the electricity the GPU burns while generating: no per-token price exists.
import type { LocalEnergySettings } from './types.ts';
import { NANO_PER_USD } from './money.ts';

const MS_PER_HOUR = 3_600_000;

/** gpuWatts x hours / 1000 = kWh; x USD/kWh; as integer nano-USD. Negative durations count as 0. */
export function energyCostNano(settings: LocalEnergySettings, durationMs: number): number {
  const ms = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
  // Multiply before dividing so round figures (300 W for 12 s at $0.15) stay exact.
  return Math.round((settings.gpuWatts * ms * settings.electricityUsdPerKwh * NANO_PER_USD) / (MS_PER_HOUR * 1000)) + 0;
}
