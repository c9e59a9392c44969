import type { ServicesKind } from '../../../shared/schema';
import { SERVICES_KINDS } from '../../../shared/services-kinds';
import type { StepProps } from '../../components/step-props';

// The professional-services path's chunk (widget/paths.ts): its words, its explanation and the kind of work.
export { strings } from './strings';

/** Guide section 9 on the first step: outside standard support, agreed separately; then the kind of work. */
export function ServicesPart(c: StepProps) {
  const { s } = c;
  return (
    <>
      <div class="notice" role="note">
        <strong>{s.servicesTitle}</strong>
        <p>{s.servicesText}</p>
      </div>
      <ServicesKindField {...c} />
    </>
  );
}

/** Professional services: which kind of work (optional), one compact select. */
function ServicesKindField({ draft, set, s }: StepProps) {
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
