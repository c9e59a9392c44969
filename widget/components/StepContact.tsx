import { Field } from './Field';
import type { StepProps } from './step-props';

/** Name and email, prefilled from `identify`. */
export function StepContact(c: StepProps) {
  return (
    <>
      <Field name="name" label={c.s.name} autoComplete="name" c={c} />
      <Field name="email" label={c.s.email} type="email" autoComplete="email" c={c} />
    </>
  );
}
