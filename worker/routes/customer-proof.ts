import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { customerTicket } from '../tickets/conversation';
import { IDENTITY_HEADER, identityFromHeader, resolveAudience } from '../widget-audience';

/** The headers a customer proves a ticket with (customersTicket), for a route's OpenAPI request. */
export const CustomerProofHeaders = z.object({
  'x-ticket-token': z
    .string()
    .max(512)
    .optional()
    .openapi({ description: 'Customers: the ticket’s accessToken' }),
  'x-kinobi-identity': z
    .string()
    .max(4096)
    .optional()
    .openapi({ description: 'Customers: the identity token of the ticket’s user' }),
});

/**
 * The request's verified identity token (`X-Kinobi-Identity`) and the organisation it resolves to, as at
 * intake (widget-audience.ts resolveAudience): a widget key bound to an organisation decides it (a token
 * for another organisation is not trusted), else the token's `org`, else none. A legacy userHash names
 * no tickets, so only a token counts.
 */
export async function identityOf(c: Context<AppEnv>) {
  const { identity, organisation } = await resolveAudience(
    c.var.db,
    c.var.desk,
    c.var.keyOrganisation,
    identityFromHeader(c.req.header(IDENTITY_HEADER)),
  );
  const token = identity?.via === 'identity_token' ? identity : null;
  return { identity: token, organisationId: token ? (organisation?.id ?? null) : null };
}

/**
 * The ticket a customer proves with `X-Ticket-Token` (the device that sent it) or with a verified identity
 * token naming its user (any device); anything else is the 404 of a ticket that does not exist.
 */
export async function customersTicket(c: Context<AppEnv>, ticketId: string) {
  const { identity, organisationId } = await identityOf(c);
  return customerTicket(c.var.db, c.var.desk.id, ticketId, {
    ticketToken: c.req.header('X-Ticket-Token'),
    identity,
    identityOrganisationId: organisationId,
  });
}
