import type { ComponentChildren } from 'preact';
import type { Severity } from '../../shared/schema';
import { fill } from '../fill';
import type { StepId } from '../validate';
import type { StepProps } from './step-props';

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
  const { draft: d, s } = props.c;
  const row = (label: string, value: ComponentChildren, step: StepId) => (
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
