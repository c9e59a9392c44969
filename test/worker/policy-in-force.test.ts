import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { organisations, tickets } from '../../worker/db/schema';
import gmail from '../fixtures/email/gmail.eml?raw';
import { captureMail, DOMAIN, deliver } from './email-helpers';
import { makeDesk, standardCoverageJson } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';
import { bearer } from './ticket-fixtures';

const db = getDb(env.DB);
const rowOf = async (id: string) => (await db.select().from(tickets).where(eq(tickets.id, id)))[0];

afterEach(() => vi.restoreAllMocks());

describe('the policy in force is recorded on every new ticket', () => {
  it('records the guide version at receipt, the order form’s version and the targets used', async () => {
    const fx = await makeDesk();
    const res = await postTicket(fx, ticketBody());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as TicketCreated;
    const row = await rowOf(id);
    expect(row?.guideVersion).toBe('2026-01-02');
    expect(row?.coverageVersion).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(row?.policyTargets).toEqual({ firstResponse: { 1: 120, 2: 240, 3: 540, 4: 1080 } });
  });

  it('keeps a ticket’s targets when the order form changes later; new tickets get the new version', async () => {
    const premium = {
      ...standardCoverageJson,
      targets: { ...standardCoverageJson.targets, '1': { businessMinutes: 60 } },
      resolution: { '1': 960 },
    };
    const fx = await makeDesk({ coverage: premium });
    const first = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    await db
      .update(organisations)
      .set({ coverage: standardCoverageJson, updatedAt: Date.now() + 1 })
      .where(eq(organisations.id, fx.organisationId));
    // Logged by an agent: the organisation is read afresh (widget keys cache their organisation for 30 s).
    const second = (await (
      await exports.default.fetch('http://api.test/v1/tickets', {
        method: 'POST',
        headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json', 'Idempotency-Key': 'k2' },
        body: JSON.stringify({
          organisation: fx.slug,
          channel: 'phone',
          contact: { name: 'Budi', email: 'budi@customer.example' },
          subject: 'Dasbor mati',
          description: 'Semua pengguna mendapat error 500.',
          category: 'problem',
          impact: { affected: 'service_unavailable', workaround: 'none' },
          receivedAt: new Date().toISOString(),
        }),
      })
    ).json()) as TicketCreated;
    const [a, b] = [await rowOf(first.id), await rowOf(second.id)];
    expect(a?.policyTargets).toEqual({
      firstResponse: { 1: 60, 2: 240, 3: 540, 4: 1080 },
      resolution: { 1: 960 },
    });
    expect(b?.policyTargets).toEqual({ firstResponse: { 1: 120, 2: 240, 3: 540, 4: 1080 } });
    expect(a?.coverageVersion).not.toBe(b?.coverageVersion);
    // The first ticket's own record is untouched by the change.
    expect((await rowOf(first.id))?.policyTargets).toEqual(a?.policyTargets);
  });

  it('names the guide version in the email acknowledgement', async () => {
    const fx = await makeDesk({ slug: `p${crypto.randomUUID().slice(0, 8)}` });
    captureMail();
    const { replies } = await deliver(gmail, {
      from: 'budi.santoso@pelanggan.co.id',
      to: `support+${fx.slug}@${DOMAIN}`,
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.parsed.text).toContain('Panduan Dukungan versi 02 Januari 2026');
    const [row] = await db.select().from(tickets).where(eq(tickets.organisationId, fx.organisationId));
    expect(row?.guideVersion).toBe('2026-01-02');
  });
});
