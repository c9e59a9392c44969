import { Field } from './Field';
import type { StepProps } from './step-props';

/** Step 4: name and email, prefilled from `identify`. */
export function StepContact({ draft, set, s, errors }: StepProps) {
  return (
    <>
      <Field
        name="name"
        label={s.name}
        autoComplete="name"
        value={draft.name}
        error={errors.name}
        onInput={(name) => set({ name })}
      />
      <Field
        name="email"
        label={s.email}
        type="email"
        autoComplete="email"
        value={draft.email}
        error={errors.email}
        onInput={(email) => set({ email })}
      />
    </>
  );
}
