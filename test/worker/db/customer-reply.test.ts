import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../worker/db/client';
import { customerReplyUpdates } from '../../../worker/db/customer-reply';
import { ticketEvents, tickets } from '../../../worker/db/schema';
import { makeDesk } from '../fixtures';
import { makeTicket } from '../ticket-fixtures';

const db = getDb(env.DB);

async function run(items: ReturnType<typeof customerReplyUpdates>) {
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
}
const rowOf = async (id: string) => (await db.select().from(tickets).where(eq(tickets.id, id)))[0];
const eventsOf = (id: string) => db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));

describe('customerReplyUpdates', () => {
  it('moves a pending ticket back to open with one status_changed event naming the channel', async () => {
    const { deskId, organisationId } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'pending', createdAt: 1_000 });
    await run(customerReplyUpdates(db, { id: t.id, deskId, status: 'pending' }, 'email', 5_000));
    expect(await rowOf(t.id)).toMatchObject({ status: 'open', updatedAt: 5_000 });
    expect(await eventsOf(t.id)).toMatchObject([
      {
        type: 'status_changed',
        actor: 'customer',
        deskId,
        createdAt: 5_000,
        data: { from: 'pending', to: 'open', reason: 'customer replied', channel: 'email' },
      },
    ]);
  });

  it('reopens a resolved ticket: the reply says the problem is not solved', async () => {
    const { deskId, organisationId } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'resolved', createdAt: 1_000 });
    await run(customerReplyUpdates(db, { id: t.id, deskId, status: 'resolved' }, 'widget', 6_000));
    expect(await rowOf(t.id)).toMatchObject({ status: 'open', waitingOn: 'us', updatedAt: 6_000 });
    expect(await eventsOf(t.id)).toMatchObject([
      {
        type: 'status_changed',
        actor: 'customer',
        data: { from: 'resolved', to: 'open', reason: 'customer replied', channel: 'widget' },
      },
    ]);
  });

  it('leaves any other status alone and only touches updatedAt, without an event', async () => {
    const { deskId, organisationId } = await makeDesk();
    for (const status of ['new', 'open', 'closed'] as const) {
      const t = await makeTicket({ deskId, organisationId }, { status, createdAt: 1_000 });
      await run(customerReplyUpdates(db, { id: t.id, deskId, status }, 'widget', 7_000));
      expect(await rowOf(t.id)).toMatchObject({ status, updatedAt: 7_000 });
      expect(await eventsOf(t.id)).toEqual([]);
    }
  });

  it('reopens once when two replies were both read while the ticket was pending', async () => {
    const { deskId, organisationId } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'pending' });
    const read = { id: t.id, deskId, status: 'pending' as const };
    const a = customerReplyUpdates(db, read, 'widget', 5_000);
    const b = customerReplyUpdates(db, read, 'email', 6_000);
    await run(a);
    await run(b);
    expect((await rowOf(t.id))?.status).toBe('open');
    expect(await eventsOf(t.id)).toHaveLength(1);
  });

  it('does not reopen a ticket an agent closed after the reply was read', async () => {
    const { deskId, organisationId } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'pending' });
    const items = customerReplyUpdates(db, { id: t.id, deskId, status: 'pending' }, 'widget', 5_000);
    await db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, t.id));
    await run(items);
    expect((await rowOf(t.id))?.status).toBe('closed');
    expect(await eventsOf(t.id)).toEqual([]);
  });
});
