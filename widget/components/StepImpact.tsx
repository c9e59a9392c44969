import type { Affected, Workaround } from '../../shared/schema';
import { Choice } from './Choice';
import { ThirdPartyQuestion } from './ScopeQuestions';
import type { StepProps } from './step-props';

const AFFECTED: Affected[] = [
  'service_unavailable',
  'main_function_degraded',
  'non_critical_or_intermittent',
  'question_or_cosmetic',
];
const WORKAROUND: Workaround[] = ['none', 'limited', 'reasonable'];

/** A problem's impact: what is affected and whether there is a workaround (guide section 4). */
export function StepImpact(c: StepProps) {
  const { draft, set, s, errors } = c;
  return (
    <>
      <Choice
        name="affected"
        legend={s.affected}
        options={AFFECTED.map((a) => [a, s[`aff_${a}`]])}
        value={draft.affected}
        error={errors.affected}
        onChange={(affected) => set({ affected })}
      />
      <Choice
        name="workaround"
        legend={s.workaround}
        options={WORKAROUND.map((w) => [w, s[`wa_${w}`]])}
        value={draft.workaround}
        error={errors.workaround}
        onChange={(workaround) => set({ workaround })}
      />
      <ThirdPartyQuestion {...c} />
    </>
  );
}
