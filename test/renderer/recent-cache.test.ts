// The bounded cache behind typeset math: it keeps the most recently used entries, no more.
import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../renderer/src/lib/recent-cache.ts';

describe('a cache of the most recently used entries', () => {
  it('drops the least recently used entry when full, counting a read as a use', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('replaces a key it holds without dropping another', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([10, 2, 2]);
  });

  it('keeps nothing when it has room for nothing', () => {
    const cache = new RecentCache<string, number>(0);
    cache.set('a', 1);
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });
});
