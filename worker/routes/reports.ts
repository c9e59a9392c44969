import { createRoute } from '@hono/zod-openapi';
import { SlaReportQuerySchema, SlaReportSchema } from '../../shared/agent-schema';
import { localYearsBetween } from '../../shared/calendar';
import type { Severity } from '../../shared/schema';
import { businessMinutesToFirstResponse, summarizeMinutes } from '../../shared/sla';
import { coverageWarnings, SEVERITIES } from '../../shared/targets';
import { type CompiledCoverage, coverageOf } from '../coverage';
import { findOrganisation } from '../db/desks';
import { ticketsForSlaReport } from '../db/reports';
import { ApiError } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { iso } from '../tickets/view';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** GET /v1/reports/sla (guide section 8, service reviews). */
export const reportRoutes = createApi();

const MAX_RANGE_MS = 400 * 86_400_000;

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
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (!(from < to) || to - from > MAX_RANGE_MS) {
      throw new ApiError(400, 'invalid_range', '`from` must be before `to`, at most 400 days apart.');
    }
    const db = c.var.db;
    const now = Date.now();
    const desk = c.var.desk;
    const org = q.organisation ? await findOrganisation(db, desk.id, q.organisation) : undefined;
    if (q.organisation && !org) throw new ApiError(404, 'not_found', 'No such organisation.');
    const { coverage, warnings } = await coverageOf(db, org ?? desk, now);
    // Range filters on created_at: a ticket belongs to the period it was opened in.
    const rows = await ticketsForSlaReport(db, desk.id, from, to, org ? [org.id] : undefined);
    // Each ticket is measured on the coverage of its own organisation.
    const coverages = new Map<string | null, CompiledCoverage['coverage']>([[org?.id ?? null, coverage]]);
    const coverageFor = async (organisationId: string | null) => {
      const hit = coverages.get(organisationId);
      if (hit) return hit;
      const holder = organisationId ? await findOrganisation(db, desk.id, organisationId) : undefined;
      const cov = (await coverageOf(db, holder ?? desk, now)).coverage;
      coverages.set(organisationId, cov);
      return cov;
    };
    for (const r of rows) await coverageFor(r.organisationId);
    const severities = SEVERITIES.map((severity) => {
      const mine = rows.filter((r) => r.severity === severity);
      const minutes: number[] = [];
      let met = 0;
      let breached = 0;
      let pendingBreached = 0;
      for (const r of mine) {
        const m = businessMinutesToFirstResponse(coverages.get(r.organisationId) ?? coverage, {
          severity: r.severity as Severity,
          createdAt: r.receivedAt,
          firstResponseAt: r.firstResponseAt,
        });
        if (m === null) {
          if (r.firstResponseDueAt <= now) pendingBreached++;
          continue;
        }
        minutes.push(m);
        if ((r.firstResponseAt as number) <= r.firstResponseDueAt) met++;
        else breached++;
      }
      const { median, p90 } = summarizeMinutes(minutes);
      return {
        severity,
        targetBusinessMinutes: coverage.targets[severity].businessMinutes,
        tickets: mine.length,
        firstResponses: { met, breached },
        pending: mine.length - minutes.length,
        pendingBreached,
        businessMinutesToFirstResponse: { median, p90 },
      };
    });
    const years = localYearsBetween(coverage.calendar, from, to - 1);
    return c.json(
      {
        from: iso(from),
        to: iso(to),
        basis: 'created_at' as const,
        severities,
        warnings: [...warnings, ...coverageWarnings(coverage, years)],
      },
      200,
    );
  },
);
