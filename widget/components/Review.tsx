import type { ComponentChildren, JSX } from 'preact';
import type { Severity } from '../../shared/schema';
import { fill } from '../fill';
import type { StepId } from '../validate';
import type { StepProps } from './step-props';

/** One row of the review: its label, its value and the step that asks it. */
export type ReviewRow = (label: string, value: ComponentChildren, step: StepId) => JSX.Element;

/**
 * What will be sent, each part with a link back to the step that asks it: type, subject, severity
 * (with the expected first response as `response`) and contact; `children` show what is collected.
 */
export function Review(props: {
  c: StepProps;
  severity: Severity;
  response: ComponentChildren;
  edit: (step: StepId) => void;
  children: ComponentChildren;
}) {
  const { draft: d, s, parts } = props.c;
  const row: ReviewRow = (label, value, step) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
      <dd>
        <button type="button" class="link" onClick={() => props.edit(step)}>
          {s.edit}
          <span class="sr"> {label}</span>
        </button>
      </dd>
    </div>
  );
  const sec = d.category === 'security_incident';
  const note = sec ? s.reviewSecurity : d.category === 'professional_services' && s.servicesReview;
  return (
    <>
      <dl class="review">
        {row(s.rv_category, s[`cat_${d.category}`], 'what')}
        {row(s.subject, d.subject, 'what')}
        {parts?.SecurityRow?.(props.c, row)}
        {row(
          s.rv_severity,
          fill(s.severityIs, { n: props.severity, name: s[`sev${props.severity}`] }),
          d.category === 'problem' ? 'impact' : 'what',
        )}
        {row(s.rv_contact, `${d.name} <${d.email}>`, 'contact')}
      </dl>
      {props.response}
      {note && <p class={sec ? 'notice urgent' : 'notice'}>{note}</p>}
      {props.children}
    </>
  );
}
