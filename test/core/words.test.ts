import { describe, expect, it } from 'vitest';
import { counted } from '../../shared/core/words.ts';

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
