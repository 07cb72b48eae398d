// One line a person can read next to a model: what it costs and where the figure came from.
import type { PriceQuote } from './types.ts';
import { formatCount, formatUsdAmount } from './money.ts';

export function describePrice(quote: PriceQuote): string {
  if (quote.source === 'energy') {
    const e = quote.energy;
    return e === undefined ? 'local: energy' : `local: energy (${e.gpuWatts} W at ${formatUsdAmount(e.electricityUsdPerKwh)}/kWh)`;
  }
  if (quote.source === 'unknown' || quote.inputPerMTok === null || quote.outputPerMTok === null) return 'price unknown';
  const line = `${formatUsdAmount(quote.inputPerMTok)} in / ${formatUsdAmount(quote.outputPerMTok)} out per 1M tokens`;
  const notes: string[] = [];
  if (quote.source === 'override') notes.push('your price');
  if (quote.tieredAboveTokens !== undefined) notes.push(`higher above ${formatCount(quote.tieredAboveTokens)} input tokens`);
  return notes.length > 0 ? `${line} (${notes.join('; ')})` : line;
}
