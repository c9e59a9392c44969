import { exports } from 'cloudflare:workers';
import { IE11_UA } from './intake-helpers';

/** The origin the pool's requests go to; a same-origin form post carries it as Origin. */
export const FORM_ORIGIN = 'http://api.test';

/** The form's address for a key (and language). */
export const formUrl = (key: string, lang?: string) =>
  `${FORM_ORIGIN}/v1/forms/request?key=${encodeURIComponent(key)}${lang ? `&lang=${lang}` : ''}`;

const randomIp = () => `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** GET the no-JavaScript form as IE11 would (no Origin, its user agent). */
export function getForm(key: string, lang?: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(formUrl(key, lang), {
    headers: { 'User-Agent': IE11_UA, 'CF-Connecting-IP': randomIp(), ...headers },
  });
}

/** A complete, valid set of answers: a problem, the whole service down, no workaround. */
export function formFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    formKey: crypto.randomUUID(),
    category: 'problem',
    subject: 'Laporan tidak bisa dibuka',
    description: 'Halaman laporan menampilkan error 500 sejak pagi.\r\nSemua pengguna terdampak.',
    affected: 'service_unavailable',
    workaround: 'none',
    name: 'Budi Santoso',
    email: 'budi@customer.example',
    ...overrides,
  };
}

/** Options of one form post; by default a same-origin post from IE11's user agent. */
export interface FormPostOptions {
  lang?: string;
  /** The Origin header; null sends none. */
  origin?: string | null;
  ip?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** POST the form (application/x-www-form-urlencoded) through the worker's real entry. */
export function postForm(
  key: string,
  fields: Record<string, string>,
  opts: FormPostOptions = {},
): Promise<Response> {
  const origin = opts.origin === undefined ? FORM_ORIGIN : opts.origin;
  return exports.default.fetch(formUrl(key, opts.lang), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': IE11_UA,
      'Accept-Language': 'id-ID,id;q=0.9,en;q=0.8',
      'CF-Connecting-IP': opts.ip ?? randomIp(),
      ...(origin === null ? {} : { Origin: origin }),
      ...opts.headers,
    },
    body: opts.body ?? new URLSearchParams(fields).toString(),
  });
}

/** The hidden form key a rendered form carries. */
export function formKeyIn(html: string): string | undefined {
  return /name="formKey" value="([^"]+)"/.exec(html)?.[1];
}

/** The `maxlength` of the control named `name` in a rendered form. */
export function maxlengthOf(html: string, name: string): number | undefined {
  const tag = new RegExp(`<(?:input|textarea)[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const n = tag && /maxlength="(\d+)"/.exec(tag)?.[1];
  return n ? Number(n) : undefined;
}
