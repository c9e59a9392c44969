import { exports } from 'cloudflare:workers';
import type { AttachmentSummary } from '../../shared/conversation-schema';

/** Who calls: an agent's bearer token, or a customer's widget key with the ticket's token (or identity). */
export type Caller = { agentToken: string } | { widgetKey: string; ticketToken?: string; identity?: string };

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

/** The credential headers of a caller. */
export function callerHeaders(who: Caller): Record<string, string> {
  if ('agentToken' in who) return { Authorization: `Bearer ${who.agentToken}` };
  const h: Record<string, string> = { 'X-Kinobi-Key': who.widgetKey, 'CF-Connecting-IP': ip() };
  if (who.ticketToken) h['X-Ticket-Token'] = who.ticketToken;
  if (who.identity) h['X-Kinobi-Identity'] = who.identity;
  return h;
}

const api = (path: string, init: RequestInit) => exports.default.fetch(`http://api.test${path}`, init);

/** POST /v1/tickets/{id}/attachments with the bytes as the body. */
export function upload(
  who: Caller,
  ticketId: string,
  bytes: Uint8Array<ArrayBuffer>,
  opts: { name?: string; type?: string; key?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    ...callerHeaders(who),
    'Content-Type': opts.type ?? 'application/octet-stream',
    ...opts.headers,
  };
  if (opts.name !== undefined) headers['X-Filename'] = encodeURIComponent(opts.name);
  if (opts.key) headers['Idempotency-Key'] = opts.key;
  return api(`/v1/tickets/${ticketId}/attachments`, { method: 'POST', headers, body: bytes });
}

/** Uploads and expects 201; returns the attachment. */
export async function uploaded(who: Caller, ticketId: string, bytes: Uint8Array<ArrayBuffer>, name = 'file') {
  const res = await upload(who, ticketId, bytes, { name });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await res.json()) as AttachmentSummary;
}

/** POST /v1/tickets/{id}/messages naming attachments. */
export function postMessage(
  who: Caller,
  ticketId: string,
  body: { body: string; public?: boolean; attachments?: string[] },
  key?: string,
) {
  return api(`/v1/tickets/${ticketId}/messages`, {
    method: 'POST',
    headers: {
      ...callerHeaders(who),
      'Content-Type': 'application/json',
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** GET /v1/attachments/{id}. */
export const download = (who: Caller, id: string) =>
  api(`/v1/attachments/${id}`, { headers: callerHeaders(who) });

/** GET /v1/tickets/{id}/conversation as the customer. */
export const conversation = (who: Caller, ticketId: string) =>
  api(`/v1/tickets/${ticketId}/conversation`, { headers: callerHeaders(who) });
