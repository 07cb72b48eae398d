import { describe, expect, it } from 'vitest';
import { ENERGY_PRICED, formatBytes, formatCountHeadline, formatHours, formatNano, formatNanoHeadline, formatPct, formatPerMTok, formatTokens, formatUsd, formatUsdAligned, formatUsdColumn, formatUsdHeadline, formatUsdTick, PRICE_UNKNOWN } from '../../renderer/src/lib/format.ts';

describe('formatting money and tokens', () => {
  it('shows an unknown price as "price unknown", never $0', () => {
    expect(formatUsd(null)).toBe(PRICE_UNKNOWN);
    expect(formatNano(null)).toBe(PRICE_UNKNOWN);
    expect(formatUsdHeadline(undefined)).toBe(PRICE_UNKNOWN);
  });

  it('keeps big headline figures short enough for their card', () => {
    expect(formatUsdHeadline(1234.5)).toBe('$1,234.50');
    expect(formatUsdHeadline(425_000)).toBe('$425,000');
    expect(formatUsdHeadline(4_250_000)).toBe('$4,250,000');
    expect(formatUsdHeadline(42_500_000)).toBe('$42.5M');
    expect(formatUsdHeadline(-4_250_000_000)).toBe('−$4.25B');
  });

  it('keeps big headline counts short enough for their card', () => {
    expect(formatCountHeadline(2_727_273)).toBe('2,727,273');
    expect(formatCountHeadline(9_999_999)).toBe('9,999,999');
    expect(formatCountHeadline(10_000_000)).toBe('10M');
    expect(formatCountHeadline(113_723_077)).toBe('113.7M');
    expect(formatCountHeadline(999_960_000)).toBe('1B');
    expect(formatCountHeadline(5_797_288_338)).toBe('5.8B');
    expect(formatCountHeadline(1_234_567_890_123)).toBe('1,234.6B');
  });

  it('keeps tiny per-query costs readable', () => {
    expect(formatUsd(0.000123)).toBe('$0.000123');
    expect(formatUsd(0.0000021)).toBe('$0.000002');
    expect(formatUsd(0.0004)).toBe('$0.000400');
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(0.0000001)).toBe('<$0.000001');
    expect(formatUsd(-0.5)).toBe('−$0.50');
    expect(formatUsd(0.32)).toBe('$0.32');
    expect(formatUsd(0.1234)).toBe('$0.1234');
  });

  it('writes a negative amount with the minus sign, as the rest of the app does, not a hyphen', () => {
    expect(formatUsd(-0.000015)).toBe('−$0.000015');
    expect(formatUsdHeadline(-0.02)).toBe('−$0.02');
    expect(formatUsdHeadline(-1234.5)).toBe('−$1,234.50');
  });

  it('gives figures read side by side the same decimals', () => {
    expect(formatUsdAligned([0.00008, 0.000158, 0.000078])).toEqual(['$0.000080', '$0.000158', '$0.000078']);
    expect(formatUsdAligned([0.000087, 0.000085, -0.000002])).toEqual(['$0.000087', '$0.000085', '−$0.000002']);
    expect(formatUsdAligned([0.0004, 0.0123])).toEqual(['$0.000400', '$0.012300']);
    // Nothing is exactly nothing; a dollar figure keeps its cents, and the tiniest its floor.
    expect(formatUsdAligned([0.000212, 0.000212, 0])).toEqual(['$0.000212', '$0.000212', '$0.00']);
    expect(formatUsdAligned([12.5, 0.0123, 0.0000001])).toEqual(['$12.50', '$0.0123', '<$0.000001']);
    // Rounded at the shared precision, a sign kept in front, and nothing to align gives formatUsd's forms.
    expect(formatUsdAligned([0.99996, -0.0123])).toEqual(['$1.0000', '−$0.0123']);
    expect(formatUsdAligned([0.99996, -0.0123, 0.0000015])).toEqual(['$0.999960', '−$0.012300', '$0.000002']);
    expect(formatUsdAligned([0, 1234.5, -2, Number.NaN])).toEqual(['$0.00', '$1,235', '−$2.00', PRICE_UNKNOWN]);
  });

  it('writes an amount below a cent the same way alone as beside others', () => {
    // Savings' "saved" card and the chat header's "saved" showed $0.00553 and $0.005530.
    expect(formatNanoHeadline(5_530_000)).toBe('$0.005530');
    expect(formatUsd(0.00553)).toBe('$0.005530');
    expect(formatUsdAligned([0.001485, 0.007015, 0.00553])).toEqual(['$0.001485', '$0.007015', '$0.005530']);
    expect(formatNano(180_000)).toBe('$0.000180');
  });

  it('gives a column of amounts one precision, dollars included', () => {
    // Replay's Baselines column read "$0.9169" above "$1.98".
    expect(formatUsdColumn([0.9169, 1.98, 0.0184, 0.32])).toEqual(['$0.9169', '$1.9800', '$0.0184', '$0.3200']);
    expect(formatUsdColumn([12.5, 1234.5, 0.5])).toEqual(['$12.50', '$1,234.50', '$0.50']);
    expect(formatUsdColumn([0.000123, 2, 0, -0.00002, 0.0000001, null])).toEqual(['$0.000123', '$2.000000', '$0.000000', '−$0.000020', '<$0.000001', PRICE_UNKNOWN]);
    expect(formatUsdColumn([0.99996, -1234.5, Number.POSITIVE_INFINITY])).toEqual(['$1.00', '−$1,234.50', PRICE_UNKNOWN]);
    expect(formatUsdColumn([0.99996, -1234.5, 0.0123])).toEqual(['$1.0000', '−$1,234.5000', '$0.0123']);
    expect(formatUsdColumn([0, 0])).toEqual(['$0.00', '$0.00']);
  });

  it('rounds a tie at the last decimal the same way in every money figure', () => {
    // 870,500 nano-USD: the column (Intl) read "$0.000871" and the aligned figures (toFixed, which
    // rounds the double just below 0.0008705) "$0.000870". Half away from zero, everywhere.
    expect(formatUsdColumn([0.0008705])).toEqual(['$0.000871']);
    expect(formatUsdAligned([0.0008705])).toEqual(['$0.000871']);
    expect(formatUsd(0.0008705)).toBe('$0.000871');
    expect(formatNano(870_500)).toBe('$0.000871');
    expect(formatUsd(-0.0008705)).toBe('\u2212$0.000871');
    expect(formatUsdTick(0.0008705)).toBe('$0.000871');
    expect(formatUsd(1.005)).toBe('$1.01');
    expect(formatUsdColumn([1.005])).toEqual(['$1.01']);
    expect(formatUsdHeadline(1.005)).toBe('$1.01');
    expect(formatUsd(0.01235)).toBe('$0.0124');
    expect(formatUsdTick(0.01235)).toBe('$0.0124');
  });

  it('writes a duration in hours at the scale that shows it', () => {
    expect(formatHours(5850 / 1200 / 3600)).toBe('4.9 s');
    expect(formatHours(0.2)).toBe('12 min');
    expect(formatHours(59.99 / 3600)).toBe('1 min');
    expect(formatHours(1.2)).toBe('1 hour');
    expect(formatHours(347.22)).toBe('347 hours');
    expect(formatHours(12_345.6)).toBe('12,346 hours');
  });

  it('formats nano-USD from the ledger', () => {
    expect(formatNano(1_250_000_000)).toBe('$1.25');
    expect(formatNano(0)).toBe('$0.00');
  });

  it('abbreviates token counts and percentages', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(45_000)).toBe('45k');
    expect(formatTokens(2_500_000)).toBe('2.5M');
    expect(formatPct(0.834)).toBe('83%');
    expect(formatPct(null)).toBe('–');
  });
});

describe('chart axis labels', () => {
  it('are as short as the amount allows, where text keeps six decimals below a cent', () => {
    expect([0, 0.001, 0.0015, 0.006, 0.000125, 0.01, 0.5, 0.0125, 1.5, 1200].map(formatUsdTick)).toEqual([
      '$0',
      '$0.001',
      '$0.0015',
      '$0.006',
      '$0.000125',
      '$0.01',
      '$0.50',
      '$0.0125',
      '$1.50',
      '$1,200',
    ]);
    expect(formatUsd(0.006)).toBe('$0.006000');
    expect(formatUsdTick(-0.002)).toBe('\u2212$0.002');
  });
});

describe('formatting model prices', () => {
  it('says a local model is priced by its energy, not that its price is unknown', () => {
    expect(formatPerMTok(null, 'energy')).toBe(ENERGY_PRICED);
    expect(formatPerMTok(null, 'unknown')).toBe(PRICE_UNKNOWN);
    expect(formatPerMTok(2.5, 'list')).toBe('$2.50');
    expect(formatPerMTok(0.15, 'override')).toBe('$0.15');
  });

  it('shows model sizes in decimal units', () => {
    expect(formatBytes(2_019_000_000)).toBe('2.0 GB');
    expect(formatBytes(4_700_000)).toBe('5 MB');
  });
});
