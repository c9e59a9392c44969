import type { ComponentChildren } from 'preact';
import { fill } from '../fill';
import type { LastResult } from '../last-result';
import type { Strings } from '../strings';

/**
 * A sent request: its number, severity, first-response target (worded as a target), where the answer
 * arrives, and `open` (whether support is open now). A security incident also says who was
 * alerted, the coverage out of hours (`hours`) and what to do meanwhile.
 */
export function Result(props: {
  r: LastResult;
  s: Strings;
  due: string;
  open: ComponentChildren;
  hours: ComponentChildren;
}) {
  const { r, s } = props;
  // the security words come with their path's chunk (widget/paths.ts)
  const meanwhile = r.category === 'security_incident' && s.secMeanwhile;
  return (
    <>
      <p class="big">{fill(s.ticketNumber, { number: r.number })}</p>
      <p>
        <strong>{fill(s.severityIs, { n: r.severity, name: s[`sev${r.severity}`] })}</strong>
      </p>
      <p class="due">{fill(s.sentDue, { time: props.due })}</p>
      <p>{s.target}</p>
      <p>{fill(s.answerBy, { email: r.email })}</p>
      {props.open}
      {meanwhile && (
        <div class="notice urgent">
          <p>{s.secAlerted}</p>
          {props.hours}
          <strong>{s.secMeanwhileTitle}</strong>
          <ul>
            {meanwhile.split('|').map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
