import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { findOrganisation } from '../db/desks';
import { verifyIdentityToken } from '../identity';
import { customerTicket } from '../tickets/conversation';
import { IDENTITY_HEADER } from '../widget-audience';

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

/** The request's verified identity token (`X-Kinobi-Identity`), with its organisation's id when it names one. */
export async function identityOf(c: Context<AppEnv>) {
  const identity = await verifyIdentityToken(c.var.desk.identitySecret, c.req.header(IDENTITY_HEADER));
  const organisationId = identity?.org
    ? (await findOrganisation(c.var.db, c.var.desk.id, identity.org))?.id
    : undefined;
  return { identity, organisationId };
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
