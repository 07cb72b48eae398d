import { describe, expect, it } from 'vitest';
import { counted, formatCountHeadline } from '../../shared/core/words.ts';

describe('counted', () => {
  it('agrees the noun with the count', () => {
    expect(counted(1, 'query', 'queries')).toBe('1 query');
    expect(counted(0, 'query', 'queries')).toBe('0 queries');
    expect(counted(2, 'model call')).toBe('2 model calls');
  });

  it('groups thousands the way every other figure in the app does', () => {
    expect(counted(1319, 'query', 'queries')).toBe('1,319 queries');
  });
});

describe('formatCountHeadline', () => {
  it('writes a count exact up to 9,999,999, then in millions or billions with one decimal', () => {
    expect(formatCountHeadline(9_999_999)).toBe('9,999,999');
    expect(formatCountHeadline(20_180_712)).toBe('20.2M');
    expect(formatCountHeadline(10_000_000)).toBe('10M');
    expect(formatCountHeadline(999_960_000)).toBe('1B');
    expect(formatCountHeadline(1_234_567_890_123)).toBe('1,234.6B');
  });
});
