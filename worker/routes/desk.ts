import { createRoute } from '@hono/zod-openapi';
import { AgentListSchema, OrganisationListSchema } from '../../shared/agent-schema';
import { parseCoverage } from '../coverage';
import { listAgents } from '../db/agents';
import { listOrganisationsWithOpenCounts } from '../db/desks';
import type { Organisation } from '../db/schema';
import { agentAuth } from '../middleware/agent-auth';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** The desk as its agents see it: GET /v1/organisations and GET /v1/agents (bearer agent token). */
export const deskRoutes = createApi();

const security = [{ agentToken: [] as string[] }];

/** Per severity: the first-response target and whether its clock runs on a calendar of its own (e.g. 24x7). */
function coverageSummary(o: Organisation) {
  const { spec } = parseCoverage(o.coverage);
  return ([1, 2, 3, 4] as const).map((severity) => {
    const t = spec.targets[`${severity}`];
    return { severity, businessMinutes: t.businessMinutes, ownCalendar: t.calendar !== undefined };
  });
}

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
