import type { Locale, ResponseTargets, Severity } from '../../shared/schema';
import type { WidgetConfig } from '../api';
import { fill } from '../fill';
import { formatDue, WIB } from '../format';
import { describeHours, STANDARD_HOURS } from '../hours';
import type { Strings } from '../strings';

/** The hours line: the tenant's own hours, or the standard ones when its config is unavailable or odd. */
function hoursLine(config: WidgetConfig | null | undefined, s: Strings, locale: Locale): string {
  try {
    if (config?.hours) return describeHours(config.hours, locale, s);
  } catch {
    // a malformed hours object: the standard text below is better than nothing
  }
  return describeHours(STANDARD_HOURS, locale, s);
}

/** The expected first response for a severity, whether support is open now, and the hours. */
export function ResponseTime(props: {
  severity: Severity;
  targets: ResponseTargets | null | undefined;
  config: WidgetConfig | null | undefined;
  s: Strings;
  locale: Locale;
  timeZone: string;
}) {
  const { s, targets, config, locale, timeZone } = props;
  const target = targets?.targets?.find((t) => t.severity === props.severity);
  const zone = config?.hours?.timeZone || WIB;
  const when = (iso: string) => formatDue(iso, locale, timeZone, zone);
  // The config's open state is the tenant's calendar; the targets' is the fallback when it failed.
  const open = config?.open ?? targets?.open;
  const nextOpenAt = config?.nextOpenAt ?? targets?.nextOpenAt;
  return (
    <div class="response" aria-live="polite">
      {target ? (
        <p class="due">{fill(s.firstResponseBy, { n: props.severity, time: when(target.dueAt) })}</p>
      ) : targets === null ? (
        <p>{s.targetsUnavailable}</p>
      ) : null}
      {open !== undefined && (
        <p class="open-state">
          {open || !nextOpenAt ? s.openNow : fill(s.closedNow, { time: when(nextOpenAt) })}
        </p>
      )}
      <p class="hours">{hoursLine(config, s, locale)}</p>
    </div>
  );
}
