import { and, eq } from 'drizzle-orm';
import type { Db } from './client';
import { type Desk, desks, type Organisation, organisations, type Ticket, tickets } from './schema';

/** A support mailbox: an organisation of a desk, or the desk's own address (organisation unknown). */
export type Mailbox = { desk: Desk; organisation: Organisation | null };

/** support+<slug>@: the organisation with that slug, else the desk with that slug. */
export async function findMailboxBySlug(db: Db, slug: string): Promise<Mailbox | undefined> {
  const [byOrganisation] = await db
    .select({ organisation: organisations, desk: desks })
    .from(organisations)
    .innerJoin(desks, eq(desks.id, organisations.deskId))
    .where(eq(organisations.slug, slug))
    .limit(1);
  if (byOrganisation) return byOrganisation;
  const [desk] = await db.select().from(desks).where(eq(desks.slug, slug)).limit(1);
  return desk ? { desk, organisation: null } : undefined;
}

/** An organisation's own inbound address. */
export async function findMailboxByAddress(db: Db, address: string): Promise<Mailbox | undefined> {
  const [found] = await db
    .select({ organisation: organisations, desk: desks })
    .from(organisations)
    .innerJoin(desks, eq(desks.id, organisations.deskId))
    .where(eq(organisations.emailAddress, address))
    .limit(1);
  return found;
}

/** The desk's ticket whose reply token an address carries. */
export async function findTicketByReplyToken(
  db: Db,
  deskId: string,
  replyToken: string,
): Promise<Ticket | undefined> {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.deskId, deskId), eq(tickets.replyToken, replyToken)))
    .limit(1);
  return ticket;
}
