import type { Db } from '../db/client';
import {
  insertConversationLink,
  liveConversationLink,
  recordAddressConfirmed,
} from '../db/conversation-links';
import type { ConversationLink, Ticket } from '../db/schema';
import type { Env } from '../env';
import { registerEntries } from '../planes/register';
import { randomToken, sha256Hex } from '../tokens';

/** How long a conversation link works (issue 13: links expire). */
export const CONVERSATION_LINK_TTL_MS = 30 * 24 * 3_600_000;

/** The page's path prefix: `/r/<token>`. */
export const LINK_PATH_PREFIX = '/r/';

/** The address customers are sent to (wrangler.toml [vars] PUBLIC_BASE_URL), without a trailing slash. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL'>): string {
  return (env.PUBLIC_BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
}

/** The full link of a token. */
export function conversationLinkUrl(env: Pick<Env, 'PUBLIC_BASE_URL'>, token: string): string {
  return `${publicBaseUrl(env)}${LINK_PATH_PREFIX}${encodeURIComponent(token)}`;
}

/**
 * Makes a new link to a ticket's conversation: a random token handed out once (for a mail), stored
 * only as its SHA-256 hex, expiring after `ttlMs`.
 */
export async function issueConversationLink(
  db: Db,
  ticketId: string,
  {
    now,
    ttlMs = CONVERSATION_LINK_TTL_MS,
    directory,
  }: { now: number; ttlMs?: number; directory?: { env: Env; deskId: string } },
): Promise<string> {
  const token = randomToken('cl');
  // Routed by the directory to the desk's database when the link is opened (issue 15).
  if (directory) {
    await registerEntries(directory.env, directory.deskId, [{ kind: 'conversation_link', secret: token }], {
      now,
    });
  }
  await insertConversationLink(db, {
    id: crypto.randomUUID(),
    ticketId,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: now + ttlMs,
  });
  return token;
}

/**
 * The ticket a token opens, or null: unknown, expired and revoked tokens are alike, and so is a
 * ticket closed for good (checked at read time too, whatever closed it).
 */
export async function openConversationLink(
  db: Db,
  token: string,
  now: number,
): Promise<{ link: ConversationLink; ticket: Ticket } | null> {
  if (!token || token.length > 200) return null;
  const found = await liveConversationLink(db, await sha256Hex(token), now);
  if (!found || found.ticket.status === 'closed') return null;
  return found;
}

/** Following a live link proves the address reads our mail, as a customer mail would. */
export function confirmAddress(db: Db, ticket: Pick<Ticket, 'id' | 'deskId'>, now: number) {
  return recordAddressConfirmed(db, ticket, now);
}
