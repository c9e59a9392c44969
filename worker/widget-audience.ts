import type { Identity } from '../shared/schema';
import type { Db } from './db/client';
import { findOrganisation } from './db/desks';
import type { Desk, Organisation } from './db/schema';
import { type VerifiedIdentity, verifyIdentity } from './identity';

/** Who a widget request comes from: the desk, the organisation (when something vouches for it), the user. */
export interface Audience {
  desk: Desk;
  organisation: Organisation | null;
  identity: VerifiedIdentity | null;
}

/**
 * Which organisation a widget user belongs to. A widget key bound to an organisation (a customer's own
 * deployment) decides it; otherwise only a valid identity token's `org` claim does, so an unsigned claim
 * never unlocks another organisation's coverage. A token for another organisation than the key's is not
 * trusted at all. Without either: no organisation (the desk's standard coverage, `organisation_unverified`).
 */
export async function resolveAudience(
  db: Db,
  desk: Desk,
  keyOrganisation: Organisation | null,
  identity: Identity | undefined,
): Promise<Audience> {
  const verified = await verifyIdentity(desk.identitySecret, identity);
  if (keyOrganisation) {
    const trusted = verified && (!verified.org || verified.org === keyOrganisation.slug) ? verified : null;
    return { desk, organisation: keyOrganisation, identity: trusted };
  }
  const organisation = verified?.org ? ((await findOrganisation(db, desk.id, verified.org)) ?? null) : null;
  return { desk, organisation, identity: verified };
}

/** The identity a GET widget route carries in `X-Kinobi-Identity` (the token alone). */
export const IDENTITY_HEADER = 'X-Kinobi-Identity';

/** The header's token as an identity, or undefined. */
export function identityFromHeader(value: string | undefined): Identity | undefined {
  return value ? { token: value } : undefined;
}
