import { localYearsBetween } from '../../shared/calendar';
import type { TicketCreate } from '../../shared/schema';
import { type Coverage, coverageWarnings } from '../../shared/targets';
import { coverageOf } from '../coverage';
import type { Db } from '../db/client';
import type { Desk, Organisation } from '../db/schema';
import { idempotencyHashes } from '../idempotency';
import { type Audience, resolveAudience } from '../widget-audience';
import { type Assessment, assessRequest } from './assessment';
import { type Opened, openTicket } from './open';
import { accessTokenFor, widgetOpenRequest } from './widget';

/** Warnings for missing holiday data in the years the clock runs through. */
export const holidayWarnings = (coverage: Coverage, from: number, to: number): string[] =>
  coverageWarnings(coverage, localYearsBetween(coverage.calendar, from, to));

/** What a widget submission opened (or found again for a retried key), with what an answer shows. */
export interface WidgetIntake {
  opened: Opened;
  /** The customer's access token (re-derived for a replay). */
  accessToken: string;
  audience: Audience;
  coverage: Coverage;
  assessment: Assessment;
  /** Coverage, rule and holiday-data warnings, in that order. */
  warnings: string[];
}

/**
 * The widget channel end to end, for every way a widget user reaches the desk (the JSON intake and
 * the no-JavaScript form): audience from the key and identity, coverage, the guide's assessment,
 * then the one intake core with the request's idempotency hashes. A retry with the same key and body
 * is a replay; another body throws 409 `idempotency_conflict`.
 */
export async function openWidgetTicket(
  db: Db,
  i: {
    desk: Desk;
    keyOrganisation: Organisation | null;
    body: TicketCreate;
    idempotencyKey: string;
    now: number;
    /** Wraps the write (the JSON route times it for Server-Timing). */
    time?: <T>(work: Promise<T>) => Promise<T>;
  },
): Promise<WidgetIntake> {
  const { body, idempotencyKey: key, now, time = (work) => work } = i;
  const [hashes, audience] = await Promise.all([
    idempotencyHashes(key, body),
    // No D1 round trip unless a token names an organisation: the identity check itself is local (HMAC).
    resolveAudience(db, i.desk, i.keyOrganisation, body.identity),
  ]);
  const { coverage, warnings } = await coverageOf(db, audience.organisation ?? audience.desk, now);
  const assessment = assessRequest(body);
  const { request, accessToken } = await widgetOpenRequest({
    body,
    audience,
    coverage,
    assessment,
    idempotencyKey: key,
    hashes,
    now,
  });
  const opened = await time(openTicket(db, request));
  const t = opened.ticket;
  const from = opened.replayed ? t.createdAt : now;
  return {
    opened,
    accessToken: opened.replayed ? await accessTokenFor(key, opened.ticket) : accessToken,
    audience,
    coverage,
    assessment,
    warnings: [...warnings, ...assessment.warnings, ...holidayWarnings(coverage, from, t.firstResponseDueAt)],
  };
}
