import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { listOrganisations } from '../db/desks';
import { wibDate, wibMidnight } from '../desk/format';
import { deskLang } from '../desk/lang';
import { queueSearch } from '../desk/queue-views';
import { renderPage } from '../desk/render';
import { reportCsv } from '../desk/report-csv';
import { deskSession } from '../desk/session';
import { deskStrings } from '../desk/strings';
import { ReportPage } from '../desk/views/reports';
import { ApiError } from '../errors';
import { reportOrganisation, slaReport } from '../reports/sla-report';

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
  const [report, organisations] = await Promise.all([
    slaReport(db, { desk: c.var.desk, organisation, from: fromMs, to: toMs, now }),
    listOrganisations(db, c.var.desk.id),
  ]);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const breaches = report.breaches.map((b) => ({
    ...b,
    organisationName: (b.organisationId && names.get(b.organisationId)) || '—',
  }));
  return {
    query: { organisation: organisation?.slug, from, to },
    organisation,
    organisations,
    report,
    breaches,
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
      severities: r.report.severities,
      breaches: r.breaches,
      warnings: r.report.warnings,
      csvHref: `/desk/reports.csv${queueSearch(r.query)}`,
      here: u.pathname + u.search,
    }),
  );
});

deskReports.get('/reports.csv', async (c) => {
  const r = await reportFor(c);
  const csv = reportCsv(
    { organisation: r.organisation?.name ?? 'all', from: r.query.from, to: r.query.to },
    r.report.severities,
    r.breaches,
  );
  const name = `service-review-${r.query.organisation ?? 'all'}-${r.query.from}-${r.query.to}.csv`;
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
  });
});
