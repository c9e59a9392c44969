import { createRoute } from '@hono/zod-openapi';
import { AgentListSchema, OrganisationListSchema } from '../../shared/agent-schema';
import { coverageSummary } from '../coverage';
import { listAgents } from '../db/agents';
import { listOrganisationsWithOpenCounts } from '../db/desks';
import { agentAuth } from '../middleware/agent-auth';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** The desk as its agents see it: GET /v1/organisations and GET /v1/agents (bearer agent token). */
export const deskRoutes = createApi();

const security = [{ agentToken: [] as string[] }];

deskRoutes.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/v1/organisations',
    summary: 'The desk’s customer organisations, with coverage summary and open ticket counts',
    security,
    middleware: [agentAuth] as const,
    responses: {
      200: {
        description: 'Organisations',
        content: { 'application/json': { schema: OrganisationListSchema } },
      },
      ...errorResponses(401),
    },
  }),
  async (c) => {
    const rows = await listOrganisationsWithOpenCounts(c.var.db, c.var.desk.id);
    return c.json(
      {
        organisations: rows.map(({ organisation: o, openTickets }) => ({
          id: o.id,
          slug: o.slug,
          name: o.name,
          locale: o.locale,
          coverage: coverageSummary(o),
          successContact: o.successContactEmail
            ? { name: o.successContactName, email: o.successContactEmail }
            : null,
          openTickets,
        })),
      },
      200,
    );
  },
);

deskRoutes.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/v1/agents',
    summary: 'The desk’s active agents: who can be assigned',
    security,
    middleware: [agentAuth] as const,
    responses: {
      200: { description: 'Agents', content: { 'application/json': { schema: AgentListSchema } } },
      ...errorResponses(401),
    },
  }),
  async (c) => {
    const rows = await listAgents(c.var.db, c.var.desk.id);
    return c.json(
      { agents: rows.map((a) => ({ id: a.id, name: a.name, email: a.email, role: a.role, teams: a.teams })) },
      200,
    );
  },
);
