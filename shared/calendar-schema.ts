import { z } from 'zod';

/** Local wall-clock time 'HH:MM'; '24:00' is allowed as the end of a day. */
export const LocalTimeSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM between 00:00 and 24:00');

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const IsoWeekdaySchema = z.literal([1, 2, 3, 4, 5, 6, 7]);

/** A weekly business window, half-open [start, end) in the calendar's local time. */
export const BusinessWindowSchema = z
  .strictObject({
    days: z.array(IsoWeekdaySchema).min(1).max(7),
    start: LocalTimeSchema,
    end: LocalTimeSchema,
  })
  .refine((w) => w.start < w.end, { message: 'window start must be before its end', path: ['end'] });

/** True when the runtime's Intl knows the IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A business calendar: time zone, weekly windows, and which days are closed. */
export const CalendarSpecSchema = z.strictObject({
  timeZone: z.string().max(64).default('Asia/Jakarta').refine(isKnownTimeZone, 'unknown IANA time zone'),
  windows: z.array(BusinessWindowSchema).min(1).max(32),
  holidays: z.enum(['id', 'none']).default('id'),
  closeCollectiveLeave: z.boolean().optional(),
  closedDates: z.array(z.iso.date()).max(1000).optional(),
});
export type CalendarSpec = z.infer<typeof CalendarSpecSchema>;

/** One severity's target: business minutes to first response, optionally on its own calendar. */
export const SeverityTargetSchema = z.strictObject({
  businessMinutes: z.number().int().min(1).max(525_600),
  calendar: CalendarSpecSchema.optional(),
});
export type SeverityTarget = z.infer<typeof SeverityTargetSchema>;

const minutes = z.number().int().min(1).max(525_600);

/** Business minutes per severity, each optional: a severity without one is measured but cannot breach. */
export const SeverityMinutesSchema = z.strictObject({
  '1': minutes.optional(),
  '2': minutes.optional(),
  '3': minutes.optional(),
  '4': minutes.optional(),
});
export type SeverityMinutesSpec = z.infer<typeof SeverityMinutesSchema>;

/**
 * A tenant's order form: coverage is data, not code. `nextResponse` and `resolution` are optional
 * order-form targets beyond the guide's first response (issue 10): without `nextResponse` no
 * next-response clock runs; without `resolution` the resolution clock only measures.
 */
export const CoverageSpecSchema = z.strictObject({
  calendar: CalendarSpecSchema,
  targets: z.strictObject({
    '1': SeverityTargetSchema,
    '2': SeverityTargetSchema,
    '3': SeverityTargetSchema,
    '4': SeverityTargetSchema,
  }),
  nextResponse: SeverityMinutesSchema.optional(),
  resolution: SeverityMinutesSchema.optional(),
});
export type CoverageSpec = z.infer<typeof CoverageSpecSchema>;

const HolidaySchema = z.strictObject({ date: z.iso.date(), name: z.string().trim().min(1).max(200) });

/** One year of holiday data as an admin may upload it (e.g. the 2027 decree). */
export const HolidayYearSchema = z.strictObject({
  national: z.array(HolidaySchema).max(100),
  collectiveLeave: z.array(HolidaySchema).max(100),
  source: z.string().max(1000).optional(),
  notes: z.string().max(2000).optional(),
});
