import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../worker/ttl-cache';

describe('TtlCache', () => {
  it('returns a value until its time to live has passed, then forgets it', () => {
    const cache = new TtlCache<string>(1000, 10);
    cache.set('a', 'A', 5000);
    expect(cache.get('a', 5999)).toBe('A');
    expect(cache.get('a', 6000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('ends an entry at its own expiry when that comes before the time to live', () => {
    const cache = new TtlCache<string>(30_000, 10);
    cache.set('k', 'v', 0, 250);
    expect(cache.get('k', 249)).toBe('v');
    expect(cache.get('k', 250)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest insertion first', () => {
    const cache = new TtlCache<number>(1000, 3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) cache.set(k, i, 0);
    expect(cache.size).toBe(3);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBe(1);
    // Setting an existing key again makes it the newest, so the next eviction takes 'c'.
    cache.set('b', 10, 2);
    cache.set('e', 4, 2);
    expect(cache.get('c', 3)).toBeUndefined();
    expect(cache.get('b', 3)).toBe(10);
  });

  it('clear forgets everything', () => {
    const cache = new TtlCache<number>(1000, 3);
    cache.set('a', 1, 0);
    cache.clear();
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
