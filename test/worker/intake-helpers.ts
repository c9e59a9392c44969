import { env, exports } from 'cloudflare:workers';
import type { TicketCreateInput } from '../../shared/schema';
import type { DeskFixture } from './fixtures';

/** A current Chrome on Windows: inside the supported-browser policy. */
export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
/** Internet Explorer 11: outside the policy. */
export const IE11_UA = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';

/** A valid POST /v1/tickets body: a problem with the whole service down and no workaround. */
export function ticketBody(overrides: Partial<TicketCreateInput> = {}): TicketCreateInput {
  return {
    subject: 'Laporan tidak bisa dibuka',
    description: 'Halaman laporan menampilkan error 500 sejak pagi.',
    category: 'problem',
    impact: { affected: 'service_unavailable', workaround: 'none' },
    contact: { name: 'Budi Santoso', email: 'budi@customer.example' },
    environment: { userAgent: CHROME_UA, cookiesEnabled: true },
    context: { appVersion: '3.2.1', deployment: 'production' },
    ...overrides,
  };
}

/** Options for one intake request. */
export interface PostOptions {
  key?: string | null;
  idempotencyKey?: string | null;
  origin?: string;
  ip?: string;
  headers?: Record<string, string>;
  rawBody?: BodyInit;
}

/** POST /v1/tickets through the worker's real entry. */
export function postTicket(fx: DeskFixture, body: unknown, opts: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers };
  const key = opts.key === undefined ? fx.widgetKey : opts.key;
  if (key !== null) headers['X-Kinobi-Key'] = key;
  const idem = opts.idempotencyKey === undefined ? crypto.randomUUID() : opts.idempotencyKey;
  if (idem !== null) headers['Idempotency-Key'] = idem;
  if (opts.origin) headers.Origin = opts.origin;
  // A distinct client IP per request by default, so the per-IP rate limit does not interfere.
  headers['CF-Connecting-IP'] =
    opts.ip ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return exports.default.fetch('http://api.test/v1/tickets', {
    method: 'POST',
    headers,
    body: opts.rawBody ?? JSON.stringify(body),
  });
}

/** GET a widget route with the fixture's (organisation-bound) key. */
export function getWidget(
  fx: DeskFixture,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return exports.default.fetch(`http://api.test${path}`, {
    headers: { 'X-Kinobi-Key': fx.widgetKey, 'CF-Connecting-IP': '10.9.9.9', ...headers },
  });
}

/** Row count of a table, read straight from D1. */
export async function countRows(table: string, where = '1 = 1'): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from ${table} where ${where}`).first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

/** Asserts the one error shape and returns its code (throws with the body when it does not match). */
export async function errorCode(res: Response): Promise<string> {
  const text = await res.text();
  if (!res.headers.get('Content-Type')?.includes('application/json')) throw new Error(`not JSON: ${text}`);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not the error shape: ${text}`);
  }
  return body.error.code;
}
