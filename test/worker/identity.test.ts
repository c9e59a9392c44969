import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketCreated, WidgetConfig } from '../../shared/schema';
import { addOrganisation, makeDesk, premiumCoverageJson } from './fixtures';
import { identityToken, unsignedToken } from './identity-helpers';
import { getWidget, postTicket, ticketBody } from './intake-helpers';

const SECRET = 'desk-identity-secret-123';

async function deskWithPremium() {
  const fx = await makeDesk({ identitySecret: SECRET });
  await addOrganisation(fx.deskId, `${fx.slug}-premium`, premiumCoverageJson);
  // The desk's own key: the Kinobi platform, where the organisation comes only from a signed token.
  return { ...fx, widgetKey: fx.deskKey, premium: `${fx.slug}-premium` };
}

const config = async (fx: Awaited<ReturnType<typeof deskWithPremium>>, token?: string) =>
  (await (
    await getWidget(fx, '/v1/widget/config', token ? { 'X-Kinobi-Identity': token } : {})
  ).json()) as WidgetConfig;

const flagsOf = async (fx: Awaited<ReturnType<typeof deskWithPremium>>, identity?: { token: string }) => {
  const res = await postTicket(fx, ticketBody(identity ? { identity } : {}));
  expect(res.status).toBe(201);
  return (await res.json()) as TicketCreated;
};

describe('which organisation a widget user belongs to', () => {
  it('shows the organisation’s own coverage for a valid identity token, the desk’s standard coverage without one', async () => {
    const fx = await deskWithPremium();
    const token = await identityToken(SECRET, {
      sub: 'u1',
      org: fx.premium,
      email: 'it@premium.example',
      name: 'IT',
    });
    const premium = await config(fx, token);
    expect(premium.organisation).toMatchObject({ slug: fx.premium });
    expect(premium.coverage?.map((c) => c.severity)).toEqual([1]);
    const anonymous = await config(fx);
    expect(anonymous.organisation).toBeNull();
    expect(anonymous.tenant.name).toBe(`Desk ${fx.slug}`);
    expect(anonymous.coverage).toBeUndefined();
  });

  it('files a ticket under the token’s organisation with name and email from its claims', async () => {
    const fx = await deskWithPremium();
    const token = await identityToken(SECRET, {
      sub: 'u7',
      org: fx.premium,
      email: 'Rina@Premium.example',
      name: 'Rina',
    });
    const created = await flagsOf(fx, { token });
    expect(created.flags).not.toContain('organisation_unverified');
    expect(created.flags).not.toContain('unverified_contact');
    const row = await env.DB.prepare(
      'select organisation_id, contact_email, contact_name, contact_verified, user_id from tickets where id = ?',
    )
      .bind(created.id)
      .first();
    expect(row).toEqual({
      organisation_id: `org_${fx.premium}`,
      contact_email: 'rina@premium.example',
      contact_name: 'Rina',
      contact_verified: 1,
      user_id: 'u7',
    });
  });

  it('accepts a request without a token on the desk’s standard coverage, flagged organisation_unverified', async () => {
    const fx = await deskWithPremium();
    const created = await flagsOf(fx);
    expect(created.flags).toEqual(expect.arrayContaining(['organisation_unverified', 'unverified_contact']));
    const row = await env.DB.prepare('select organisation_id from tickets where id = ?')
      .bind(created.id)
      .first();
    expect(row).toEqual({ organisation_id: null });
  });

  it.each([
    [
      'expired',
      async (org: string) =>
        identityToken(SECRET, { sub: 'u', org, exp: Math.floor(Date.now() / 1000) - 60 }),
    ],
    [
      'issued in the future',
      async (org: string) =>
        identityToken(SECRET, { sub: 'u', org, iat: Math.floor(Date.now() / 1000) + 600 }),
    ],
    [
      'signed with another secret',
      async (org: string) => identityToken('another-secret-entirely', { sub: 'u', org }),
    ],
    [
      'alg none',
      async (org: string) =>
        unsignedToken({ alg: 'none', typ: 'JWT' }, { sub: 'u', org, exp: 4_102_444_800 }),
    ],
    [
      'HS512 instead of HS256',
      async (org: string) => {
        const { sign } = await import('hono/jwt');
        return sign({ sub: 'u', org, exp: Math.floor(Date.now() / 1000) + 60 }, SECRET, 'HS512');
      },
    ],
    [
      'without exp',
      async (org: string) => {
        const { sign } = await import('hono/jwt');
        return sign({ sub: 'u', org }, SECRET, 'HS256');
      },
    ],
    [
      'an unsigned claim',
      async (org: string) =>
        unsignedToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'u', org, exp: 4_102_444_800 }, 'forged'),
    ],
  ])('never unlocks an organisation with a token %s', async (_what, make) => {
    const fx = await deskWithPremium();
    const token = await make(fx.premium);
    expect((await config(fx, token)).organisation).toBeNull();
    const created = await flagsOf(fx, { token });
    expect(created.flags).toEqual(expect.arrayContaining(['organisation_unverified', 'unverified_contact']));
  });

  it('keeps the organisation of a bound key, and does not trust a token for another organisation there', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    await addOrganisation(fx.deskId, `${fx.slug}-other`);
    const foreign = await identityToken(SECRET, {
      sub: 'u',
      org: `${fx.slug}-other`,
      email: 'x@other.example',
    });
    const created = (await (
      await postTicket(fx, ticketBody({ identity: { token: foreign } }))
    ).json()) as TicketCreated;
    expect(created.flags).not.toContain('organisation_unverified');
    expect(created.flags).toContain('unverified_contact');
    const row = await env.DB.prepare('select organisation_id, contact_verified from tickets where id = ?')
      .bind(created.id)
      .first();
    expect(row).toEqual({ organisation_id: fx.organisationId, contact_verified: 0 });
  });

  it('never reaches another desk’s organisation with a token of this desk', async () => {
    const mine = await deskWithPremium();
    const theirs = await deskWithPremium();
    const token = await identityToken(SECRET, { sub: 'u', org: theirs.premium });
    expect((await config(mine, token)).organisation).toBeNull();
  });
});
