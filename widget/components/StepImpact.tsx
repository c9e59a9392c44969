import type { Affected, Workaround } from '../../shared/schema';
import { classifySeverity } from '../../shared/severity';
import { Choice } from './Choice';
import { ThirdPartyQuestion } from './ScopeQuestions';
import { SeverityNote } from './SeverityNote';
import type { StepProps } from './step-props';

const AFFECTED: Affected[] = [
  'service_unavailable',
  'main_function_degraded',
  'non_critical_or_intermittent',
  'question_or_cosmetic',
];
const WORKAROUND: Workaround[] = ['none', 'limited', 'reasonable'];

/** Step 2: what is affected and whether there is a workaround, with the resulting severity. */
export function StepImpact(props: StepProps) {
  const { draft, set, s, errors } = props;
  const { affected, workaround } = draft;
  return (
    <>
      <Choice
        name="affected"
        legend={s.affected}
        options={AFFECTED.map((a) => [a, s[`aff_${a}`]])}
        value={affected}
        error={errors.affected}
        onChange={(value) => set({ affected: value })}
      />
      <Choice
        name="workaround"
        legend={s.workaround}
        options={WORKAROUND.map((w) => [w, s[`wa_${w}`]])}
        value={workaround}
        error={errors.workaround}
        onChange={(value) => set({ workaround: value })}
      />
      {draft.category === 'problem' && <ThirdPartyQuestion {...props} />}
      {affected && workaround && (
        <SeverityNote
          severity={classifySeverity({ category: draft.category, impact: { affected, workaround } }).severity}
          s={s}
        />
      )}
    </>
  );
}
