import { evaluateEnvironment } from '../../shared/environment';
import { environmentMessage } from '../../shared/environment-messages';
import type { Flag, Severity, TicketCreate } from '../../shared/schema';

/** What the rules read from a request, whatever channel brought it (agent-logged ones carry no browser report). */
export type AssessmentInput = Pick<TicketCreate, 'category' | 'impact' | 'servicesKind' | 'thirdParty'> &
  Partial<Pick<TicketCreate, 'context' | 'environment'>>;

import { classifyScope } from '../../shared/scope';
import { classifySeverity } from '../../shared/severity';

/** What the guide's rules say about a widget request, before identity and due time are known. */
export interface Assessment {
  severity: Severity;
  severityRule: string;
  flags: Flag[];
  inScope: boolean;
  /** Plain-English reasons for the flags and environment findings, returned to the widget. */
  warnings: string[];
}

/** Applies severity (section 4), environment (section 10) and scope (sections 1, 9, 10) to a request. */
export function assessRequest(body: AssessmentInput): Assessment {
  const sev = classifySeverity({ category: body.category, impact: body.impact });
  // No browser report (a phone call): nothing to judge the environment by, so nothing is flagged.
  const env = body.environment ? evaluateEnvironment(body.environment) : { supported: true, reasons: [] };
  const scope = classifyScope({
    category: body.category,
    servicesKind: body.servicesKind,
    thirdParty: body.thirdParty,
    context: body.context ?? {},
    environmentSupported: env.supported,
  });
  return {
    severity: sev.severity,
    severityRule: sev.rule,
    flags: uniqueFlags([...sev.flags, ...scope.flags]),
    inScope: scope.inScope,
    warnings: [...scope.reasons, ...env.reasons.map(environmentMessage)],
  };
}

/** Flags in first-seen order, each once. */
export function uniqueFlags(flags: Flag[]): Flag[] {
  return [...new Set(flags)];
}

/** JSON with object keys sorted at every level: the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
