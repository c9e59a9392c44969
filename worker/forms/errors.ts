import type { ValidationDetail } from '../../shared/schema';
import { fill } from '../../widget/fill';
import type { FormField, FormValues } from './fields';
import type { FormStrings } from './strings';

/** Localised messages by field; `form` holds what belongs to no field the user can change. */
export type FormErrors = Partial<Record<FormField | 'form', string>>;

/** The form field a TicketCreate path belongs to (`contact.email` → `email`), or undefined. */
export function fieldOfPath(path: string): FormField | undefined {
  const [head, sub] = path.split('.');
  switch (head) {
    case 'subject':
    case 'description':
    case 'steps':
    case 'expected':
    case 'category':
    case 'servicesKind':
      return head;
    case 'impact':
      return sub === 'workaround' ? 'workaround' : 'affected';
    case 'contact':
      return sub === 'email' ? 'email' : 'name';
    case 'thirdParty':
      return 'thirdPartyName';
    default:
      return undefined;
  }
}

/**
 * The validation details of TicketCreateSchema (worker/validation.ts `issueDetails`) as messages in
 * the user's language, chosen by zod issue code the way the widget does: an empty answer is
 * "please fill this in", `too_big` names the limit, a bad email is said so, anything else "not
 * accepted". The server's English message is never shown. The first problem of a field wins.
 */
export function formErrors(details: ValidationDetail[], values: FormValues, s: FormStrings): FormErrors {
  const errors: FormErrors = {};
  for (const d of details) {
    const field = fieldOfPath(d.path);
    if (!field) {
      errors.form ??= s.invalid;
      continue;
    }
    const empty = !values[field].trim();
    errors[field] ??=
      d.code === 'too_big' && d.maximum !== undefined
        ? fill(s.tooLong, { max: d.maximum })
        : empty || d.code === 'too_small'
          ? s.required
          : field === 'email'
            ? s.invalidEmail
            : s.invalid;
  }
  return errors;
}

/**
 * What the widget asks before sending and the schema leaves optional (a problem reported by email
 * may come without them): a problem needs both impact answers, since its severity depends on them.
 */
export function missingAnswers(values: FormValues, s: FormStrings): FormErrors {
  if (values.category !== 'problem') return {};
  return {
    ...(values.affected ? {} : { affected: s.required }),
    ...(values.workaround ? {} : { workaround: s.required }),
  };
}
