import type { Locale, ResponseTargets, Severity } from '../../shared/schema';
import { formatDue } from '../format';
import { fill, type Strings } from '../strings';

/** The expected first response for a severity, whether support is open now, and the hours. */
export function ResponseTime(props: {
  severity: Severity;
  targets: ResponseTargets | null | undefined;
  s: Strings;
  locale: Locale;
  timeZone: string;
}) {
  const { s, targets, locale, timeZone } = props;
  const target = targets?.targets?.find((t) => t.severity === props.severity);
  const when = (iso: string) => formatDue(iso, locale, timeZone);
  return (
    <div class="response" aria-live="polite">
      {target ? (
        <p class="due">{fill(s.firstResponseBy, { n: props.severity, time: when(target.dueAt) })}</p>
      ) : targets === null ? (
        <p>{s.targetsUnavailable}</p>
      ) : null}
      {targets && (
        <p class="open-state">
          {targets.open ? s.openNow : fill(s.closedNow, { time: when(targets.nextOpenAt) })}
        </p>
      )}
      <p class="hours">{s.hours}</p>
    </div>
  );
}
