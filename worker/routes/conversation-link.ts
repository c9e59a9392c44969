import type { Context } from 'hono';
import { Hono } from 'hono';
import { every } from 'hono/combine';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MessageCreateSchema } from '../../shared/agent-schema';
import { fill } from '../../widget/fill';
import type { AppEnv } from '../app-env';
import { markSeen } from '../db/conversation';
import { sameCustomerMessageSince } from '../db/replays';
import type { Ticket } from '../db/schema';
import { idempotencyHashes, MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency';
import { ConversationPage, linkHref, MAX_REPLY_LENGTH } from '../link/ConversationPage';
import { linkFailure, linkLocale, sendLinkNotFound, sendLinkPage } from '../link/respond';
import { linkStrings } from '../link/strings';
import { limitBody } from '../middleware/body-limit';
import { databaseHandle } from '../middleware/db';
import { formCsrf, requireForm } from '../middleware/form-post';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { CURSOR_START, readConversation } from '../tickets/conversation';
import { confirmAddress, openConversationLink } from '../tickets/conversation-link';
import { addMessage } from '../tickets/reply';

/** Counted per client IP: a link carries no widget key, and the token itself never goes into a limiter key. */
const linkLimitKey = () => 'conversation-link';
const getChain = every(databaseHandle, rateLimit('RL_READ', linkLimitKey), enforceRateLimit);
const postChain = every(
  databaseHandle,
  formCsrf,
  rateLimit('RL_INTAKE', linkLimitKey),
  enforceRateLimit,
  limitBody,
  requireForm,
);

/** Renders the conversation of an opened link, with the reply form (a fresh key unless one is kept). */
async function sendConversation(
  c: Context<AppEnv>,
  token: string,
  ticket: Ticket,
  extra: { replyKey?: string; draft?: string; error?: string; sent?: boolean } = {},
  status: ContentfulStatusCode = 200,
) {
  const lang = linkLocale(c, ticket.locale);
  const conversation = await readConversation(c.var.db, ticket, CURSOR_START);
  const page = ConversationPage({
    s: linkStrings(lang),
    lang,
    token,
    conversation,
    // Made now, posted back: a double submit or a resend of the same page is one reply.
    replyKey: extra.replyKey ?? crypto.randomUUID(),
    draft: extra.draft,
    error: extra.error,
    sent: extra.sent,
  });
  return sendLinkPage(c, page, status);
}

/**
 * GET and POST /r/<token>: the customer's conversation as a server-rendered page, for the link in
 * our mail (issue 13). No script; the reply is a customer reply as through the widget, with the
 * API's idempotency. Unknown, expired and revoked links, and closed tickets, are one readable 404.
 */
export const conversationLinkRoutes = new Hono<AppEnv>();

/** How long the same text from the customer counts as the same reply sent again (worker/db/replays.ts). */
const RESUBMIT_WINDOW_MS = 10 * 60_000;

conversationLinkRoutes.get('/r/:token', getChain, async (c) => {
  const now = Date.now();
  const token = c.req.param('token');
  const opened = await openConversationLink(c.var.db, token, now);
  if (!opened) return sendLinkNotFound(c);
  const { ticket } = opened;
  // Following the link: the address reads our mail (email/agent-reply.ts), and the customer has read the thread.
  await Promise.all([confirmAddress(c.var.db, ticket, now), markSeen(c.var.db, ticket.id, now)]);
  return sendConversation(c, token, ticket, { sent: c.req.query('sent') === '1' });
});

conversationLinkRoutes.post('/r/:token', postChain, async (c) => {
  const now = Date.now();
  const token = c.req.param('token');
  const opened = await openConversationLink(c.var.db, token, now);
  if (!opened) return sendLinkNotFound(c);
  const { ticket } = opened;
  const s = linkStrings(linkLocale(c, ticket.locale));
  // Decoded as UTF-8 (the page is, and says so in accept-charset).
  const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
  const draft = form.get('body') ?? '';
  const replyKey = form.get('replyKey') ?? '';
  const keyValid = replyKey.length > 0 && replyKey.length <= MAX_IDEMPOTENCY_KEY_LENGTH;
  const parsed = MessageCreateSchema.safeParse({ body: draft });
  if (!keyValid || !parsed.success || draft.trim() === '') {
    const error =
      draft.trim() === ''
        ? s.emptyReply
        : draft.length > MAX_REPLY_LENGTH
          ? fill(s.tooLong, { max: MAX_REPLY_LENGTH })
          : s.forbiddenText;
    return sendConversation(
      c,
      token,
      ticket,
      { replyKey: keyValid ? replyKey : undefined, draft, error },
      400,
    );
  }
  // The form's key makes a resubmitted POST (a reload) a replay. Going Back re-renders the page with a
  // new key while the browser restores the typed text, so the same words sent again within a few
  // minutes are that resubmission too, not a second reply.
  const resent = await sameCustomerMessageSince(
    c.var.db,
    ticket.id,
    parsed.data.body,
    now - RESUBMIT_WINDOW_MS,
  );
  if (!resent)
    await addMessage({
      db: c.var.db,
      deskId: ticket.deskId,
      ticketId: ticket.id,
      // The live link is the proof, as the access token is through the widget.
      customerVerified: true,
      body: parsed.data,
      // The same request shape as POST /v1/tickets/{id}/messages from a customer.
      hashes: await idempotencyHashes(replyKey, { author: 'customer', body: parsed.data }),
      now,
    });
  await confirmAddress(c.var.db, ticket, now);
  // Post/redirect/get: a reload shows the thread, it does not post again.
  const lang = linkLocale(c, ticket.locale);
  return c.redirect(`${linkHref(token, lang)}&sent=1`, 303);
});

conversationLinkRoutes.onError(linkFailure);
