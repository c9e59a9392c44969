import type { TicketCreate } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import { CUSTOMER } from '../db/events';
import type { Ticket } from '../db/schema';
import { newReplyToken } from '../email/route';
import type { IdempotencyHashes } from '../idempotency';
import { hmacSha256Hex, sha256Hex } from '../tokens';
import type { Audience } from '../widget-audience';
import type { Assessment } from './assessment';
import type { OpenRequest } from './open';

/**
 * The customer's access token is derived, not stored: HMAC of the ticket id and its random reply token
 * under the raw Idempotency-Key, which is itself stored only hashed. A replay (the same key) re-derives
 * the same token; nobody who can read the database can.
 */
export function accessTokenFor(
  idempotencyKey: string,
  t: Pick<Ticket, 'id' | 'replyToken'>,
): Promise<string> {
  return hmacSha256Hex(idempotencyKey, `kinobi-access-token:${t.id}:${t.replyToken}`);
}

/**
 * The widget channel: a POST /v1/tickets body, who the host page says the user is, and the rules'
 * assessment, adapted into the one intake's request. A contact is verified only as far as something
 * signed it: with an identity token, name and email come from its claims; with the legacy userHash only
 * the user id is verified and a typed email stays `unverified_contact` (and is never checked against
 * the authorised contacts, so a typed address cannot borrow someone's authorisation).
 */
export async function widgetOpenRequest(i: {
  body: TicketCreate;
  audience: Audience;
  coverage: Coverage;
  assessment: Assessment;
  idempotencyKey: string;
  hashes: IdempotencyHashes;
  now: number;
}): Promise<{ request: OpenRequest; accessToken: string }> {
  const { body, audience } = i;
  const id = crypto.randomUUID();
  const replyToken = newReplyToken();
  const accessToken = await accessTokenFor(i.idempotencyKey, { id, replyToken });
  const identity = audience.identity;
  const signedEmail = identity?.email;
  const request: OpenRequest = {
    desk: audience.desk,
    organisation: audience.organisation,
    coverage: i.coverage,
    channel: 'widget',
    content: { ...body, impact: body.impact ?? null },
    assessment: i.assessment,
    personalData: body.personalData,
    contact: {
      name: identity?.name ?? body.contact.name,
      email: signedEmail ?? body.contact.email,
      verified: signedEmail !== undefined,
      checkAuthorised: signedEmail !== undefined,
    },
    userId: identity?.userId ?? null,
    environment: body.environment,
    context: body.context,
    locale: body.locale,
    receivedAt: i.now,
    now: i.now,
    by: CUSTOMER,
    createdData: identity ? { identity: identity.via } : {},
    idempotency: i.hashes,
    accessTokenHash: await sha256Hex(accessToken),
    id,
    replyToken,
  };
  return { request, accessToken };
}
