const encoder = new TextEncoder();

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 hex of a token (as tokens are stored) or of raw bytes (e.g. a message without Message-ID). */
export async function sha256Hex(input: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** An HMAC-SHA256 key for `secret`, for signing or for constant-time verification. */
export function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

/** Hex HMAC-SHA256 of `message` under `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(message)));
}

// workerd's SubtleCrypto has timingSafeEqual; the DOM lib's type (also loaded) does not.
const subtle = crypto.subtle as unknown as {
  timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean;
};

/** Constant-time string equality (workerd's subtle.timingSafeEqual; lengths compared first). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  // Compare against itself when lengths differ so the work done does not depend on where they differ.
  if (x.byteLength !== y.byteLength) return !subtle.timingSafeEqual(x, x);
  return subtle.timingSafeEqual(x, y);
}

/** A random URL-safe token with a readable prefix, e.g. `at_…` (32 random bytes). */
export function randomToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes));
  return `${prefix}_${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The token of an `Authorization: Bearer <token>` header, or null when missing or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer ([\x21-\x7e]{1,512})$/);
  return m?.[1] ?? null;
}
