// Web Crypto only: the same file works in a receiver on Node 20+, Deno, Bun or Workers.

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'X-Kinobi-Signature';
/** Receivers refuse a signature whose timestamp is further than this from their clock (seconds). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The secrets a sender signs with: the current one, plus the previous one while a rotation is under way. */
export type SigningSecrets = { current: string; previous?: string | null };

/** Why verifyWebhookSignature refused a header. */
export type SignatureProblem = 'malformed' | 'too_old' | 'in_future' | 'mismatch';

/** The outcome of verifyWebhookSignature. */
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; problem: SignatureProblem };

const encoder = new TextEncoder();

function key(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

async function sign(secret: string, message: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await key(secret, 'sign'), encoder.encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `X-Kinobi-Signature` value for `body` sent at `now` (ms): `t=<unix seconds>,v1=<hex>` with
 * v1 = HMAC-SHA256(secret, "<t>.<body>") under the current secret, followed by a second
 * `,v1=<hex>` under the previous secret while a rotation is under way. A receiver that has
 * either secret verifies it.
 */
export async function signatureHeader(secrets: SigningSecrets, body: string, now: number): Promise<string> {
  const t = Math.floor(now / 1000);
  const keys = [
    secrets.current,
    ...(secrets.previous && secrets.previous !== secrets.current ? [secrets.previous] : []),
  ];
  const macs = await Promise.all(keys.map((s) => sign(s, `${t}.${body}`)));
  return [`t=${t}`, ...macs.map((m) => `v1=${m}`)].join(',');
}

/** The timestamp and v1 signatures of a header, or null when it is not of the documented form. */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [name, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return null;
    if (name === 't') {
      if (t !== null || !/^[0-9]{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      v1.push(value);
    } // other schemes (v0, v2 …) are ignored, so a later scheme can be added beside v1
  }
  return t === null || v1.length === 0 || v1.length > 8 ? null : { t, v1 };
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * For receivers: whether `header` signs the raw `body` under one of `secrets` (theirs: the current
 * one and, during their rotation, the previous one) and was made within `toleranceSeconds` of `now`
 * (ms). Comparison is constant-time (`crypto.subtle.verify`). A signature older than the tolerance
 * is refused (`too_old`): a captured request cannot be replayed later; within the window, dedupe on
 * `X-Kinobi-Delivery` (docs/webhooks.md).
 */
export async function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secrets: readonly string[],
  now: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Promise<SignatureCheck> {
  const parsed = header ? parseSignatureHeader(header) : null;
  if (!parsed) return { ok: false, problem: 'malformed' };
  const age = Math.floor(now / 1000) - parsed.t;
  if (age > toleranceSeconds) return { ok: false, problem: 'too_old' };
  if (age < -toleranceSeconds) return { ok: false, problem: 'in_future' };
  const message = encoder.encode(`${parsed.t}.${body}`);
  for (const secret of secrets) {
    const k = await key(secret, 'verify');
    for (const mac of parsed.v1) {
      if (await crypto.subtle.verify('HMAC', k, fromHex(mac), message))
        return { ok: true, timestamp: parsed.t };
    }
  }
  return { ok: false, problem: 'mismatch' };
}
