import { describe, expect, it } from 'vitest';
import { formatCount, formatUsd, formatUsdAmount, nanoToUsd, perMTokToNanoPerToken, usdToNano } from '../../../shared/core/pricing/money.ts';

describe('nano-USD conversions', () => {
  it('rounds USD to whole nano-USD', () => {
    // $0.0002832 = 283,200 nano; float error (0.0002832 * 1e9 = 283200.00000000006) is rounded away.
    expect(usdToNano(0.0002832)).toBe(283_200);
    expect(usdToNano(1.25)).toBe(1_250_000_000);
    expect(usdToNano(0.0000000004)).toBe(0);
    expect(usdToNano(0.0000000006)).toBe(1);
    expect(Object.is(usdToNano(-0.0000000001), 0)).toBe(true);
  });

  it('refuses NaN and Infinity instead of poisoning sums', () => {
    expect(() => usdToNano(Number.NaN)).toThrow(RangeError);
    expect(() => usdToNano(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('converts back to USD and per-million-token prices to nano per token', () => {
    expect(nanoToUsd(283_200)).toBeCloseTo(0.0002832, 12);
    // $0.15 / 1M tokens = 0.15e9 nano / 1e6 tokens = 150 nano per token.
    expect(perMTokToNanoPerToken(0.15)).toBe(150);
    expect(perMTokToNanoPerToken(10)).toBe(10_000);
    expect(perMTokToNanoPerToken(0.0375)).toBe(37.5);
  });
});

describe('formatUsd', () => {
  it('says "price unknown" for a null cost, never $0', () => {
    expect(formatUsd(null)).toBe('price unknown');
  });

  it('shows cents with thousands separators from a dollar up', () => {
    expect(formatUsd(1_250_000_000)).toBe('$1.25');
    expect(formatUsd(12_345_670_000_000)).toBe('$12,345.67');
    expect(formatUsd(1_234_567_891_000_000)).toBe('$1,234,567.89');
    expect(formatUsd(250_000_000_000)).toBe('$250.00');
  });

  it('keeps three significant digits for fractions of a dollar', () => {
    expect(formatUsd(283_200)).toBe('$0.000283');
    expect(formatUsd(150_000)).toBe('$0.00015');
    expect(formatUsd(500_000_000)).toBe('$0.50');
    expect(formatUsd(75_000_000)).toBe('$0.075');
    expect(formatUsd(123_400_000)).toBe('$0.123');
    expect(formatUsd(1)).toBe('$0.000000001');
  });

  it('rounds a tie half away from zero, as the UI does, not as the double below it', () => {
    // 870,500 nano-USD is $0.0008705 exactly; toFixed rounded the nearest double down to $0.000870.
    expect(formatUsd(870_500)).toBe('$0.000871');
    expect(formatUsd(-870_500)).toBe('-$0.000871');
    expect(formatUsd(1_005_000_000)).toBe('$1.01');
    expect(formatUsdAmount(2.675)).toBe('$2.68');
  });

  it('formats zero and negative amounts', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-1_250_000_000)).toBe('-$1.25');
    expect(formatUsdAmount(-0.0002832)).toBe('-$0.000283');
  });

  it('groups counts without depending on the locale', () => {
    expect(formatCount(2_727_273)).toBe('2,727,273');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1e12)).toBe('1,000,000,000,000');
  });
});
