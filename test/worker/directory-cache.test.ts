import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { claimDirectoryEntries, placeDesk } from '../../worker/db/directory';
import {
  DIRECTORY_MISS_TTL_MS,
  DIRECTORY_TTL_MS,
  databaseOfEntry,
  forgetDirectory,
} from '../../worker/planes/resolve';

const control = () => getDb(env.DB);

describe('the directory cache (worker/planes/resolve.ts)', () => {
  afterEach(() => forgetDirectory());

  it('remembers an unknown credential only briefly, a known one for a minute', async () => {
    const entry = { kind: 'agent_token' as const, key: `k-${crypto.randomUUID()}` };
    const t0 = Date.now();
    // Unknown: the control database (desks placed before the split), remembered for a short while.
    expect(await databaseOfEntry(env, entry, t0)).toBe('DB');
    await placeDesk(control(), 'desk_cache', 'DATA_2', t0);
    await claimDirectoryEntries(control(), 'desk_cache', [entry], t0);
    expect(await databaseOfEntry(env, entry, t0 + 1_000)).toBe('DB');
    // Once the miss has expired, the new entry is found, and then kept for the longer TTL.
    expect(await databaseOfEntry(env, entry, t0 + DIRECTORY_MISS_TTL_MS + 1)).toBe('DATA_2');
    expect(DIRECTORY_MISS_TTL_MS).toBeLessThan(DIRECTORY_TTL_MS);
  });
});
