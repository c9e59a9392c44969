import { Field } from './Field';
import type { StepProps } from './step-props';

/** Name and email, prefilled from `identify`; read-only when a signed identity token names them. */
export function StepContact(c: StepProps) {
  return (
    <>
      <Field name="name" label={c.s.name} autoComplete="name" readOnly={c.locked} c={c} />
      <Field name="email" label={c.s.email} type="email" autoComplete="email" readOnly={c.locked} c={c} />
    </>
  );
}
