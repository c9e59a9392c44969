import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { localYearsBetween } from '../../shared/calendar';
import { serviceReviewCsv } from '../../shared/service-review';
import { coverageWarnings } from '../../shared/targets';
import type { AppEnv } from '../app-env';
import { coverageOf } from '../coverage';
import { listOrganisations } from '../db/desks';
import { wibDate, wibMidnight } from '../desk/format';
import { deskLang } from '../desk/lang';
import { queueSearch } from '../desk/queue-views';
import { renderPage } from '../desk/render';
import { deskSession } from '../desk/session';
import { deskStrings } from '../desk/strings';
import { ReportPage } from '../desk/views/reports';
import { ApiError } from '../errors';
import { reportOrganisation } from '../reports/sla-report';
import { buildServiceReview } from '../tickets/service-review';

/** The service review (guide section 8): GET /desk/reports and its CSV (session required). */
export const deskReports = new Hono<AppEnv>();

deskReports.use('/reports', deskSession);
deskReports.use('/reports.csv', deskSession);

const DAY = 86_400_000;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ReportQuery = z.object({
  organisation: z.string().min(1).max(100).optional().catch(undefined),
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
});

/** The period and organisation asked for; by default the last 30 days up to and including today (WIB). */
async function reportFor(c: Context<AppEnv>) {
  const q = ReportQuery.parse(c.req.query());
  const now = Date.now();
  const to = q.to ?? wibDate(now + DAY);
  const from = q.from ?? wibDate(now - 29 * DAY);
  const [fromMs, toMs] = [wibMidnight(from), wibMidnight(to)];
  if (Number.isNaN(fromMs) || Number.isNaN(toMs))
    throw new ApiError(400, 'invalid_range', 'Dates are YYYY-MM-DD.');
  const db = c.var.db;
  const organisation = await reportOrganisation(db, c.var.desk.id, q.organisation);
  // The same review as GET /v1/reports/service-review: replayed clocks and the append-only breach record.
  const [review, organisations, { coverage, warnings }] = await Promise.all([
    buildServiceReview(db, { desk: c.var.desk, organisation, from: fromMs, to: toMs, now }),
    listOrganisations(db, c.var.desk.id),
    coverageOf(db, organisation ?? c.var.desk, now),
  ]);
  if (!review)
    throw new ApiError(400, 'range_too_large', 'Too many tickets in this range: choose a shorter one.');
  return {
    query: { organisation: organisation?.slug, from, to },
    organisation,
    organisations,
    review,
    warnings: [
      ...warnings,
      ...coverageWarnings(coverage, localYearsBetween(coverage.calendar, fromMs, toMs - 1)),
    ],
  };
}

deskReports.get('/reports', async (c) => {
  const lang = deskLang(c);
  const r = await reportFor(c);
  const u = new URL(c.req.url);
  return renderPage(
    c,
    ReportPage({
      s: deskStrings(lang),
      lang,
      agent: c.var.agent,
      organisations: r.organisations,
      query: r.query,
      severities: r.review.severities,
      breaches: r.review.breaches,
      closedWithoutReply: r.review.closedWithoutReply,
      warnings: r.warnings,
      csvHref: `/desk/reports.csv${queueSearch(r.query)}`,
      here: u.pathname + u.search,
    }),
  );
});

deskReports.get('/reports.csv', async (c) => {
  const r = await reportFor(c);
  const name = `service-review-${r.query.organisation ?? 'all'}-${r.query.from}-${r.query.to}.csv`;
  return c.body(serviceReviewCsv(r.review), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
  });
});
