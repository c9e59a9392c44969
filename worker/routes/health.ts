import { createRoute, z } from '@hono/zod-openapi';
import { compileCalendar, localYear } from '../../shared/calendar';
import { holidayYearsCovered, INDONESIA_HOLIDAYS } from '../../shared/holidays/index';
import { provisionalYearsIn, provisionalYearWarning } from '../../shared/holidays/provisional';
import { STANDARD_CALENDAR } from '../../shared/targets';
import { loadHolidaySet } from '../coverage';
import { getDb } from '../db/client';
import { ALL_DATABASES } from '../db/databases';
import { pingDatabase } from '../db/holidays';
import { createApi } from '../validation';

/** Seconds a client should wait before asking again while D1 is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const HealthSchema = z.object({
  ok: z.boolean(),
  d1: z.enum(['ok', 'error']),
  /** Each database on its own (issue 15): the control database `DB` and every data database. */
  databases: z.record(z.string(), z.enum(['ok', 'error'])),
  holidayData: z.object({
    yearsCovered: z.array(z.number().int()),
    currentYear: z.number().int(),
    nextYear: z.number().int(),
    covered: z.boolean(),
    /** Of this and next year, those held only as provisional predictions (e.g. 2027 before its decree). */
    provisionalYears: z.array(z.number().int()),
  }),
  warnings: z.array(z.string()),
});

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['operations'],
  summary: 'D1 reachability and whether holiday data covers the current and next year',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'D1 unreachable (Retry-After)',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

// Years are counted in the standard calendar's zone (Asia/Jakarta), where the holidays apply.
const jakarta = compileCalendar(STANDARD_CALENDAR);

/** GET /v1/health: no key; reports D1 (a query on a migrated table) and holiday coverage. */
export const healthRoutes = createApi().openapi(route, async (c) => {
  const now = Date.now();
  const db = getDb(c.env.DB);
  let set = INDONESIA_HOLIDAYS;
  const databases: Record<string, 'ok' | 'error'> = {};
  await Promise.all(
    ALL_DATABASES.map(async (name) => {
      try {
        await pingDatabase(getDb(c.env[name]));
        databases[name] = 'ok';
      } catch (err) {
        console.error(`health: D1 ${name} unreachable`, err);
        databases[name] = 'error';
      }
    }),
  );
  try {
    set = (await loadHolidaySet(db, now)).set;
  } catch (err) {
    console.error('health: holiday data unreadable', err);
    databases.DB = 'error';
  }
  const d1: 'ok' | 'error' = Object.values(databases).includes('error') ? 'error' : 'ok';
  const currentYear = localYear(jakarta, now);
  const nextYear = currentYear + 1;
  const years = holidayYearsCovered(set);
  const missing = [currentYear, nextYear].filter((y) => !years.includes(y));
  const provisional = provisionalYearsIn(set, [currentYear, nextYear]);
  const body = {
    ok: d1 === 'ok',
    d1,
    databases,
    holidayData: {
      yearsCovered: years,
      currentYear,
      nextYear,
      covered: missing.length === 0,
      provisionalYears: provisional,
    },
    warnings: [
      ...(d1 === 'error' ? ['D1 is unreachable'] : []),
      ...missing.map((y) => `no holiday data for ${y}: add the year's national holidays and cuti bersama`),
      ...provisional.map((y) => provisionalYearWarning(y)),
    ],
  };
  if (d1 === 'error') {
    c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    return c.json(body, 503);
  }
  return c.json(body, 200);
});
