import type { Draft } from './draft';
import type { Strings } from './strings';

/** Field errors keyed by draft field. */
export type FieldErrors = Partial<Record<keyof Draft, string>>;

/** The form's steps; which ones a request goes through depends on its category. */
export type StepId = 'what' | 'impact' | 'response' | 'contact' | 'review';

const STEP_OF: Partial<Record<keyof Draft, StepId>> = {
  affected: 'impact',
  workaround: 'impact',
  thirdParty: 'impact',
  thirdPartyName: 'impact',
  name: 'contact',
  email: 'contact',
};

/** The step that holds a field. */
export const stepOf = (field: keyof Draft): StepId => STEP_OF[field] ?? 'what';

/** Steps for a category: a security incident skips everything non-essential. */
export function stepsFor(category: Draft['category']): StepId[] {
  if (category === 'security_incident') return ['what', 'contact', 'review'];
  if (category === 'question' || category === 'feature_request')
    return ['what', 'response', 'contact', 'review'];
  return ['what', 'impact', 'response', 'contact', 'review'];
}

/** Client-side checks of one step, before the server's own validation. */
export function validateStep(step: StepId, d: Draft, s: Strings): FieldErrors {
  const e: FieldErrors = {};
  const need = (k: keyof Draft) => {
    if (!String(d[k] ?? '').trim()) e[k] = s.required;
  };
  if (step === 'what') (['subject', 'description'] as const).forEach(need);
  if (step === 'impact') (['affected', 'workaround'] as const).forEach(need);
  if (step === 'contact') {
    need('name');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim()))
      e.email = d.email.trim() ? s.invalidEmail : s.required;
  }
  return e;
}

const FIELDS = new Set([
  'subject',
  'description',
  'steps',
  'expected',
  'category',
  'affected',
  'workaround',
  'servicesKind',
  'thirdPartyName',
  'name',
  'email',
]);

/**
 * Maps the API's 400 `details` ([{path, message}], path as "contact.email" or ["contact","email"])
 * to form fields; entries for fields the form does not show are returned as `other`.
 */
export function mapServerErrors(details: unknown): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of Array.isArray(details) ? details : []) {
    const path = (Array.isArray(d?.path) ? d.path : String(d?.path ?? '').split('.')).map(String);
    const key =
      path[0] === 'thirdParty'
        ? 'thirdPartyName'
        : path[0] === 'contact' || path[0] === 'impact'
          ? path[1]
          : path[0];
    const message = String(d?.message ?? '');
    if (key && FIELDS.has(key)) fields[key as keyof Draft] ||= message;
    else other.push(message);
  }
  return { fields, other };
}
