import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { makeDesk } from './fixtures';
import { countRows, errorCode } from './intake-helpers';
import { IN_HOURS_2026, pinNow } from './pin-clock';
import { bearer } from './ticket-fixtures';

const standard = compileCoverage(STANDARD_COVERAGE);
const HOUR = 3_600_000;

/** A request taken on the phone, reported `receivedAt`. */
const logged = (organisation: string, receivedAt: number, over: Record<string, unknown> = {}) => ({
  organisation,
  channel: 'phone',
  contact: { name: 'Budi Santoso', email: 'it@customer.example' },
  subject: 'Dashboard tidak bisa dibuka',
  description: 'Pelanggan menelepon: semua pengguna mendapat error 500.',
  category: 'problem',
  impact: { affected: 'service_unavailable', workaround: 'none' },
  receivedAt: new Date(receivedAt).toISOString(),
  ...over,
});

const post = (token: string, body: unknown, key: string = crypto.randomUUID()) =>
  exports.default.fetch('http://api.test/v1/tickets', {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });

describe('POST /v1/tickets by an agent (a request that reached the desk by phone, chat or another tool)', () => {
  it('starts the clock when the customer reported it, and records who logged it', async () => {
    pinNow(IN_HOURS_2026); // its exact flag list holds while the due time is inside the holiday data
    const fx = await makeDesk({ contacts: ['it@customer.example'] });
    const receivedAt = Date.now() - 30 * HOUR;
    const res = await post(fx.agentToken, logged(fx.slug, receivedAt));
    expect(res.status).toBe(201);
    const body = (await res.json()) as TicketCreated;
    expect(body).toMatchObject({ severity: 1, status: 'new' });
    expect(body.accessToken).toBeUndefined();
    expect(body.firstResponseDueAt).toBe(
      new Date(firstResponseDue(standard, 1, receivedAt).dueAt).toISOString(),
    );
    // A phone call proves no email address: unverified, but still checked against the authorised contacts.
    expect(body.flags).toEqual(['unverified_contact']);
    const row = await env.DB.prepare(
      'select channel, received_at, created_at, organisation_id, contact_authorised from tickets where id = ?',
    )
      .bind(body.id)
      .first<{
        channel: string;
        received_at: number;
        created_at: number;
        organisation_id: string;
        contact_authorised: number;
      }>();
    expect(row).toMatchObject({
      channel: 'phone',
      received_at: receivedAt,
      organisation_id: fx.organisationId,
      contact_authorised: 1,
    });
    expect(row?.created_at).toBeGreaterThan(receivedAt);
    const event = await env.DB.prepare(
      "select actor, agent_id, data from ticket_events where ticket_id = ? and type = 'created'",
    )
      .bind(body.id)
      .first<{ actor: string; agent_id: string; data: string }>();
    expect(event).toMatchObject({ actor: 'agent:Ayu', agent_id: fx.agentId });
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
      channel: 'phone',
      loggedBy: fx.agentId,
      receivedAt: new Date(receivedAt).toISOString(),
    });
  });

  it('is retry-safe like the widget: same key and body → 200 and the same ticket; another body → 409', async () => {
    const fx = await makeDesk();
    const body = logged(fx.slug, Date.now() - HOUR);
    const first = (await (await post(fx.agentToken, body, 'k1')).json()) as TicketCreated;
    const again = await post(fx.agentToken, body, 'k1');
    expect(again.status).toBe(200);
    expect(((await again.json()) as TicketCreated).id).toBe(first.id);
    const other = await post(fx.agentToken, { ...body, subject: 'Lain' }, 'k1');
    expect(other.status).toBe(409);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(1);
  });

  it.each([
    [
      'receivedAt more than 7 days back',
      (slug: string) => logged(slug, Date.now() - 8 * 24 * HOUR),
      'receivedAt',
    ],
    ['receivedAt in the future', (slug: string) => logged(slug, Date.now() + 2 * HOUR), 'receivedAt'],
    ['an unknown channel', (slug: string) => logged(slug, Date.now(), { channel: 'fax' }), 'channel'],
    [
      'no organisation',
      (slug: string) => ({ ...logged(slug, Date.now()), organisation: undefined }),
      'organisation',
    ],
  ])('refuses %s with 400 naming the field', async (_what, make, path) => {
    const fx = await makeDesk();
    const res = await post(fx.agentToken, make(fx.slug));
    expect(res.status).toBe(400);
    const err = (await res.clone().json()) as { error: { details: { path: string }[] } };
    expect(await errorCode(res)).toBe('validation_failed');
    expect(err.error.details.map((d) => d.path)).toContain(path);
  });

  it('refuses an organisation of another desk', async () => {
    const mine = await makeDesk();
    const theirs = await makeDesk();
    const res = await post(mine.agentToken, logged(theirs.slug, Date.now()));
    expect(res.status).toBe(400);
    expect(await countRows('tickets', `organisation_id = '${theirs.organisationId}'`)).toBe(0);
  });

  it('can produce a breach without waiting: a severity 1 reported 3 business hours ago is past due', async () => {
    const fx = await makeDesk();
    // Any 7 days hold at least one full business day, so a 2-business-hour target is past (the most an agent may backdate).
    const receivedAt = Date.now() - 7 * 24 * HOUR + 60_000;
    const body = (await (await post(fx.agentToken, logged(fx.slug, receivedAt))).json()) as TicketCreated;
    expect(Date.parse(body.firstResponseDueAt)).toBeLessThan(Date.now());
    const list = await exports.default.fetch('http://api.test/v1/tickets?sla=breached', {
      headers: bearer(fx.agentToken),
    });
    expect(((await list.json()) as { tickets: { id: string }[] }).tickets.map((t) => t.id)).toEqual([
      body.id,
    ]);
  });
});
