import type { Db } from '../db/client';
import { findMailboxByAddress, findMailboxBySlug, findTicketByReplyToken } from '../db/mailboxes';
import type { Desk, Organisation, Ticket } from '../db/schema';
import { toHex } from '../tokens';

/**
 * Addresses. New requests go to `support+<slug>@<SUPPORT_EMAIL_DOMAIN>` (one Email Routing rule
 * for the domain, sub-addressing picks the organisation) or to an organisation's own address
 * (`organisations.email_address`, e.g. `help@acme.example` forwarded to this worker). Answers to a ticket
 * go to `support+<slug>.<replyToken>@<domain>` (an organisation's own address also accepts
 * `<local>+<replyToken>@...`): the token is random and unique per ticket, so only someone who
 * received our mail can post to the ticket through it.
 * Slugs carry no dot, so the first dot separates slug and token; the token keeps its case.
 */

/** Where mail comes from when the deployment sets no SUPPORT_EMAIL_DOMAIN (the one in wrangler.toml). */
export const DEFAULT_SUPPORT_DOMAIN = 'support.kinobi.example';

/** The support domain of this deployment. */
export const supportDomainOf = (env: { SUPPORT_EMAIL_DOMAIN?: string }) =>
  env.SUPPORT_EMAIL_DOMAIN?.trim() || DEFAULT_SUPPORT_DOMAIN;

/** The local part before the `+` on the shared support domain. */
export const SUPPORT_LOCAL = 'support';

/** What a recipient address says, before any lookup. */
export type RecipientRoute =
  | { kind: 'slug'; slug: string; replyToken?: string }
  | { kind: 'address'; address: string; replyToken?: string };

/** Reads a recipient address; null when it cannot be ours. */
export function parseRecipient(to: string, supportDomain: string): RecipientRoute | null {
  // An unquoted address never holds a space; one here is a `+` that a URL query decoded (e.g.
  // `/cdn-cgi/handler/email?to=support+demo@...` under wrangler dev), so it is read back as `+`.
  const m = /^\s*<?([^@\s<>]+)@([^@\s<>]+?)>?\s*$/.exec(to.trim().replace(/ /g, '+'));
  if (!m?.[1] || !m[2]) return null;
  const [local, domain] = [m[1], m[2].toLowerCase()];
  const plus = local.indexOf('+');
  const base = (plus < 0 ? local : local.slice(0, plus)).toLowerCase();
  const tag = plus < 0 ? undefined : local.slice(plus + 1);
  if (domain === supportDomain.toLowerCase() && base === SUPPORT_LOCAL) {
    if (!tag) return null;
    const dot = tag.indexOf('.');
    const slug = (dot < 0 ? tag : tag.slice(0, dot)).toLowerCase();
    const replyToken = dot < 0 ? undefined : tag.slice(dot + 1);
    if (!slug) return null;
    return replyToken ? { kind: 'slug', slug, replyToken } : { kind: 'slug', slug };
  }
  const address = `${base}@${domain}`;
  return tag ? { kind: 'address', address, replyToken: tag } : { kind: 'address', address };
}

/** The directory entry of a recipient: its slug or its address, lower-case (planes/register.ts writes them so). */
export function mailboxEntry(route: RecipientRoute): { kind: 'mailbox'; key: string } {
  return { kind: 'mailbox', key: route.kind === 'slug' ? route.slug : route.address };
}

/** The address an organisation's customers write to on the shared domain. */
export function organisationAddress(slug: string, supportDomain: string): string {
  return `${SUPPORT_LOCAL}+${slug}@${supportDomain}`;
}

/** The reply-to address that routes answers back to one ticket. */
export function replyAddress(slug: string, replyToken: string, supportDomain: string): string {
  return `${SUPPORT_LOCAL}+${slug}.${replyToken}@${supportDomain}`;
}

/** A fresh reply token: 128 random bits as lower-case hex (safe in any mailbox local part). */
export function newReplyToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** The organisation a recipient belongs to (with its desk) and, when the address carries a known token, the ticket. */
export interface ResolvedRecipient {
  desk: Desk;
  /** Null for the desk's own address (support+<desk slug>@): the organisation is not known. */
  organisation: Organisation | null;
  ticket?: Ticket;
}

/** Looks up the organisation (and ticket by reply token) for an envelope recipient; null = not ours. */
export async function resolveRecipient(
  db: Db,
  to: string,
  supportDomain: string,
): Promise<ResolvedRecipient | null> {
  const route = parseRecipient(to, supportDomain);
  if (!route) return null;
  const found =
    route.kind === 'slug'
      ? await findMailboxBySlug(db, route.slug)
      : await findMailboxByAddress(db, route.address);
  if (!found) return null;
  if (!route.replyToken) return found;
  const ticket = await findTicketByReplyToken(db, found.desk.id, route.replyToken);
  // An unknown token still reaches the organisation: the mail is answered as a new request, not lost.
  return ticket ? { ...found, ticket } : found;
}
