import type { Category } from '../shared/schema';
import type { Draft } from './draft';
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
