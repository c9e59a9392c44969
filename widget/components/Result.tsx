import type { ComponentChildren } from 'preact';
import { fill } from '../fill';
import type { LastResult } from '../last-result';
import type { Strings } from '../strings';

/**
 * A sent request: its number, severity, first-response target (worded as a target), where the answer
 * arrives, and `open` (whether support is open now); then `children` (a security incident's part:
 * who was alerted, the coverage out of hours and what to do meanwhile, from its path's chunk).
 */
export function Result(props: {
  r: LastResult;
  s: Strings;
  /** The due time in the server's words; without them the due lines are left out. */
  due: string | undefined;
  open: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { r, s } = props;
  return (
    <>
      <p class="big">{fill(s.ticketNumber, { number: r.number })}</p>
      <p>
        <strong>{fill(s.severityIs, { n: r.severity, name: s[`sev${r.severity}`] })}</strong>
      </p>
      {props.due && (
        <>
          <p class="due">{fill(s.sentDue, { time: props.due })}</p>
          <p>{s.target}</p>
        </>
      )}
      <p>{fill(s.answerBy, { email: r.email })}</p>
      {props.open}
      {props.children}
    </>
  );
}
