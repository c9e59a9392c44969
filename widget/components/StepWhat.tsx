import type { Category } from '../../shared/schema';
import { Choice } from './Choice';
import { Field } from './Field';
import type { StepProps } from './step-props';

const CATEGORIES: Category[] = [
  'problem',
  'question',
  'feature_request',
  'security_incident',
  'professional_services',
];

/**
 * Step 1: the category and what it is about, in the category's own words: only a problem is asked
 * for steps to reproduce; a security incident and professional services are explained first.
 */
export function StepWhat(c: StepProps) {
  const { draft, set, s, parts } = c;
  const cat = draft.category;
  return (
    <>
      <Choice
        name="category"
        legend={s.category}
        options={CATEGORIES.map((k) => [k, s[`cat_${k}`]])}
        value={cat}
        onChange={(category) => set({ category })}
      />
      {/* the rare paths' parts show once their chunk has loaded (widget/paths.ts) */}
      {cat === 'security_incident' && parts?.SecurityNotice && <parts.SecurityNotice {...c} />}
      {cat === 'professional_services' && parts?.ServicesPart && <parts.ServicesPart {...c} />}
      <Field name="subject" label={s.subject} c={c} />
      <Field name="description" label={s[`desc_${cat}`]} multiline c={c} />
      {cat === 'problem' && (
        <>
          <Field name="steps" label={s.steps} optional multiline c={c} />
          <Field name="expected" label={s.expected} optional multiline c={c} />
        </>
      )}
    </>
  );
}
