import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { isUniqueViolation } from './d1-errors';
import { type Attachment, attachments, tickets } from './schema';

/** The columns a listing shows (never the legacy blob). */
const listed = {
  id: attachments.id,
  ticketId: attachments.ticketId,
  messageId: attachments.messageId,
  filename: attachments.filename,
  contentType: attachments.contentType,
  sniffedType: attachments.sniffedType,
  size: attachments.size,
  objectKey: attachments.objectKey,
  uploadedBy: attachments.uploadedBy,
  agentId: attachments.agentId,
  refused: attachments.refused,
  createdAt: attachments.createdAt,
  // Whether a legacy blob is still in D1 (its bytes are not read for a listing).
  inD1: sql<number>`${attachments.content} is not null`,
};
/** An attachment as listed: everything but the bytes. */
export type ListedAttachment = Omit<Attachment, 'content' | 'sha256' | 'idempotencyKey' | 'requestHash'> & {
  inD1: number;
};

/** Inserts an attachment row (upload or email). */
export const insertAttachment = (db: Db, row: typeof attachments.$inferInsert) =>
  db.insert(attachments).values(row);

/** The upload written with this (hashed) Idempotency-Key on the ticket, if any. */
export async function findAttachmentByKey(db: Db, ticketId: string, keyHash: string) {
  const [row] = await db
    .select({ ...listed, requestHash: attachments.requestHash })
    .from(attachments)
    .where(and(eq(attachments.ticketId, ticketId), eq(attachments.idempotencyKey, keyHash)))
    .limit(1);
  return row;
}

/** True when an upload lost to another with the same (ticket, Idempotency-Key). */
export const isAttachmentKeyConflict = (err: unknown) =>
  isUniqueViolation(err, 'attachments.ticket_id, attachments.idempotency_key');

/** An attachment of a desk's ticket, with the ticket's desk and the message's visibility; the blob included. */
export async function findDeskAttachment(db: Db, deskId: string, id: string) {
  const [row] = await db
    .select({
      attachment: attachments,
      messagePublic: sql<
        number | null
      >`(select m.public from messages m where m.id = ${attachments.messageId})`,
    })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(and(eq(attachments.id, id), eq(tickets.deskId, deskId)))
    .limit(1);
  return row && { ...row.attachment, messagePublic: row.messagePublic === null ? null : !!row.messagePublic };
}

/** Attachments of a ticket by id (those a message may claim are checked by the caller). */
export function ticketAttachmentsById(db: Db, ticketId: string, ids: string[]) {
  return db
    .select(listed)
    .from(attachments)
    .where(and(eq(attachments.ticketId, ticketId), inArray(attachments.id, ids)));
}

/** Gives unclaimed uploads to a message (for the message's batch; a claimed one is left as it is). */
export const claimAttachments = (db: Db, ticketId: string, ids: string[], messageId: string) =>
  db
    .update(attachments)
    .set({ messageId })
    .where(
      and(eq(attachments.ticketId, ticketId), inArray(attachments.id, ids), isNull(attachments.messageId)),
    );

/** Ids bound per query: D1 takes at most 100 bound parameters. */
const IDS_PER_QUERY = 90;

/** Attachments of these messages (a conversation page may name up to 200), oldest first. */
export async function attachmentsOfMessages(db: Db, messageIds: string[]): Promise<ListedAttachment[]> {
  const out: ListedAttachment[] = [];
  for (let i = 0; i < messageIds.length; i += IDS_PER_QUERY) {
    const ids = messageIds.slice(i, i + IDS_PER_QUERY);
    out.push(...(await db.select(listed).from(attachments).where(inArray(attachments.messageId, ids))));
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Every attachment of a ticket (the console's timeline), oldest first. */
export function attachmentsOfTicket(db: Db, ticketId: string) {
  return db
    .select(listed)
    .from(attachments)
    .where(eq(attachments.ticketId, ticketId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** Legacy rows whose bytes are still a D1 blob, oldest first (the backfill's next few; ids only). */
export function blobsToMove(db: Db, limit: number) {
  return db
    .select({ id: attachments.id, ticketId: attachments.ticketId })
    .from(attachments)
    .where(isNotNull(attachments.content))
    .orderBy(asc(attachments.createdAt))
    .limit(limit);
}

/** One row's legacy blob (read one at a time: each may be close to 2 MB). */
export async function blobOf(db: Db, id: string): Promise<Buffer | null> {
  const [row] = await db
    .select({ content: attachments.content })
    .from(attachments)
    .where(eq(attachments.id, id));
  return row?.content ?? null;
}

/** Records that a row's bytes are in R2 and drops its blob (only if it still holds one). */
export const markMovedToR2 = (
  db: Db,
  id: string,
  moved: {
    objectKey: string;
    sha256: string;
    sniffedType: string | null;
    refused: 'unsupported_type' | null;
  },
) =>
  db
    .update(attachments)
    .set({ ...moved, content: null })
    .where(and(eq(attachments.id, id), isNotNull(attachments.content)));

/** Uploads (a customer's or an agent's) that no message claimed and that were made before `cutoff`. */
export function unclaimedUploadsBefore(db: Db, cutoff: number, limit: number) {
  // Without statistics SQLite prefers attachments_message (message_id is null), which also holds every
  // opening email's files and needs a sort; the partial index holds just the uploads, in order. Its
  // terms are literal, not bound: a partial index serves only a query whose terms match its WHERE.
  return db
    .select({ id: sql<string>`id`, objectKey: sql<string | null>`object_key` })
    .from(sql`attachments indexed by attachments_unclaimed`)
    .where(sql`message_id is null and uploaded_by in ('customer', 'agent') and created_at < ${cutoff}`)
    .orderBy(sql`created_at`)
    .limit(limit);
}

/**
 * Deletes the rows of these uploads that are still unclaimed, in one statement (a message that claims
 * one at the same moment wins: that row stays). Returns the rows deleted, so the caller deletes only
 * their bytes. The sweep passes at most SWEEP_BATCH (50) ids: under D1's 100 bound parameters.
 */
export function deleteUnclaimedUploads(
  db: Db,
  ids: string[],
): Promise<{ id: string; objectKey: string | null }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .delete(attachments)
    .where(and(inArray(attachments.id, ids), isNull(attachments.messageId)))
    .returning({ id: attachments.id, objectKey: attachments.objectKey });
}
