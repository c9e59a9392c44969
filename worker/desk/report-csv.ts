import type { Breach } from '../reports/sla-report';

/** One severity's row of the SLA report. */
export type SeverityRow = {
  severity: number;
  targetBusinessMinutes: number;
  tickets: number;
  firstResponses: { met: number; breached: number };
  pending: number;
  pendingBreached: number;
  businessMinutesToFirstResponse: { median: number | null; p90: number | null };
};

/** Share of first responses on time, counting overdue unanswered tickets as missed; null without any. */
export function attainment(r: SeverityRow): number | null {
  const counted = r.firstResponses.met + r.firstResponses.breached + r.pendingBreached;
  return counted === 0 ? null : r.firstResponses.met / counted;
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; a leading formula character is defused so a spreadsheet never evaluates it.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const line = (cells: unknown[]) => cells.map(cell).join(',');

/** The service review as CSV: one row per severity, then the breach list. */
export function reportCsv(
  meta: { organisation: string; from: string; to: string },
  severities: SeverityRow[],
  breaches: (Breach & { organisationName: string })[],
): string {
  const lines = [
    line(['organisation', 'from', 'to']),
    line([meta.organisation, meta.from, meta.to]),
    '',
    line([
      'severity',
      'target_business_minutes',
      'tickets',
      'met',
      'breached',
      'pending',
      'pending_breached',
      'attainment',
      'median_business_minutes',
      'p90_business_minutes',
    ]),
    ...severities.map((r) => {
      const a = attainment(r);
      return line([
        r.severity,
        r.targetBusinessMinutes,
        r.tickets,
        r.firstResponses.met,
        r.firstResponses.breached,
        r.pending,
        r.pendingBreached,
        a === null ? '' : a.toFixed(4),
        round1(r.businessMinutesToFirstResponse.median),
        round1(r.businessMinutesToFirstResponse.p90),
      ]);
    }),
    '',
    line([
      'breach_ticket_number',
      'subject',
      'organisation',
      'severity',
      'first_response_due_at',
      'first_response_at',
    ]),
    ...breaches.map((b) =>
      line([
        b.number,
        b.subject,
        b.organisationName,
        b.severity,
        new Date(b.firstResponseDueAt).toISOString(),
        b.firstResponseAt === null ? '' : new Date(b.firstResponseAt).toISOString(),
      ]),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
