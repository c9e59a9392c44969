import { describe, expect, it } from 'vitest';
import { before, gapWithoutDenial, near } from '../../shared/text-near';

describe('near', () => {
  const outage = near('mati|down', 'semua|everyone', 20);

  it('matches the two groups in either order within the gap', () => {
    expect(outage.exec('dashboard mati untuk semua agen')?.[0]).toBe('mati untuk semua');
    expect(outage.exec('for everyone the site is down')?.[0]).toBe('everyone the site is down');
  });

  it('does not match across a sentence end, beyond the gap, or on part of a word', () => {
    expect(outage.test('dashboard mati. semua agen pulang')).toBe(false);
    expect(outage.test('site down? everyone asks')).toBe(false);
    expect(outage.test('mati lalu hidup lagi, kemudian besok semua')).toBe(false);
    expect(outage.test('download for everyone')).toBe(false);
  });

  it('does not link the groups across a denial word', () => {
    expect(outage.test('the api is down but not for everyone')).toBe(false);
    expect(near('api\\s+key', 'leaked').test('the api key was not leaked')).toBe(false);
    expect(near('api\\s+key', 'leaked').test('the api key was leaked')).toBe(true);
  });
});

describe('before', () => {
  it('matches only in the given order', () => {
    const r = before('laptop', 'dicuri', 20);
    expect(r.test('laptop agen kami dicuri')).toBe(true);
    expect(r.test('dicuri laptop agen kami')).toBe(false);
  });
});

describe('gapWithoutDenial', () => {
  it('spans at most the given characters and no denial', () => {
    const r = new RegExp(`^a${gapWithoutDenial(5)}b$`);
    expect(r.test('a 123 b')).toBe(true);
    expect(r.test('a 1234 b')).toBe(false);
    expect(r.test('a. b')).toBe(false);
    expect(new RegExp(`^a${gapWithoutDenial(10)}b$`).test('a tidak b')).toBe(false);
    expect(new RegExp(`^a${gapWithoutDenial(10)}b$`).test('a notable b')).toBe(true);
  });
});
