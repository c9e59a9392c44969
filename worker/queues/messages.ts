import { z } from 'zod';

/** The queues of wrangler.toml ([[queues.consumers]]): the consumer tells them apart by name. */
export const QUEUES = {
  webhooks: 'kinobi-webhooks',
  mail: 'kinobi-mail',
  deadLetters: 'kinobi-dead-letters',
} as const;

const id = z.string().min(1).max(200);

/**
 * Every message names its desk and the binding of the data database that holds the desk's tickets
 * (`db`, today always "DB"), so a consumer opens the right database (worker/db/desk-database.ts).
 */
const base = { v: z.literal(1), deskId: id, db: id };

/** A webhook delivery to send: the row in `webhook_deliveries` is the state (attempts, lease, status). */
export const WebhookMessageSchema = z.object({ ...base, kind: z.literal('webhook'), deliveryId: id });

/** Mail carries its delivery key (`delivery_keys.key`): a redelivered message finds it done and sends nothing. */
const mail = { ...base, key: id, ticketId: id };

/** A mail to send through the mail queue. */
export const MailMessageSchema = z.discriminatedUnion('kind', [
  /** The widget ticket's confirmation (once per ticket). */
  z.object({ ...mail, kind: z.literal('confirmation') }),
  /** One mail with one or more agent replies (widget replies unread for 2 minutes, or at once on other channels). */
  z.object({ ...mail, kind: z.literal('agent_reply'), messageIds: z.array(id).min(1).max(200) }),
  /** The organisation's customer-success contact: a severity 1 ticket opened, or a breach recorded. */
  z.object({ ...mail, kind: z.literal('success_contact'), breachId: id.optional() }),
  /** The security team's alert to one member, again: its synchronous send failed (the alert is sent at once first). */
  z.object({ ...mail, kind: z.literal('security_alert'), agentId: id }),
]);

/** Any message on the delivery queues. */
export const DeliveryMessageSchema = z.union([WebhookMessageSchema, MailMessageSchema]);

export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
export type MailMessage = z.infer<typeof MailMessageSchema>;
export type DeliveryMessage = z.infer<typeof DeliveryMessageSchema>;

/** A mail message before its version and database are stamped on. */
export type MailRequest = MailMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'v' | 'db'>
    : never
  : never;

/** The delivery key of a mail: one confirmation per ticket, one mail per batch of replies, one notice per reason. */
export const mailKey = {
  confirmation: (ticketId: string) => `confirmation:${ticketId}`,
  agentReply: (firstMessageId: string) => `agent_reply:${firstMessageId}`,
  /** Kept equal to the SQL in worker/db/success-contact.ts (the finders skip keys already recorded). */
  successContact: (ticketId: string, breachId?: string) =>
    breachId ? `success_contact:breach:${breachId}` : `success_contact:${ticketId}:severity_1`,
  securityAlert: (ticketId: string, agentId: string) => `security_alert:${ticketId}:${agentId}`,
};
