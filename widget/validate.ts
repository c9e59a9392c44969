import type { Category } from '../shared/schema';
import type { Draft } from './draft';
import { fill } from './fill';
import { LIMITS } from './limits';
import type { Strings } from './strings';

/** Field errors keyed by draft field. */
export type FieldErrors = Partial<Record<keyof Draft, string>>;

/** The form's steps; which ones a request goes through depends on its category. */
export type StepId = 'what' | 'impact' | 'contact' | 'review';

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

/**
 * Steps for a category: only a problem is asked the impact questions (its severity depends on
 * them); questions, feature requests and professional services are severity 4, and a security
 * incident is severity 1 whatever the answers.
 */
export const stepsFor = (category: Category): StepId[] =>
  category === 'problem' ? ['what', 'impact', 'contact', 'review'] : ['what', 'contact', 'review'];

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
  'affected',
  'workaround',
  'name',
  'email',
]);

/**
 * Maps the API's 400 `details` ([{path, code?, message}], path as "contact.email" or
 * ["contact","email"]) to localised field errors by zod issue code; the server's English message
 * is never shown. Entries for fields the form does not show are returned as `other` (their paths).
 */
export function mapServerErrors(details: unknown, s: Strings): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of Array.isArray(details) ? details : []) {
    const path = (Array.isArray(d?.path) ? d.path : String(d?.path ?? '').split('.')).map(String);
    const key = (
      path[0] === 'thirdParty'
        ? 'thirdPartyName'
        : /^(contact|impact)$/.test(path[0] ?? '')
          ? path[1]
          : path[0]
    ) as keyof Draft;
    const code = String(d?.code ?? '');
    const max = LIMITS[key] ?? d?.maximum;
    if (key === 'thirdPartyName' || FIELDS.has(key))
      fields[key] ||=
        code === 'too_big' && max
          ? fill(s.tooLong, { max })
          : code === 'too_small'
            ? s.required
            : key === 'email'
              ? s.invalidEmail
              : s.invalid;
    else other.push(path.join('.'));
  }
  return { fields, other };
}
