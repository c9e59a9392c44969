import type { EnvironmentReport, Locale, TicketCreateInput } from '../../shared/schema';

/** The form's fields, named as they are posted (`application/x-www-form-urlencoded`). */
export const FORM_FIELDS = [
  'category',
  'servicesKind',
  'subject',
  'description',
  'steps',
  'expected',
  'affected',
  'workaround',
  'thirdParty',
  'thirdPartyName',
  'name',
  'email',
] as const;

/** One field of the form. */
export type FormField = (typeof FORM_FIELDS)[number];

/** What the user typed or chose, as posted: every field a string ('' when absent). */
export type FormValues = Record<FormField, string>;

/** The hidden field holding the form's idempotency key, made when the form was served. */
export const FORM_KEY_FIELD = 'formKey';

/** A form with nothing filled in. */
export const emptyValues = (): FormValues =>
  Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as FormValues;

/** The posted values (the first of repeated names; anything else ignored) and the hidden form key. */
export function readForm(params: URLSearchParams): { values: FormValues; formKey: string } {
  const values = emptyValues();
  for (const f of FORM_FIELDS) values[f] = params.get(f) ?? '';
  return { values, formKey: params.get(FORM_KEY_FIELD) ?? '' };
}

/** Optional text: absent when left empty (blank), as the widget leaves it out. */
const optional = (v: string) => (v.trim() ? v : undefined);

/**
 * The POST /v1/tickets body the widget would send for these answers, validated by the same
 * TicketCreateSchema. The page shows every question at once (no script hides any), so answers that
 * do not apply to the chosen category are dropped here, as the widget never asks them: steps,
 * expected, impact and third party only for a problem, the kind only for professional services.
 */
export function ticketBodyFrom(
  v: FormValues,
  environment: EnvironmentReport,
  locale: Locale,
): TicketCreateInput {
  const problem = v.category === 'problem';
  return {
    subject: v.subject,
    description: v.description,
    ...(problem ? { steps: optional(v.steps), expected: optional(v.expected) } : {}),
    // An unknown value is left for zod to refuse (invalid_value), as it is from the widget.
    category: (v.category || undefined) as TicketCreateInput['category'],
    ...(problem && (v.affected || v.workaround)
      ? {
          impact: {
            affected: (v.affected || undefined) as NonNullable<TicketCreateInput['impact']>['affected'],
            workaround: (v.workaround || undefined) as NonNullable<TicketCreateInput['impact']>['workaround'],
          },
        }
      : {}),
    ...(v.category === 'professional_services' && v.servicesKind
      ? { servicesKind: v.servicesKind as TicketCreateInput['servicesKind'] }
      : {}),
    ...(problem && v.thirdParty === 'yes'
      ? { thirdParty: { involved: true, name: optional(v.thirdPartyName) } }
      : {}),
    contact: { name: v.name, email: v.email },
    environment,
    context: {},
    locale,
  };
}
