import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../widget/panel';

describe('newId (the Idempotency-Key of a request)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a v4 UUID where randomUUID exists', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is 128 random bits in hex outside secure contexts, distinct each time and within the API’s 128 characters', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array<ArrayBuffer>) => real.getRandomValues(a) });
    const ids = new Set(Array.from({ length: 50 }, () => newId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
