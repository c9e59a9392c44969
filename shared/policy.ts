import type { CoverageSpec, SeverityMinutesSpec } from './calendar-schema';
import type { ClockTargets, SeverityMinutes } from './clock-timeline';
import type { Severity } from './schema';
import { type Coverage, SEVERITIES } from './targets';

/**
 * The targets in force when a ticket was received, as recorded on it (issue 10: "the policy in
 * force is recorded"): first-response minutes per severity (guide section 5 or the order form),
 * and the order form's next-response and resolution targets where it sets them. A later change of
 * the order form never moves them; the calendar (hours, holidays) still comes from the coverage.
 */
export type PolicyTargets = {
  firstResponse: Record<Severity, number>;
  nextResponse?: SeverityMinutes;
  resolution?: SeverityMinutes;
};

/** What a ticket records of the policy it is measured against. */
export type PolicyInForce = {
  /** The guide version (shared/guide.ts) in force at receipt; null before the first known version. */
  guideVersion: string | null;
  /** The order form's version (a content hash); null for tickets opened before issue 10. */
  coverageVersion: string | null;
  targets: PolicyTargets;
};

function severityMinutes(spec: SeverityMinutesSpec | undefined): SeverityMinutes | undefined {
  if (!spec) return undefined;
  const out: SeverityMinutes = {};
  for (const s of SEVERITIES) {
    const m = spec[`${s}`];
    if (m !== undefined) out[s] = m;
  }
  return out;
}

/** The targets an order form sets (first response for every severity, the others where given). */
export function policyTargetsOf(spec: CoverageSpec): PolicyTargets {
  const firstResponse = Object.fromEntries(
    SEVERITIES.map((s) => [s, spec.targets[`${s}`].businessMinutes]),
  ) as Record<Severity, number>;
  const nextResponse = severityMinutes(spec.nextResponse);
  const resolution = severityMinutes(spec.resolution);
  return {
    firstResponse,
    ...(nextResponse ? { nextResponse } : {}),
    ...(resolution ? { resolution } : {}),
  };
}

/** The next-response and resolution targets of a recorded policy, as shared/clocks.ts takes them. */
export function clockTargetsOf(p: PolicyTargets): ClockTargets {
  return {
    ...(p.nextResponse ? { nextResponse: p.nextResponse } : {}),
    ...(p.resolution ? { resolution: p.resolution } : {}),
  };
}

/**
 * The coverage with the recorded first-response minutes in place of today's: calendars stay those
 * of `cov` (so a holiday added later still counts), targets are those in force at receipt (a JSON
 * round trip makes the keys strings; property access by number reads them alike).
 */
export function coverageWithTargets(cov: Coverage, p: PolicyTargets | null): Coverage {
  if (!p) return cov;
  const target = (s: Severity) => ({
    ...cov.targets[s],
    businessMinutes: p.firstResponse[s] ?? cov.targets[s].businessMinutes,
  });
  return { ...cov, targets: { 1: target(1), 2: target(2), 3: target(3), 4: target(4) } };
}
