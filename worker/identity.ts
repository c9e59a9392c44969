import type { Flag } from '../shared/schema';
import type { Db } from './db/client';
import { isAuthorisedContact } from './db/tenants';

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
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(userId));
}

/** What identity checks found about a ticket's contact. */
export interface ContactCheck {
  verified: boolean;
  authorised: boolean;
  flags: Flag[];
}

/**
 * Verifies the host-supplied identity and looks the email up among authorised contacts. Neither
 * failure drops the request: `unverified_contact` / `unauthorised_contact` travel with it.
 */
export async function checkContact(
  db: Db,
  tenant: { id: string; identitySecret: string | null },
  contact: { email: string },
  identity?: { userId: string; userHash: string },
): Promise<ContactCheck> {
  const verified =
    !!identity &&
    !!tenant.identitySecret &&
    (await verifyUserHash(tenant.identitySecret, identity.userId, identity.userHash));
  const authorised = await isAuthorisedContact(db, tenant.id, contact.email);
  const flags: Flag[] = [];
  if (!verified) flags.push('unverified_contact');
  if (!authorised) flags.push('unauthorised_contact');
  return { verified, authorised, flags };
}
