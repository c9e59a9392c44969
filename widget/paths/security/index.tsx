import type { ComponentChildren } from 'preact';
import { Choice } from '../../components/Choice';
import type { ReviewRow } from '../../components/Review';
import type { StepProps } from '../../components/step-props';
import type { Strings } from '../../strings';

// The security-incident path's chunk (widget/paths.ts): its words, the first step's notice and question,
// the review's row, the body's `personalData` and the confirmation's part. Kept here, not in the panel, so
// the common intake path carries only the three optional calls into it.
export { securityBody } from './personal-data';
export { strings } from './strings';

/**
 * On the first step: report it now; severity 1, the security team is alerted, only the essentials asked;
 * then whether personal data is involved (optional: it must never hold a report back).
 */
export function SecurityNotice({ draft, set, s, errors }: StepProps) {
  return (
    <>
      <div class="notice urgent" role="note">
        <strong>{s.securityTitle}</strong>
        <p>{s.securityText}</p>
      </div>
      <Choice
        name="personalData"
        legend={`${s.pdQuestion} ${s.optional}`}
        options={[
          ['yes', s.yes],
          ['no', s.no],
          ['unsure', s.pdUnsure ?? ''],
        ]}
        value={draft.personalData}
        onChange={(personalData) => set({ personalData })}
        error={errors.personalData}
      />
    </>
  );
}

/**
 * The review's row of a security incident, built with the review's own `row` (a call, not a component: it
 * sits among the review's rows): the personal-data answer, edited on the first step.
 */
export function SecurityRow({ draft: d, s }: StepProps, row: ReviewRow) {
  if (d.category !== 'security_incident') return null;
  const a = d.personalData;
  return row(s.pdQuestion ?? '', a === 'unsure' ? s.pdUnsure : a ? s[a] : s.pdNone, 'what');
}

/** The confirmation's part: who was alerted, the coverage out of hours (`hours`) and what to do meanwhile. */
export function SecurityResult({ s, hours }: { s: Strings; hours: ComponentChildren }) {
  return (
    <div class="notice urgent">
      <p>{s.secAlerted}</p>
      {hours}
      <p>{s.secOutOfHours}</p>
      <strong>{s.secMeanwhileTitle}</strong>
      <ul>
        {s.secMeanwhile?.split('|').map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </div>
  );
}
