import { AFFECTED, WORKAROUNDS } from '../../shared/severity';
import { Choice } from './Choice';
import { ThirdPartyQuestion } from './ScopeQuestions';
import type { StepProps } from './step-props';

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
        options={WORKAROUNDS.map((w) => [w, s[`wa_${w}`]])}
        value={draft.workaround}
        error={errors.workaround}
        onChange={(workaround) => set({ workaround })}
      />
      <ThirdPartyQuestion {...c} />
    </>
  );
}
