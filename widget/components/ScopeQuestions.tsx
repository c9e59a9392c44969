import { Choice } from './Choice';
import { Field } from './Field';
import type { StepProps } from './step-props';

/** Problems: is third-party software or a non-Kinobi integration involved (optional), and which. */
export function ThirdPartyQuestion(c: StepProps) {
  const { draft, set, s } = c;
  return (
    <>
      <Choice
        name="thirdParty"
        legend={`${s.thirdParty} ${s.optional}`}
        options={[
          ['yes', s.yes],
          ['no', s.no],
        ]}
        value={draft.thirdParty}
        onChange={(thirdParty) => set({ thirdParty })}
      />
      {draft.thirdParty === 'yes' && <Field name="thirdPartyName" label={s.thirdPartyName} optional c={c} />}
    </>
  );
}
