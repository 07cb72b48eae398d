// Money, token and time formatting for display. Money arrives as USD floats (API outcomes)
// or integer nano-USD (ledger); a null cost means the price is unknown and is never shown as $0.
import { toFixedHalfUp } from '../../../shared/core/pricing/fixed-decimals.ts';
import { formatCountHeadline as countHeadline } from '../../../shared/core/words.ts';

export const PRICE_UNKNOWN = 'price unknown';

/** The minus sign (U+2212), not a hyphen: as wide as "+", and what the conversation list shows. */
export const MINUS = '\u2212';

const signOf = (n: number): string => (n < 0 ? MINUS : '');

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return PRICE_UNKNOWN;
  const sign = signOf(usd);
  const v = Math.abs(usd);
  if (v === 0) return '$0.00';
  if (v >= 1000) return `${sign}$${toFixedHalfUp(v, 0, true)}`;
  if (v >= 1) return `${sign}$${toFixedHalfUp(v, 2)}`;
  return `${sign}${smallUsd(v)}`;
}

/** An amount from $0 to $1, unsigned. */
function smallUsd(v: number): string {
  // Cents need two decimals; a fraction of a cent keeps up to four ($0.32, $0.0123, not $0.3200).
  if (v >= 0.01) return `$${trimZeros(toFixedHalfUp(v, 4), 2)}`;
  if (v < 0.000001) return '<$0.000001';
  // Below a cent, always six decimals: trimmed, one amount read "$0.00553" on Savings and
  // "$0.005530" in the chat header (aligned with its neighbours), two looks for one number.
  return `$${toFixedHalfUp(v, 6)}`;
}

/**
 * A chart axis label: as short as the amount allows ("$0.002", "$0.50", "$1,200"). Amounts in
 * text keep formatUsd's fixed six decimals below a cent; a tick with "$0.006000" is only noise.
 */
export function formatUsdTick(usd: number): string {
  const v = Math.abs(usd);
  if (v === 0 || !Number.isFinite(v)) return '$0';
  const sign = signOf(usd);
  if (v >= 1000) return `${sign}$${toFixedHalfUp(v, 0, true)}`;
  if (v >= 0.01) return `${sign}$${trimZeros(toFixedHalfUp(v, 4), 2)}`;
  if (v < 0.000001) return `${sign}<$0.000001`;
  return `${sign}$${trimZeros(toFixedHalfUp(v, 6), 1)}`;
}

/** How many decimals formatUsd shows for an amount from $0.000001 to $1. */
const smallUsdDecimals = (v: number): number => smallUsd(v).split('.')[1]?.length ?? 0;

/**
 * Amounts read side by side ("spent · verifier alone · saved"): those below $1 share the most
 * decimals any of them needs, so $0.000400 sits next to $0.0123 as $0.012300. Zero, dollar
 * amounts and amounts below the smallest shown keep formatUsd's form.
 */
export function formatUsdAligned(values: readonly number[]): string[] {
  return alignUsd(values, (v) => v !== 0 && Math.abs(v) >= 0.000001 && Math.abs(v) < 1, 0);
}

/**
 * A column of amounts (a table's Cost column): one precision for every row, the most decimals
 * any of them needs, dollar amounts included, so $1.9800 sits under $0.9169, not $1.98. Below
 * the smallest shown an amount keeps formatUsd's "<$0.000001"; an unknown price stays unknown.
 */
export function formatUsdColumn(values: readonly (number | null)[]): string[] {
  return alignUsd(values, (v) => Number.isFinite(v) && (v === 0 || Math.abs(v) >= 0.000001), 2);
}

/** formatUsdColumn of nano-USD amounts (null: price unknown). */
export function formatNanoColumn(values: readonly (number | null)[]): string[] {
  return formatUsdColumn(values.map((v) => (v === null ? null : nanoToUsd(v))));
}

/**
 * The amounts `aligned` picks share one number of decimals: at least `minDecimals`, and as many
 * as formatUsd gives the one below $1 that needs the most, rounded as formatUsd rounds. The
 * others keep formatUsd's form.
 */
function alignUsd(values: readonly (number | null)[], aligned: (v: number) => boolean, minDecimals: number): string[] {
  const picked = (v: number | null): v is number => v !== null && aligned(v);
  const decimals = Math.max(minDecimals, ...values.filter(picked).filter((v) => v !== 0 && Math.abs(v) < 1).map((v) => smallUsdDecimals(Math.abs(v))));
  return values.map((v) => (picked(v) ? `${signOf(v)}$${toFixedHalfUp(v, decimals, true)}` : formatUsd(v)));
}

/**
 * Headline figures: two decimals unless the amount is below a cent; whole dollars from
 * $10,000 and millions or billions from $10M, so a big figure still fits its card.
 */
export function formatUsdHeadline(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return PRICE_UNKNOWN;
  const v = Math.abs(usd);
  if (usd !== 0 && v < 0.01) return formatUsd(usd);
  const sign = signOf(usd);
  if (v >= 1e9) return `${sign}$${(v / 1e9).toLocaleString('en-US', { maximumSignificantDigits: 3 })}B`;
  if (v >= 1e7) return `${sign}$${(v / 1e6).toLocaleString('en-US', { maximumSignificantDigits: 3 })}M`;
  return `${sign}$${toFixedHalfUp(v, v >= 10_000 ? 0 : 2, true)}`;
}

export const nanoToUsd = (nano: number): number => nano / 1e9;

export function formatNano(nano: number | null | undefined): string {
  return nano === null || nano === undefined ? PRICE_UNKNOWN : formatUsd(nanoToUsd(nano));
}

export function formatNanoHeadline(nano: number | null | undefined): string {
  return nano === null || nano === undefined ? PRICE_UNKNOWN : formatUsdHeadline(nanoToUsd(nano));
}

function trimZeros(fixed: string, minDecimals: number): string {
  const [int, dec = ''] = fixed.split('.');
  let d = dec.replace(/0+$/, '');
  if (d.length < minDecimals) d = d.padEnd(minDecimals, '0');
  return `${int}.${d}`;
}

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Headline counts, "113.7M" (shared with the core, whose sentences write the same figure the same
 * way), with the minus sign the rest of the view uses; show the exact formatCount figure beside
 * it or in a tooltip.
 */
export function formatCountHeadline(n: number): string {
  return `${signOf(n)}${countHeadline(Math.abs(n))}`;
}

// Shared with the command line (`cascadeflow breakeven` writes generation time as the view does).
export { formatHours, formatMs } from '../../../shared/core/duration.ts';

export function formatPct(ratio: number | null | undefined, digits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export const formatDateTime = (ms: number): string => dateTime.format(ms);
export const formatDate = (ms: number): string => dateOnly.format(ms);

/** "just now", "5 min ago", "yesterday", or a date. */
export function formatRelative(ms: number, now: number): string {
  const d = now - ms;
  if (d < 60_000) return 'just now';
  if (d < 3_600_000) return `${Math.floor(d / 60_000)} min ago`;
  if (d < 86_400_000) return `${Math.floor(d / 3_600_000)} h ago`;
  if (d < 2 * 86_400_000) return 'yesterday';
  return formatDate(ms);
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} kB`;
  return `${n} B`;
}

export const ENERGY_PRICED = 'energy (local)';

/**
 * A per-million-token price as models.list reports it. Local models have no token price: they
 * are charged the electricity they use, which is not "unknown".
 */
export function formatPerMTok(usd: number | null, pricing: 'list' | 'override' | 'energy' | 'unknown'): string {
  if (usd !== null) return formatUsd(usd);
  return pricing === 'energy' ? ENERGY_PRICED : PRICE_UNKNOWN;
}
