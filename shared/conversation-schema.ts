import { z } from 'zod';
import { SeveritySchema, StatusSchema } from './schema';

/**
 * Wire schemas of the customer's side of a ticket (issue 13): the conversation a widget user follows.
 * Only what a customer should see: public messages (never internal notes, never agents' emails) and
 * the status changes that concern them.
 */

const iso = z.iso.datetime();

/** A file on a message: download it from `GET /v1/attachments/{id}` (served only as a download). */
export const AttachmentSummarySchema = z.object({
  id: z.string(),
  /** The sanitised file name (no path), as the download saves it. */
  name: z.string(),
  /** Bytes. */
  size: z.number().int(),
  /** The type decided from the bytes, e.g. `image/png`, `application/pdf`, `text/plain; charset=utf-8`. */
  type: z.string(),
});
export type AttachmentSummary = z.infer<typeof AttachmentSummarySchema>;

/** One entry of a conversation, oldest first. */
export const ConversationItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    id: z.string(),
    /** `agent`: the desk answered; `customer`: the user (widget or email). */
    from: z.enum(['agent', 'customer']),
    /** The agent's name, or the contact's: never an email address. */
    name: z.string(),
    body: z.string(),
    createdAt: iso,
    /** Files on the message (absent when none). */
    attachments: z.array(AttachmentSummarySchema).optional(),
  }),
  z.object({
    kind: z.literal('status'),
    id: z.string(),
    /** pending: the desk waits for the customer; open: back with the desk; resolved; closed. */
    status: StatusSchema,
    createdAt: iso,
  }),
]);
export type ConversationItem = z.infer<typeof ConversationItemSchema>;

/** GET /v1/tickets/{id}/conversation: the items after `after`, and the cursor to read on from. */
export const ConversationPageSchema = z.object({
  ticket: z.object({
    id: z.string(),
    number: z.number().int(),
    subject: z.string(),
    status: StatusSchema,
    severity: SeveritySchema,
    firstResponseDueAt: iso,
    firstResponseAt: iso.nullable(),
  }),
  items: z.array(ConversationItemSchema),
  /** Pass as `after` for the next read; it moves only past what was returned, so nothing is skipped. */
  cursor: z.string(),
});

/** One of the user's requests in GET /v1/conversations. */
export const ConversationSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: StatusSchema,
  severity: SeveritySchema,
  firstResponseDueAt: iso,
  lastActivityAt: iso,
  /** Public agent replies the user has not read yet. */
  unread: z.number().int(),
});

export const ConversationListSchema = z.object({ conversations: z.array(ConversationSummarySchema) });

/** GET /v1/widget/unread: the count for the launcher's badge. */
export const UnreadSchema = z.object({ unread: z.number().int() });
