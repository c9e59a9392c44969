import type { Category, Flag, HostContext, ServicesKind } from './schema';

/**
 * Guide sections 1, 9 and 10: what standard support covers. Decisions:
 * - Professional services and every section-10 exclusion set `inScope: false`: the guide says
 *   support "does not cover" them, and agents should see that at a glance.
 * - A security incident stays in scope whatever else is flagged: section 11 makes reporting it an
 *   obligation handled under the data processing addendum, not something support may decline.
 * - Flags never drop a request: every condition that holds adds its flag and a reason, in a fixed
 *   order, and the caller stores the ticket regardless.
 */

/** The scope facts a request carries (all optional except the category). */
export interface ScopeInput {
  category: Category;
  servicesKind?: ServicesKind;
  thirdParty?: { involved: boolean; name?: string };
  context?: HostContext;
  /** The result of `evaluateEnvironment(...).supported`; undefined when nothing was reported. */
  environmentSupported?: boolean;
}

/** Whether standard support covers the request, the flags it carries, and why (plain English). */
export interface ScopeResult {
  inScope: boolean;
  flags: Flag[];
  reasons: string[];
}

const SERVICES_LABEL: Record<ServicesKind, string> = {
  custom_development: 'custom development',
  data_migration: 'data migration',
  custom_reporting: 'custom reporting',
  advanced_configuration: 'advanced configuration',
  quality_assurance: 'quality assurance',
  project_management: 'project management',
  training: 'training beyond the standard documentation',
};

const NON_PRODUCTION = new Set<HostContext['deployment']>(['pilot', 'staging', 'development']);

/** Classifies a request as in scope, professional services, or excluded; flags accumulate. */
export function classifyScope(input: ScopeInput): ScopeResult {
  const { category, servicesKind, thirdParty, context, environmentSupported } = input;
  const flags: Flag[] = [];
  const reasons: string[] = [];
  const add = (flag: Flag, reason: string) => {
    flags.push(flag);
    reasons.push(reason);
  };

  if (category === 'professional_services' || servicesKind) {
    const what = servicesKind ? SERVICES_LABEL[servicesKind] : 'professional services';
    const section = servicesKind === 'training' ? '1' : '9';
    add(
      'professional_services',
      `Request for ${what}: professional services need a separate statement of work (guide section ${section}).`,
    );
  }
  if (thirdParty?.involved) {
    const name = thirdParty.name?.trim();
    add(
      'third_party',
      `Involves third-party software${name ? ` (${name})` : ''}, which standard support excludes (guide section 10).`,
    );
  }
  if (environmentSupported === false) {
    add(
      'unsupported_environment',
      'Reported from an unsupported browser, device or configuration (guide section 10).',
    );
  }
  const feature = context?.feature;
  if (feature && context?.features?.beta?.includes(feature)) {
    add(
      'beta_feature',
      `Concerns the beta feature "${feature}", which standard support excludes (guide section 10).`,
    );
  }
  if (context?.deployment && NON_PRODUCTION.has(context.deployment)) {
    add(
      'non_production',
      `Reported from a ${context.deployment} deployment; only production is covered (guide section 10).`,
    );
  }

  const inScope = category === 'security_incident' || flags.length === 0;
  return { inScope, flags, reasons };
}

/** Exclusion flags an agent sets and clears (guide sections 1, 9, 10), with a reason, audited. */
export const SCOPE_FLAGS = [
  'third_party',
  'unsupported_environment',
  'beta_feature',
  'professional_services',
  'training',
  'customer_configuration',
  'force_majeure',
] as const satisfies readonly Flag[];
export type ScopeFlag = (typeof SCOPE_FLAGS)[number];

/** Every flag that puts a request outside standard support (the agent-set ones and `non_production`). */
export const EXCLUSION_FLAGS: readonly Flag[] = [...SCOPE_FLAGS, 'non_production'];

/** In scope iff none of the exclusion flags is set; a security incident stays in scope whatever else is. */
export function inScopeOf(flags: readonly string[]): boolean {
  return flags.includes('security_incident') || !flags.some((f) => EXCLUSION_FLAGS.includes(f as Flag));
}

/** `flags` with `add` appended (each once, in order) and `remove` taken out. */
export function applyFlagChange(
  flags: readonly string[],
  change: { add?: readonly string[]; remove?: readonly string[] },
): string[] {
  const removed = new Set(change.remove ?? []);
  return [...new Set([...flags, ...(change.add ?? [])])].filter((f) => !removed.has(f));
}
