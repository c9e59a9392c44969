import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import { AttachmentSummarySchema } from '../../shared/conversation-schema';
import type { AppEnv } from '../app-env';
import { decodeFilenameHeader, MAX_ATTACHMENT_BYTES } from '../attachments/policy';
import { attachmentResponse } from '../attachments/serve';
import { tooLarge, uploadAttachment } from '../attachments/upload';
import { customerMaySee } from '../attachments/view';
import { readWithin } from '../body-read';
import { findDeskAttachment } from '../db/attachments';
import { findTicket } from '../db/tickets';
import { notFound } from '../errors';
import { OptionalIdempotencyHeaders } from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { createApi } from '../validation';
import { CustomerProofHeaders, customersTicket } from './customer-proof';
import { errorResponses } from './openapi-parts';

/**
 * Attachments (issue 13): `POST /v1/tickets/{id}/attachments` takes one file as the raw body and
 * answers its id, which a following `POST /v1/tickets/{id}/messages` names in `attachments`;
 * `GET /v1/attachments/{id}` serves it as a download to whoever may see its message.
 */
export const attachmentRoutes = createApi();

const security: Record<string, string[]>[] = [{ agentToken: [] }, { widgetKey: [] }];

/** Agents by bearer token; customers by widget key (CORS, rate limit) plus the ticket's token or identity. */
const byAgentOrCustomer = (limit: 'RL_INTAKE' | 'RL_READ') => {
  const customer = every(rateLimit(limit), widgetKey, widgetCors, originGuard, enforceRateLimit);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.header('Authorization')) await agentAuth(c, next);
    else await customer(c, next);
  });
};

/** The raw body, at most 10 MB (413 by Content-Length before reading, or while counting a streamed one). */
async function readUpload(c: Context<AppEnv>): Promise<Uint8Array<ArrayBuffer>> {
  const raw = c.req.raw;
  const declared = Number.parseInt(raw.headers.get('Content-Length') ?? '', 10);
  if (declared > MAX_ATTACHMENT_BYTES) throw tooLarge();
  if (!raw.body) return new Uint8Array();
  const read = await readWithin(raw.body, MAX_ATTACHMENT_BYTES);
  if (!read.ok) throw tooLarge();
  return read.bytes;
}

const UploadHeaders = OptionalIdempotencyHeaders.extend({
  'x-filename': z.string().max(1024).optional().openapi({
    description: 'The file’s name, percent-encoded UTF-8 (path and control characters are removed)',
  }),
  ...CustomerProofHeaders.shape,
});

attachmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/v1/tickets/{id}/attachments',
    tags: ['attachments'],
    summary: 'Upload a file to attach to the next message: at most 10 MB, its type decided by its bytes',
    description:
      'The body is the file itself (any `Content-Type`: it is recorded, never trusted); `X-Filename` names it. ' +
      'Accepted: PNG, JPEG, GIF and WebP images, PDF, plain-text logs (UTF-8 without NUL bytes, not markup), zip ' +
      'and gzip; anything else (HTML, SVG, XML, executables, office documents) is a 415 ' +
      '`unsupported_attachment_type`; over 10 MB a 413 `attachment_too_large`; empty a 400 `empty_attachment`. ' +
      'Agents: `Authorization: Bearer`. Customers: `X-Kinobi-Key` plus `X-Ticket-Token` or `X-Kinobi-Identity`. ' +
      'The answer’s `id` goes into `attachments` of `POST /v1/tickets/{id}/messages` by the same uploader; ' +
      'until then only the uploader’s side sees it. With an `Idempotency-Key`, a retry of the same upload ' +
      '(same uploader, name and bytes) answers 200 with the first attachment; another upload with the key is a 409.',
    security,
    middleware: [byAgentOrCustomer('RL_INTAKE')] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      headers: UploadHeaders,
      body: {
        required: true,
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
    },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: AttachmentSummarySchema } } },
      200: {
        description: 'Replay of an earlier upload with the same Idempotency-Key: nothing new is stored',
        content: { 'application/json': { schema: AttachmentSummarySchema } },
      },
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
      413: { ...errorResponses(413)[413], description: 'Larger than 10 MB (`attachment_too_large`)' },
      415: {
        ...errorResponses(415)[415],
        description:
          'The bytes are not an accepted type (`unsupported_attachment_type`; details: `detected`, `accepted`)',
      },
    },
  }),
  async (c) => {
    const agent = c.get('agent');
    const id = c.req.valid('param').id;
    const ticket = agent ? await findTicket(c.var.db, c.var.desk.id, id) : await customersTicket(c, id);
    if (!ticket) throw notFound('ticket');
    const headers = c.req.valid('header');
    const written = await uploadAttachment({
      db: c.var.db,
      bucket: c.env.ATTACHMENTS,
      ticket,
      uploader: agent ? { kind: 'agent', agent } : { kind: 'customer' },
      bytes: await readUpload(c),
      filename: decodeFilenameHeader(headers['x-filename']),
      declaredType: c.req.header('Content-Type') ?? null,
      idempotencyKey: headers['idempotency-key'],
      now: Date.now(),
    });
    return c.json(written.value, written.replayed ? 200 : 201);
  },
);

attachmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/v1/attachments/{id}',
    tags: ['attachments'],
    summary: 'Download an attachment (always as a download, never rendered)',
    description:
      'Agents of the ticket’s desk see every attachment; the ticket’s customer (`X-Kinobi-Key` plus ' +
      '`X-Ticket-Token` or `X-Kinobi-Identity`) sees those of public messages and their own uploads, never an ' +
      'internal note’s. Anything else is 404. Served with `Content-Disposition: attachment` (RFC 6266 ' +
      '`filename*`), the type decided from the bytes, `X-Content-Type-Options: nosniff` and ' +
      "`Content-Security-Policy: sandbox; default-src 'none'`.",
    security,
    middleware: [byAgentOrCustomer('RL_READ')] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      headers: UploadHeaders.pick({ 'x-ticket-token': true, 'x-kinobi-identity': true }),
    },
    responses: {
      200: {
        description: 'The file',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(401, 403, 404, 429, 503),
    },
  }),
  async (c) => {
    const found = await findDeskAttachment(c.var.db, c.var.desk.id, c.req.valid('param').id);
    if (!found) throw notFound('attachment');
    if (!c.get('agent')) {
      // The proof is of the attachment's ticket: another ticket's token is the same 404.
      await customersTicket(c, found.ticketId);
      if (!customerMaySee(found)) throw notFound('attachment');
    }
    return attachmentResponse(c.env.ATTACHMENTS, found);
  },
);
