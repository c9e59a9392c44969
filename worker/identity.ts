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

/**
 * Whether the host-supplied identity verifies under the tenant's identity secret. A failure never drops
 * the request: the ticket carries `unverified_contact` (and the intake decides `unauthorised_contact`
 * against the tenant's contacts inside its INSERT).
 */
export async function isIdentityVerified(
  identitySecret: string | null,
  identity?: { userId: string; userHash: string },
): Promise<boolean> {
  if (!identity || !identitySecret) return false;
  return verifyUserHash(identitySecret, identity.userId, identity.userHash);
}
