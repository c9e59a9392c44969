import { createRoute } from '@hono/zod-openapi';
import { SlaReportQuerySchema, SlaReportSchema } from '../../shared/agent-schema';
import { agentAuth } from '../middleware/agent-auth';
import { assertReportRange, reportOrganisation, slaReport } from '../reports/sla-report';
import { iso } from '../tickets/view';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** GET /v1/reports/sla (guide section 8, service reviews). */
export const reportRoutes = createApi();

reportRoutes.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/sla',
    summary: 'First-response SLA per severity for tickets created in [from, to)',
    description:
      'The range filters on ticket creation time (created_at), half-open [from, to), at most 400 days. Business ' +
      'minutes to first response are measured on each organisation’s current coverage calendars (the desk’s standard ' +
      'coverage for requests without a verified organisation). `organisation=` (slug or id) limits it to one.',
    security: [{ agentToken: [] }],
    middleware: [agentAuth] as const,
    request: { query: SlaReportQuerySchema },
    responses: {
      200: { description: 'The report', content: { 'application/json': { schema: SlaReportSchema } } },
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const db = c.var.db;
    const desk = c.var.desk;
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    assertReportRange(from, to);
    const organisation = await reportOrganisation(db, desk.id, q.organisation);
    const report = await slaReport(db, { desk, organisation, from, to, now: Date.now() });
    return c.json(
      {
        from: iso(from),
        to: iso(to),
        basis: 'created_at' as const,
        severities: report.severities,
        warnings: report.warnings,
      },
      200,
    );
  },
);
