import type { Locale, ResponseTargets, Severity } from '../../shared/schema';
import type { WidgetConfig } from '../api';
import { fill } from '../fill';
import { formatDue, WIB } from '../format';
import { describeHours, STANDARD_HOURS } from '../hours';
import type { Strings } from '../strings';

/** A severity's own calendar, as the config lists it when it differs from the default. */
type Coverage = NonNullable<WidgetConfig['coverage']>[number];

/**
 * The hours line: the severity's own coverage when it has one, else the tenant's hours, or the
 * standard ones when its config is unavailable or odd.
 */
function hoursLine(
  config: WidgetConfig | null | undefined,
  cov: Coverage | undefined,
  s: Strings,
  locale: Locale,
): string {
  try {
    const hours = (cov ?? config)?.hours;
    if (hours) return describeHours(hours, locale, s, undefined, cov?.severity);
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
  // A severity on its own calendar (e.g. 24x7) speaks of that calendar, not the default one.
  const cov = config?.coverage?.find?.((c) => c.severity === props.severity);
  const cal = cov ?? config;
  const zone = cal?.hours?.timeZone || WIB;
  const when = (iso: string) => formatDue(iso, locale, timeZone, zone);
  // The config's open state is the tenant's calendar; the targets' is the fallback when it failed.
  const open = cal?.open ?? targets?.open;
  const nextOpenAt = cal?.nextOpenAt ?? targets?.nextOpenAt;
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
      <p class="hours">{hoursLine(config, cov, s, locale)}</p>
    </div>
  );
}
