import type { Locale, Severity } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { formatDue } from '../../widget/format';

/** The demo tenant has the standard coverage (guide section 5) with the Indonesian holidays. */
const coverage = compileCoverage(STANDARD_COVERAGE);

/** When the rules say the first response is due for a ticket of `severity` created at `createdAt`. */
export const expectedDue = (severity: Severity, createdAt: number): number =>
  firstResponseDue(coverage, severity, createdAt).dueAt;

/**
 * How the widget may phrase the due time of a ticket created some time in [from, to]: the window
 * is the few seconds a browser step takes, so the due time falls in one of the ends' minutes.
 */
export function dueTextsBetween(severity: Severity, from: number, to: number, locale: Locale): string[] {
  const format = (at: number) =>
    formatDue(new Date(expectedDue(severity, at)).toISOString(), locale, 'Asia/Jakarta');
  return [...new Set([format(from), format(to)])];
}
