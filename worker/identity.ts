import { verify } from 'hono/jwt';
import { MAX_IDENTITY_TOKEN_LENGTH } from '../shared/schema';
import { hmacKey } from './tokens';

const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * True when `userHash` is the hex HMAC-SHA256 of `userId` under `secret`. WebCrypto's `verify`
 * compares the MACs in constant time, so the check leaks nothing through timing.
 */
export async function verifyUserHash(secret: string, userId: string, userHash: string): Promise<boolean> {
  const mac = hexToBytes(userHash);
  if (mac?.length !== 32) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), mac, encoder.encode(userId));
}

/** What a verified identity vouches for; `email` and `name` only when the signer put them in. */
export interface VerifiedIdentity {
  userId: string;
  /** Organisation slug from the token's `org` claim (never from the legacy userHash). */
  org?: string;
  email?: string;
  name?: string;
  /** Which evidence verified it. */
  via: 'identity_token' | 'user_hash';
}

const claim = (v: unknown, max: number) =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/**
 * Verifies an identity token: an HS256 JWT signed with the desk's identity secret (hono/jwt: rejects
 * `alg: none`, any other algorithm, a bad signature, an expired token and a future `iat`). `sub` and
 * `exp` are required, so a token cannot be valid forever. Null for anything that does not verify;
 * hono's error messages contain the token, so they are never logged or returned.
 */
export async function verifyIdentityToken(
  secret: string | null,
  token: string | undefined,
): Promise<VerifiedIdentity | null> {
  if (!secret || !token || token.length > MAX_IDENTITY_TOKEN_LENGTH) return null;
  try {
    const payload = await verify(token, secret, 'HS256');
    const userId = claim(payload.sub, 128);
    if (!userId || typeof payload.exp !== 'number') return null;
    const email = claim(payload.email, 254)?.trim().toLowerCase();
    return {
      userId,
      org: claim(payload.org, 64)?.toLowerCase(),
      email: email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : undefined,
      name: claim(payload.name, 120)?.trim(),
      via: 'identity_token',
    };
  } catch {
    return null;
  }
}

/** The identity the host page sent, verified against the desk's secret: a token, or the legacy userHash. */
export async function verifyIdentity(
  secret: string | null,
  identity: { token: string } | { userId: string; userHash: string } | undefined,
): Promise<VerifiedIdentity | null> {
  if (!identity || !secret) return null;
  if ('token' in identity) return verifyIdentityToken(secret, identity.token);
  const ok = await verifyUserHash(secret, identity.userId, identity.userHash);
  return ok ? { userId: identity.userId, via: 'user_hash' } : null;
}
