import { useEffect, useRef } from 'preact/hooks';
import type { Locale } from '../../shared/schema';
import { fill } from '../fill';
import { formatDue } from '../format';
import type { Strings } from '../strings';
import type { SendState } from '../useOutbox';

/** What happened to the submission: sent with its number, saved for later, or stuck. */
export function Result(props: {
  state: SendState;
  s: Strings;
  locale: Locale;
  timeZone: string;
  /** The support calendar's time zone. */
  zone: string;
  onRetry: () => void;
  onNew: () => void;
}) {
  const { state, s } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // The form (and the focused submit button) is gone: move focus here, or it falls to the host
  // page's <body>, outside the dialog, where Escape and the focus trap no longer work.
  useEffect(() => heading.current?.focus(), [state.kind]);
  if (state.kind === 'sent') {
    return (
      <div class="result" role="status">
        <h3 ref={heading} tabIndex={-1}>
          {s.sentTitle}
        </h3>
        <p>{fill(s.ticketNumber, { number: state.ticket.number })}</p>
        <p>
          {fill(s.sentDue, {
            time: formatDue(state.ticket.firstResponseDueAt, props.locale, props.timeZone, props.zone),
          })}
        </p>
        <button type="button" onClick={props.onNew}>
          {s.newRequest}
        </button>
      </div>
    );
  }
  const failed = state.kind === 'failed';
  return (
    <div class="result" role="status">
      <h3 ref={heading} tabIndex={-1}>
        {failed ? s.failedTitle : s.queuedTitle}
      </h3>
      <p>{failed ? s.failedText : s.queuedText}</p>
      <button type="button" onClick={failed ? props.onRetry : props.onNew}>
        {failed ? s.retry : s.newRequest}
      </button>
    </div>
  );
}
