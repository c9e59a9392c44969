import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** An agent reply on a widget ticket that may need mailing, claimed by this run. */
export type UnseenReply = {
  id: string;
  deskId: string;
  ticketId: string;
  body: string;
  author: string;
  seen: boolean;
};

const DAY = 86_400_000;

/**
 * Claims the public agent replies on widget tickets, written between a day and `delayMs` ago, that
 * nobody has mailed yet (`mailed_at` null): one UPDATE … RETURNING, so two overlapping cron runs never
 * mail one reply twice. A reply the user already read in the widget (created before the ticket's
 * `customer_seen_at`) is claimed with `mailed_at = 0`: it is never mailed.
 */
export async function claimUnseenReplies(
  db: Db,
  now: number,
  delayMs: number,
  limit = 200,
): Promise<UnseenReply[]> {
  const rows = await db.all<{
    id: string;
    desk_id: string;
    ticket_id: string;
    body: string;
    author: string;
    seen: number;
  }>(
    sql`update messages set mailed_at = case when created_at <= coalesce(
          (select customer_seen_at from tickets t where t.id = messages.ticket_id), 0) then 0 else ${now} end
        where id in (
          select m.id from messages m join tickets t on t.id = m.ticket_id
          where m.created_at > ${now - DAY} and m.created_at <= ${now - delayMs}
            and m.public = 1 and m.mailed_at is null
            and ((m.author_type = 'agent' and t.channel = 'widget') or m.author_type = 'system')
          order by m.created_at limit ${limit})
        and mailed_at is null
        returning id, desk_id, ticket_id, body, author, mailed_at = 0 as seen`,
  );
  return rows.map((r) => ({
    id: r.id,
    deskId: r.desk_id,
    ticketId: r.ticket_id,
    body: r.body,
    author: r.author,
    seen: r.seen === 1,
  }));
}
