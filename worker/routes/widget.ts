import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { POLICY_SUMMARY } from '../../shared/browser-policy';
import { type Calendar, isOpen, localYearsBetween, nextOpening } from '../../shared/calendar';
import { userAgentVerdict } from '../../shared/environment';
import {
  AffectedSchema,
  ResponseTargetsSchema,
  type Severity,
  WidgetConfigSchema,
  WorkaroundSchema,
} from '../../shared/schema';
import { SEVERITY_TABLE } from '../../shared/severity';
import { type Coverage, coverageWarnings, responseTargets, SEVERITIES } from '../../shared/targets';
import { timeTexts } from '../../widget/format';
import { hoursTexts } from '../../widget/hours';
import type { AppEnv } from '../app-env';
import { coverageOf } from '../coverage';
import { ApiError } from '../errors';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { createApi } from '../validation';
import { IDENTITY_HEADER, identityFromHeader, resolveAudience } from '../widget-audience';
import { errorResponses, widgetKeySecurity } from './openapi-parts';

const middleware = [rateLimit('RL_READ'), widgetKey, widgetCors, originGuard, enforceRateLimit];
const IdentityHeaders = z.object({
  'x-kinobi-identity': z
    .string()
    .max(4096)
    .optional()
    .openapi({ description: 'The identity token of `KinobiSupport.identify({ token })`' }),
});

/** The audience of a GET widget route and its coverage (the organisation's, else the desk's standard). */
async function audienceCoverage(c: Context<AppEnv>, now: number) {
  const audience = await resolveAudience(
    c.var.db,
    c.var.desk,
    c.var.keyOrganisation,
    identityFromHeader(c.req.header(IDENTITY_HEADER)),
  );
  return { audience, ...(await coverageOf(c.var.db, audience.organisation ?? audience.desk, now)) };
}
const iso = (ms: number) => new Date(ms).toISOString();
/**
 * `?tz=`: the user's IANA zone, which the worded times (`nextOpenText`, `dueText`) are in. A zone this
 * runtime's Intl does not know (a browser's newer or odd zone name) is worded in WIB, which the text
 * names ("11.00 WIB"), instead of failing the widget's config and targets: the user still reads a
 * correct time. Only a value no zone name can be (over 64 characters) is refused.
 */
const TzQuery = z.string().max(64).optional().openapi({
  description:
    'The user’s IANA time zone (the widget sends its browser’s); the `…Text` times are worded in it. Default, and for a zone the server does not know: Asia/Jakarta (WIB).',
});
/** A calendar's instant worded for the user in `tz` (WIB when absent or unknown), beside the calendar's own zone. */
const wordedAt = (ms: number, tz: string | undefined, cal: Calendar) =>
  timeTexts(iso(ms), tz, cal.spec.timeZone);
/** `?at=` further than this from now is refused: targets there mean nothing and walks get long. */
const MAX_AT_DISTANCE_MS = 5 * 366 * 24 * 3600_000;

const configRoute = createRoute({
  method: 'get',
  path: '/v1/widget/config',
  tags: ['widget'],
  summary:
    'Organisation (or desk) name, support hours, open now, severity questions, the browser policy and its verdict on the caller',
  description:
    'With `X-Kinobi-Identity: <identity token>` the hours and targets are the organisation’s own (its order form); ' +
    'without a valid token, the desk’s standard coverage.',
  security: widgetKeySecurity,
  middleware,
  request: { headers: IdentityHeaders, query: z.object({ tz: TzQuery }) },
  responses: {
    200: {
      description: 'Widget configuration',
      content: { 'application/json': { schema: WidgetConfigSchema } },
    },
    ...errorResponses(401, 403, 429, 503),
  },
});

const targetsRoute = createRoute({
  method: 'get',
  path: '/v1/response-targets',
  tags: ['widget'],
  summary: 'When a first response would be due for each severity, for a request made at `at`',
  security: widgetKeySecurity,
  middleware,
  request: {
    headers: IdentityHeaders,
    query: z.object({
      at: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ description: 'ISO 8601 instant; default now' }),
      tz: TzQuery,
    }),
  },
  responses: {
    200: {
      description: 'Targets, severity 1 first',
      content: { 'application/json': { schema: ResponseTargetsSchema } },
    },
    ...errorResponses(400, 401, 403, 429, 503),
  },
});

/** Warnings for years without holiday data that the four clocks, started at `at`, run through. */
function holidayWarnings(coverage: Coverage, at: number, targets: { dueAt: number }[]): string[] {
  const until = Math.max(at, ...targets.map((t) => t.dueAt));
  return coverageWarnings(coverage, localYearsBetween(coverage.calendar, at, until));
}

const severityMatrix = Object.fromEntries(
  Object.entries(SEVERITY_TABLE).map(([a, row]) => [
    a,
    Object.fromEntries(Object.entries(row).map(([w, cell]) => [w, cell.severity])),
  ]),
) as Record<z.infer<typeof AffectedSchema>, Record<z.infer<typeof WorkaroundSchema>, Severity>>;

/** A calendar's hours in the wire shape the widget formats. */
const hoursOf = ({ spec }: Calendar) => ({
  timeZone: spec.timeZone,
  windows: spec.windows,
  holidays: spec.holidays,
  closeCollectiveLeave: spec.closeCollectiveLeave ?? false,
});

/**
 * Severities whose clock runs on a calendar other than the default (e.g. severity 1 covered 24x7),
 * with their hours and open state at `now`; a severity whose own calendar equals the default is left
 * out, so the widget keeps one hours line for it. Undefined when there are none.
 */
function coverageOverrides(coverage: Coverage, now: number, tz: string | undefined) {
  // closeCollectiveLeave absent and false are the same calendar
  const key = (cal: Calendar) => JSON.stringify([hoursOf(cal), cal.spec.closedDates ?? []]);
  const base = key(coverage.calendar);
  const list = SEVERITIES.filter((s) => {
    const t = coverage.targets[s];
    return t.override && key(t.calendar) !== base;
  }).map((severity) => {
    const cal = coverage.targets[severity].calendar;
    return {
      severity,
      hours: hoursOf(cal),
      hoursText: hoursTexts(hoursOf(cal), new Date(now), severity),
      open: isOpen(cal, now),
      nextOpenAt: iso(nextOpening(cal, now)),
      nextOpenText: wordedAt(nextOpening(cal, now), tz, cal),
    };
  });
  return list.length ? list : undefined;
}

/** GET /v1/widget/config and GET /v1/response-targets (widget key, the key's origins only). */
export const widgetRoutes = createApi()
  .openapi(configRoute, async (c) => {
    const now = Date.now();
    const { tz } = c.req.valid('query');
    const { audience, coverage, warnings } = await audienceCoverage(c, now);
    const { desk, organisation } = audience;
    const cal = coverage.calendar;
    const greeter = organisation ?? desk;
    return c.json(
      {
        tenant: { name: greeter.name, locale: greeter.locale },
        desk: { name: desk.name },
        organisation: organisation
          ? { slug: organisation.slug, name: organisation.name, locale: organisation.locale }
          : null,
        hours: hoursOf(cal),
        hoursText: hoursTexts(hoursOf(cal), new Date(now)),
        open: isOpen(cal, now),
        nextOpenAt: iso(nextOpening(cal, now)),
        nextOpenText: wordedAt(nextOpening(cal, now), tz, cal),
        coverage: coverageOverrides(coverage, now, tz),
        severityQuestions: {
          affected: AffectedSchema.options,
          workaround: WorkaroundSchema.options,
          severity: severityMatrix,
        },
        browserPolicy: POLICY_SUMMARY,
        environment: userAgentVerdict(c.req.header('User-Agent')),
        warnings: [...warnings, ...holidayWarnings(coverage, now, responseTargets(coverage, now))],
      },
      200,
    );
  })
  .openapi(targetsRoute, async (c) => {
    const now = Date.now();
    const { at: q, tz } = c.req.valid('query');
    const at = q === undefined ? now : Date.parse(q);
    if (Math.abs(at - now) > MAX_AT_DISTANCE_MS) {
      throw new ApiError(400, 'validation_failed', 'The request is not valid.', [
        { path: 'at', code: 'custom', message: 'must be within 5 years of now' },
      ]);
    }
    const { coverage, warnings } = await audienceCoverage(c, now);
    const targets = responseTargets(coverage, at);
    return c.json(
      {
        at: iso(at),
        open: isOpen(coverage.calendar, at),
        nextOpenAt: iso(nextOpening(coverage.calendar, at)),
        nextOpenText: wordedAt(nextOpening(coverage.calendar, at), tz, coverage.calendar),
        targets: targets.map((t) => ({
          ...t,
          clockStartsAt: iso(t.clockStartsAt),
          dueAt: iso(t.dueAt),
          // on the severity's own calendar (24x7 severity 1 beside a 09–18 WIB desk)
          dueText: wordedAt(t.dueAt, tz, coverage.targets[t.severity].calendar),
        })),
        warnings: [...warnings, ...holidayWarnings(coverage, at, targets)],
      },
      200,
    );
  });
