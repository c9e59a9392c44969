import type { Affected, Category, Flag, Impact, Severity, Workaround } from './schema';

/**
 * Guide section 4. Kinobi sets severity from what the customer reports: what is affected and
 * whether a workaround exists. The four definitions are the diagonal of the table below; the other
 * cells follow two readings of the text:
 * - Severity 1 and 2 are defined "without a reasonable workaround" / "with a limited or temporary
 *   one", so a reasonable workaround lowers an outage or a degraded main function by one level.
 * - The lack of a workaround never raises a level: severity 2 needs a *main* function degraded and
 *   severity 1 needs the service or a critical function *unavailable*, whatever the workaround.
 */

/** One decided cell: the severity and the stable id of the rule that decided it. */
export interface SeverityRule {
  severity: Severity;
  rule: string;
}

/** What is affected, most severe first: the table's rows, and the widget's choices in this order. */
export const AFFECTED: Affected[] = [
  'service_unavailable',
  'main_function_degraded',
  'non_critical_or_intermittent',
  'question_or_cosmetic',
];

/** Whether a workaround exists, none first: the table's columns, and the widget's choices in this order. */
export const WORKAROUNDS: Workaround[] = ['none', 'limited', 'reasonable'];

// The severity of each cell: a row per AFFECTED, a column per WORKAROUNDS.
const LEVELS: Severity[][] = [
  [1, 1, 2],
  [2, 2, 3],
  [3, 3, 3],
  [4, 4, 4],
];
const level = (row: number, column: number): Severity => LEVELS[row]?.[column] ?? 4;

/** Whether the impact answers decide the severity: given, and not a question or feature request. */
const byTable = (category: Category, impact?: Impact): impact is Impact =>
  !!impact && category !== 'question' && category !== 'feature_request';

/**
 * The severity alone, by the rules of `classifySeverity` (which names the rule and adds flags): what
 * the widget shows, without the table's rule names in its bundle (issue 12's weight).
 */
export const severityOf = ({ category, impact }: { category: Category; impact?: Impact }): Severity =>
  category === 'security_incident'
    ? 1
    : byTable(category, impact)
      ? level(AFFECTED.indexOf(impact.affected), WORKAROUNDS.indexOf(impact.workaround))
      : category === 'problem'
        ? 3
        : 4;

// A function, called as pure: a bundle that reads only severityOf (the widget) drops the table.
const table = () =>
  Object.fromEntries(
    AFFECTED.map((affected, i) => [
      affected,
      Object.fromEntries(
        WORKAROUNDS.map((workaround, j) => [
          workaround,
          { severity: level(i, j), rule: `table:${affected}/${workaround}` },
        ]),
      ),
    ]),
  ) as Record<Affected, Record<Workaround, SeverityRule>>;

/** The 4x3 mapping of guide section 4 (what is affected x workaround), as data. */
export const SEVERITY_TABLE = /* @__PURE__ */ table();

/** What decided a severity, plus the flags the decision adds to the ticket. */
export interface SeverityResult extends SeverityRule {
  flags: Flag[];
}

/**
 * Severity of a request, and the rule that decided it:
 * - security incident: always 1 (rule `security_incident`), flagged, whatever the answers (section 11);
 * - question, feature request: 4 (rule `category:question` / `category:feature_request`), section 4
 *   names both as severity 4, so the answers do not change it;
 * - problem or professional services with impact answers: the table (rule `table:<affected>/<workaround>`).
 *   Professional services sit outside standard support (scope flags say so) but a customer whose
 *   delivered customisation is down still tells us how urgent it is, so the answers are honoured;
 * - professional services without answers: 4 (rule `category:professional_services`), a planned request;
 * - problem without answers: 3 and `needs_triage` (rule `default:problem_without_impact`), the same
 *   provisional default as an e-mailed ticket, so an agent confirms it instead of guessing high or low.
 */
export function classifySeverity(input: { category: Category; impact?: Impact }): SeverityResult {
  const { category, impact } = input;
  if (category === 'security_incident') {
    return { severity: 1, rule: 'security_incident', flags: ['security_incident'] };
  }
  if (byTable(category, impact)) {
    return { ...SEVERITY_TABLE[impact.affected][impact.workaround], flags: [] };
  }
  // question, feature request, professional services without answers
  if (category !== 'problem') return { severity: 4, rule: `category:${category}`, flags: [] };
  return { severity: 3, rule: 'default:problem_without_impact', flags: ['needs_triage'] };
}
