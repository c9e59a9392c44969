import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ServiceReviewQuerySchema,
  ServiceReviewSchema,
  SlaReportQuerySchema,
  SlaReportSchema,
} from '../../shared/agent-schema';
import { localYearsBetween } from '../../shared/calendar';
import { serviceReviewCsv } from '../../shared/service-review';
import { coverageWarnings } from '../../shared/targets';
import type { AppEnv } from '../app-env';
import { coverageOf } from '../coverage';
import { findOrganisation } from '../db/desks';
import { ApiError } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { assertReportRange, slaReport } from '../reports/sla-report';
import { buildServiceReview } from '../tickets/service-review';
import { iso } from '../tickets/view';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** GET /v1/reports/sla and /v1/reports/service-review (guide section 8, service reviews). */
export const reportRoutes = createApi();

/** [from, to) as epoch ms, or 400 `invalid_range` (the same rule as the console's review page). */
function rangeOf(q: { from: string; to: string }): { from: number; to: number } {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  assertReportRange(from, to);
  return { from, to };
}

/** A report's scope: the range, the desk, and the organisation when one is named (404 when unknown). */
async function reportScope(c: Context<AppEnv>, q: { from: string; to: string; organisation?: string }) {
  const { from, to } = rangeOf(q);
  const db = c.var.db;
  const desk = c.var.desk;
  const org = q.organisation ? await findOrganisation(db, desk.id, q.organisation) : undefined;
  if (q.organisation && !org) throw new ApiError(404, 'not_found', 'No such organisation.');
  return { from, to, db, desk, org, now: Date.now() };
}

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
    const { from, to, db, desk, org, now } = await reportScope(c, q);
    // One computation for the API and the console's review page (worker/reports/sla-report.ts).
    const report = await slaReport(db, { desk, organisation: org, from, to, now });
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

reportRoutes.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/service-review',
    summary:
      'Service review (guide section 8): per severity, first responses met and breached, times, pauses, escalations, and the list of breaches',
    description:
      'Tickets received in [from, to) (at most 400 days), their clocks replayed on the policy recorded at intake. First ' +
      'responses breached are counted by the severity at the breach, from the recorded breaches, so a later downgrade ' +
      'never hides one; `breaches` lists each (ticket number, subject, clock, severity and target at the breach, how ' +
      'many business minutes late). Tickets closed before anyone answered and before they were due are their own line, ' +
      'not breaches. `format=csv` answers text/csv (one long table: summary, closed_without_reply and breach rows) as a ' +
      'download.',
    security: [{ agentToken: [] }],
    middleware: [agentAuth] as const,
    request: { query: ServiceReviewQuerySchema },
    responses: {
      200: {
        description: 'The review (JSON, or CSV with `format=csv`)',
        content: {
          'application/json': { schema: ServiceReviewSchema },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { from, to, db, desk, org, now } = await reportScope(c, q);
    const review = await buildServiceReview(db, { desk, organisation: org, from, to, now });
    if (!review)
      throw new ApiError(400, 'range_too_large', 'Too many tickets in this range: choose a shorter one.');
    if (q.format === 'csv') {
      const name = `service-review-${org?.slug ?? desk.slug}-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      return c.body(serviceReviewCsv(review), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    const { coverage, warnings } = await coverageOf(db, org ?? desk, now);
    return c.json(
      {
        from: iso(from),
        to: iso(to),
        basis: 'received_at' as const,
        generatedAt: iso(now),
        organisation: org ? { id: org.id, slug: org.slug, name: org.name } : null,
        ...review,
        breaches: review.breaches.map((b) => ({ ...b, dueAt: iso(b.dueAt), breachedAt: iso(b.breachedAt) })),
        warnings: [
          ...warnings,
          ...coverageWarnings(coverage, localYearsBetween(coverage.calendar, from, to - 1)),
        ],
      },
      200,
    );
  },
);
