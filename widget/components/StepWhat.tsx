import type { Category } from '../../shared/schema';
import { Choice } from './Choice';
import { Field } from './Field';
import { ServicesKindField } from './ScopeQuestions';
import type { StepProps } from './step-props';

const CATEGORIES: Category[] = [
  'problem',
  'question',
  'feature_request',
  'security_incident',
  'professional_services',
];

/** Step 1: the category and what happened; a security incident asks only the essentials. */
export function StepWhat({ draft, set, s, errors }: StepProps) {
  const security = draft.category === 'security_incident';
  return (
    <>
      <Choice
        name="category"
        legend={s.category}
        options={CATEGORIES.map((c) => [c, s[`cat_${c}`]])}
        value={draft.category}
        onChange={(category) => set({ category })}
      />
      {security && (
        <div class="notice urgent" role="alert">
          <strong>{s.securityTitle}</strong>
          <p>{s.securityText}</p>
        </div>
      )}
      {draft.category === 'professional_services' && (
        <div class="notice" role="note">
          <strong>{s.servicesTitle}</strong>
          <p>{s.servicesText}</p>
        </div>
      )}
      {draft.category === 'professional_services' && (
        <ServicesKindField draft={draft} set={set} s={s} errors={errors} />
      )}
      <Field
        name="subject"
        label={s.subject}
        value={draft.subject}
        error={errors.subject}
        onInput={(subject) => set({ subject })}
      />
      <Field
        name="description"
        label={s.description}
        multiline
        value={draft.description}
        error={errors.description}
        onInput={(description) => set({ description })}
      />
      {!security && (
        <>
          <Field
            name="steps"
            label={s.steps}
            hint={s.optional}
            multiline
            value={draft.steps}
            error={errors.steps}
            onInput={(steps) => set({ steps })}
          />
          <Field
            name="expected"
            label={s.expected}
            hint={s.optional}
            multiline
            value={draft.expected}
            error={errors.expected}
            onInput={(expected) => set({ expected })}
          />
        </>
      )}
    </>
  );
}
