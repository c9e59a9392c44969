import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREDENTIAL_TTL_MS } from '../../worker/credential-cache';
import { getDb } from '../../worker/db/client';
import { organisations, widgetKeys } from '../../worker/db/schema';
import { makeDesk } from './fixtures';
import { getWidget } from './intake-helpers';

const config = (fx: Awaited<ReturnType<typeof makeDesk>>) => getWidget(fx, '/v1/widget/config');

describe('widget key cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('honours a cached key’s revoked_at to the millisecond (rotation grace period)', async () => {
    const fx = await makeDesk();
    const revokeAt = Date.now() + 5_000;
    await getDb(env.DB)
      .update(widgetKeys)
      .set({ revokedAt: revokeAt })
      .where(eq(widgetKeys.key, fx.widgetKey));
    expect((await config(fx)).status).toBe(200);
    vi.spyOn(Date, 'now').mockReturnValue(revokeAt);
    expect((await config(fx)).status).toBe(403);
  });

  it('serves a key revoked elsewhere until the TTL ends, then answers 403', async () => {
    const fx = await makeDesk();
    expect((await config(fx)).status).toBe(200);
    await getDb(env.DB)
      .update(widgetKeys)
      .set({ revokedAt: Date.now() })
      .where(eq(widgetKeys.key, fx.widgetKey));
    expect((await config(fx)).status).toBe(200);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + CREDENTIAL_TTL_MS + 1);
    expect((await config(fx)).status).toBe(403);
  });

  it('sees a tenant change made elsewhere after the TTL', async () => {
    const fx = await makeDesk();
    const name = async () =>
      ((await (await config(fx)).json()) as { tenant?: { name?: string } }).tenant?.name;
    const before = await name();
    await getDb(env.DB)
      .update(organisations)
      .set({ name: 'Renamed' })
      .where(eq(organisations.id, fx.organisationId));
    expect(await name()).toBe(before);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + CREDENTIAL_TTL_MS + 1);
    expect(await name()).toBe('Renamed');
  });
});
