import type { ServicesKind } from '../../shared/schema';
import { SERVICES_KINDS } from '../../shared/services-kinds';
import { Choice } from './Choice';
import { Field } from './Field';
import type { StepProps } from './step-props';

/** Professional services: which kind of work (optional), one compact select. */
export function ServicesKindField({ draft, set, s }: StepProps) {
  return (
    <div class="field">
      <label for="k-servicesKind">
        {s.servicesKind} <span class="hint">{s.optional}</span>
      </label>
      <select
        id="k-servicesKind"
        value={draft.servicesKind ?? ''}
        onChange={(e) =>
          set({ servicesKind: ((e.currentTarget as HTMLSelectElement).value || undefined) as ServicesKind })
        }
      >
        <option value="">–</option>
        {SERVICES_KINDS.map((k) => (
          <option key={k} value={k}>
            {s[`sk_${k}`]}
          </option>
        ))}
      </select>
    </div>
  );
}

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
