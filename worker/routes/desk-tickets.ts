import type { Context } from 'hono';
import { Hono } from 'hono';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type { AppEnv } from '../app-env';
import { attachmentResponse } from '../attachments/serve';
import { tooLarge, uploadAttachment } from '../attachments/upload';
import { findDeskAttachment } from '../db/attachments';
import { agentActor } from '../db/events';
import { findTicket } from '../db/tickets';
import { loadQueueChoices, loadQueueRows, loadTicketPage } from '../desk/data';
import {
  AssignForm,
  EscalateForm,
  FlagsForm,
  MAX_COMPOSER_FILES,
  ReplyForm,
  readForm,
  readFormFiles,
  SeverityForm,
  StatusForm,
} from '../desk/forms';
import { deskLang } from '../desk/lang';
import { QueueQuerySchema } from '../desk/queue-views';
import { renderFragment, renderPage } from '../desk/render';
import { deskSession } from '../desk/session';
import { deskStrings } from '../desk/strings';
import { QueuePage, QueueRows } from '../desk/views/queue';
import { TicketPage } from '../desk/views/ticket';
import { queueAgentReply } from '../email/agent-reply';
import { notFound } from '../errors';
import { idempotencyHashes } from '../idempotency';
import { applyTicketChange, type TicketChange } from '../tickets/apply-patch';
import { escalate } from '../tickets/escalate';
import { addMessage } from '../tickets/reply';

/** The console's queue and ticket pages, and the ticket forms (session required). */
export const deskTickets = new Hono<AppEnv>();

deskTickets.use('/', deskSession);
deskTickets.use('/tickets/*', deskSession);

const here = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const ticketUrl = (id: string, done: string) => `/desk/tickets/${encodeURIComponent(id)}?done=${done}`;

/** Applies a console form's change through the API's PATCH core, then shows the ticket with `done`. */
async function changeAndShow(c: Context<AppEnv>, change: TicketChange, done: string) {
  const id = await applyTicketChange(c.var.db, {
    desk: c.var.desk,
    agent: c.var.agent,
    ticketId: c.req.param('id') ?? '',
    change,
    now: Date.now(),
  });
  return c.redirect(ticketUrl(id, done), 303);
}

deskTickets.get('/', async (c) => {
  const lang = deskLang(c);
  const s = deskStrings(lang);
  const query = QueueQuerySchema.parse(c.req.query());
  const now = Date.now();
  const list = loadQueueRows(c.var.db, { desk: c.var.desk, agent: c.var.agent, query, now });
  // The light poll asks for the rows only.
  if (c.req.query('partial') === 'rows')
    return renderFragment(c, QueueRows({ s, lang, now, ...(await list) }));
  // The filters' choices are read while the list query runs.
  const [{ rows, nextCursor }, choices] = await Promise.all([
    list,
    loadQueueChoices(c.var.db, c.var.desk.id),
  ]);
  return renderPage(
    c,
    QueuePage({
      s,
      lang,
      agent: c.var.agent,
      query,
      rows,
      nextCursor,
      ...choices,
      now,
      here: here(c.req.url),
    }),
  );
});

deskTickets.get('/tickets/:id', async (c) => {
  const lang = deskLang(c);
  const s = deskStrings(lang);
  const now = Date.now();
  const data = await loadTicketPage(c.var.db, {
    desk: c.var.desk,
    agent: c.var.agent,
    ticketId: c.req.param('id'),
    lang,
    now,
  });
  // A canned reply chosen without JavaScript: `canned=<lang>:<id>` starts the composer with it.
  const [cannedLang, cannedId] = (c.req.query('canned') ?? '').split(':');
  const draft = data.canned.find((g) => g.lang === cannedLang)?.replies.find((r) => r.id === cannedId)?.body;
  const done = c.req.query('done');
  return renderPage(
    c,
    TicketPage({
      s,
      ...data,
      agent: c.var.agent,
      draft,
      notice: done ? s.done[done] : undefined,
      formKey: crypto.randomUUID(),
      now,
      here: here(c.req.url),
    }),
  );
});

deskTickets.post('/tickets/:id/messages', async (c) => {
  // One request of at most three 10 MB files and the text: refused before anything is read.
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_COMPOSER_FILES * MAX_ATTACHMENT_BYTES + 65_536)
    throw tooLarge();
  const form = await readForm(c, ReplyForm);
  const agent = c.var.agent;
  const ticket = await findTicket(c.var.db, c.var.desk.id, c.req.param('id'));
  if (!ticket) throw notFound('ticket');
  const files = await readFormFiles(c, 'file', MAX_COMPOSER_FILES);
  const ids: string[] = [];
  for (const [i, file] of files.entries()) {
    // Keyed by the form's key: a resent form finds its uploads again instead of storing them twice.
    const uploaded = await uploadAttachment({
      db: c.var.db,
      bucket: c.env.ATTACHMENTS,
      ticket,
      uploader: { kind: 'agent', agent },
      bytes: new Uint8Array(await file.arrayBuffer()),
      filename: file.name,
      declaredType: file.type || null,
      idempotencyKey: form.key ? `desk:${form.key}.a${i}` : undefined,
      now: Date.now(),
    });
    ids.push(uploaded.value.id);
  }
  const body = {
    body: form.body,
    public: form.kind === 'reply',
    ...(ids.length ? { attachments: ids } : {}),
  };
  const written = await addMessage({
    db: c.var.db,
    deskId: c.var.desk.id,
    ticketId: c.req.param('id'),
    agent,
    body,
    hashes: form.key
      ? await idempotencyHashes(`desk:${form.key}`, { author: `agent:${agent.name}`, body })
      : undefined,
    now: Date.now(),
  });
  const message = written.value;
  if (!written.replayed && message.public) {
    // As the API does: the reply is stored; the mail to the customer follows after the answer.
    const ref = { id: c.req.param('id'), deskId: c.var.desk.id };
    c.executionCtx.waitUntil(
      queueAgentReply(c.env, ref, message).catch((err) => console.error('agent reply mail', err)),
    );
  }
  return c.redirect(ticketUrl(c.req.param('id'), form.kind === 'reply' ? 'reply' : 'note'), 303);
});

deskTickets.get('/tickets/:id/attachments/:attachment', async (c) => {
  const found = await findDeskAttachment(c.var.db, c.var.desk.id, c.req.param('attachment'));
  if (!found || found.ticketId !== c.req.param('id')) throw notFound('attachment');
  return attachmentResponse(c.env.ATTACHMENTS, found);
});

deskTickets.post('/tickets/:id/assign', async (c) => {
  const { assignee } = await readForm(c, AssignForm);
  const change = { assignee: assignee === 'none' ? null : assignee };
  return changeAndShow(c, change, 'assigned');
});

deskTickets.post('/tickets/:id/severity', async (c) => {
  const change = await readForm(c, SeverityForm);
  return changeAndShow(c, change, 'severity');
});

deskTickets.post('/tickets/:id/status', async (c) => {
  const change = await readForm(c, StatusForm);
  return changeAndShow(c, change, 'status');
});

deskTickets.post('/tickets/:id/flags', async (c) => {
  const { flag, inScope, reason } = await readForm(c, FlagsForm);
  const change = { flags: flag, inScope: inScope === 'yes', reason };
  return changeAndShow(c, change, 'flags');
});

deskTickets.post('/tickets/:id/escalations', async (c) => {
  const { team, note, key } = await readForm(c, EscalateForm);
  const db = c.var.db;
  const ticket = await findTicket(db, c.var.desk.id, c.req.param('id'));
  if (!ticket) throw notFound('ticket');
  const by = agentActor(c.var.agent);
  const hashes = key ? await idempotencyHashes(`desk:${key}`, { actor: by.actor, team, note }) : undefined;
  await escalate(db, { ticket, desk: c.var.desk, team, note, by, hashes, now: Date.now() });
  return c.redirect(ticketUrl(ticket.id, 'escalated'), 303);
});
