import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { every } from 'hono/combine';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MessageCreateSchema } from '../../shared/agent-schema';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import { fill } from '../../widget/fill';
import type { AppEnv } from '../app-env';
import { attachmentResponse } from '../attachments/serve';
import { uploadAttachment } from '../attachments/upload';
import { customerMaySee } from '../attachments/view';
import { findDeskAttachment } from '../db/attachments';
import { markSeen } from '../db/conversation';
import { sameCustomerMessageSince } from '../db/replays';
import type { Ticket } from '../db/schema';
import { ApiError } from '../errors';
import { idempotencyHashes, MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency';
import { ConversationPage, linkHref, MAX_REPLY_LENGTH } from '../link/ConversationPage';
import { linkFailure, linkLocale, sendLinkNotFound, sendLinkPage } from '../link/respond';
import { linkStrings } from '../link/strings';
import { limitBody, limitBodyTo, MAX_BODY_BYTES } from '../middleware/body-limit';
import { databaseHandle } from '../middleware/db';
import { formCsrf, requireForm } from '../middleware/form-post';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { CURSOR_START, readConversation } from '../tickets/conversation';
import { confirmAddress, openConversationLink } from '../tickets/conversation-link';
import { addMessage } from '../tickets/reply';

/** Counted per client IP: a link carries no widget key, and the token itself never goes into a limiter key. */
const linkLimitKey = () => 'conversation-link';
const getChain = every(databaseHandle, rateLimit('RL_READ', linkLimitKey), enforceRateLimit);
const MULTIPART = /^multipart\/form-data$/i;
const isMultipart = (c: Context<AppEnv>) =>
  MULTIPART.test((c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '');
const plainForm = every(limitBody, requireForm);
const withFile = limitBodyTo(MAX_ATTACHMENT_BYTES + MAX_BODY_BYTES);
/** A reply is a plain form (64 KB), or a multipart one carrying a file (10 MB more). */
const replyBody: MiddlewareHandler<AppEnv> = (c, next) =>
  isMultipart(c) ? withFile(c, next) : plainForm(c, next);
const postChain = every(
  databaseHandle,
  formCsrf,
  rateLimit('RL_INTAKE', linkLimitKey),
  enforceRateLimit,
  replyBody,
);

/** The reply form's fields: `body`, `replyKey` and (multipart only) one `file`. */
async function readReply(c: Context<AppEnv>): Promise<{ draft: string; replyKey: string; file?: File }> {
  if (isMultipart(c)) {
    const form = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    // An empty file input posts a nameless, empty part: that is no file.
    const file =
      form.file instanceof File && (form.file.size > 0 || form.file.name !== '') ? form.file : undefined;
    return { draft: text(form.body), replyKey: text(form.replyKey), file };
  }
  // Decoded as UTF-8 (the page is, and says so in accept-charset).
  const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
  return { draft: form.get('body') ?? '', replyKey: form.get('replyKey') ?? '' };
}

/** The upload refusals the page explains at the file field (anything else is the page's error handler's). */
const FILE_ERRORS = new Set(['attachment_too_large', 'unsupported_attachment_type', 'empty_attachment']);

/** Renders the conversation of an opened link, with the reply form (a fresh key unless one is kept). */
async function sendConversation(
  c: Context<AppEnv>,
  token: string,
  ticket: Ticket,
  extra: { replyKey?: string; draft?: string; error?: string; fileError?: string; sent?: boolean } = {},
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
    fileError: extra.fileError,
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
  const { draft, replyKey, file } = await readReply(c);
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
  // new key while the browser restores the typed text (and file), so the same words sent again within
  // a few minutes are that resubmission too, not a second reply: checked before any upload.
  const resent = await sameCustomerMessageSince(
    c.var.db,
    ticket.id,
    parsed.data.body,
    now - RESUBMIT_WINDOW_MS,
  );
  const lang = linkLocale(c, ticket.locale);
  if (resent) return c.redirect(`${linkHref(token, lang)}&sent=1`, 303);
  let body = parsed.data;
  if (file) {
    try {
      const uploaded = await uploadAttachment({
        db: c.var.db,
        bucket: c.env.ATTACHMENTS,
        ticket,
        uploader: { kind: 'customer' },
        bytes: new Uint8Array(await file.arrayBuffer()),
        filename: file.name,
        declaredType: file.type || null,
        // The page's key: a resent page finds its file again.
        idempotencyKey: `${replyKey}.a0`,
        now,
      });
      body = { ...body, attachments: [uploaded.value.id] };
    } catch (err) {
      if (!(err instanceof ApiError) || !FILE_ERRORS.has(err.code)) throw err;
      const fileError = err.code === 'attachment_too_large' ? s.fileTooLarge : s.fileRefused;
      return sendConversation(c, token, ticket, { replyKey, draft, fileError }, err.status);
    }
  }
  await addMessage({
    db: c.var.db,
    deskId: ticket.deskId,
    ticketId: ticket.id,
    // The live link is the proof, as the access token is through the widget.
    customerTicket: ticket,
    body,
    // The same request shape as POST /v1/tickets/{id}/messages from a customer.
    hashes: await idempotencyHashes(replyKey, { author: 'customer', body }),
    now,
  });
  await confirmAddress(c.var.db, ticket, now);
  // Post/redirect/get: a reload shows the thread, it does not post again.
  return c.redirect(`${linkHref(token, lang)}&sent=1`, 303);
});

/** A file of the conversation, for whoever holds the live link: public messages' and the customer's own only. */
conversationLinkRoutes.get('/r/:token/attachments/:attachment', getChain, async (c) => {
  const opened = await openConversationLink(c.var.db, c.req.param('token'), Date.now());
  if (!opened) return sendLinkNotFound(c);
  const found = await findDeskAttachment(c.var.db, opened.ticket.deskId, c.req.param('attachment'));
  if (!found || found.ticketId !== opened.ticket.id || !customerMaySee(found)) return sendLinkNotFound(c);
  return attachmentResponse(c.env.ATTACHMENTS, found);
});

conversationLinkRoutes.onError(linkFailure);
