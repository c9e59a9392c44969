import type { Locale, ResponseTargets, Severity } from '../../shared/schema';
import type { WidgetConfig } from '../api';
import { fill } from '../fill';
import type { Strings } from '../strings';

/** What the response lines need: the tenant's config and targets (null: failed), words and zones. */
export interface ResponseInput {
  severity: Severity;
  targets: ResponseTargets | null | undefined;
  config: WidgetConfig | null | undefined;
  s: Strings;
  locale: Locale;
}

/**
 * The lines about a severity's first response: its due time (`due`, undefined while unknown), whether
 * support is open now (`open`), and the hours, from the severity's own coverage when it has one,
 * else the tenant's, else the standard ones when the config is unavailable or odd. The times are the
 * server's words (`dueText`, `nextOpenText`, in the user's zone and both languages): the panel ships
 * no date formatting (issue 12's weight); a time without its words is left out, never shown raw.
 */
export function responseLines({ severity, targets, config, s, locale }: ResponseInput) {
  const due = targets?.targets?.find((t) => t.severity === severity)?.dueText?.[locale];
  // A severity on its own calendar (e.g. 24x7) speaks of that calendar, not the default one.
  const cov = config?.coverage?.find?.((c) => c.severity === severity);
  const cal = cov ?? config;
  // The config's open state is the tenant's calendar; the targets' is the fallback when it failed.
  const open = cal?.open ?? targets?.open;
  const nextOpen = (cal?.nextOpenText ?? targets?.nextOpenText)?.[locale];
  return {
    due: due && fill(s.firstResponseBy, { n: severity, time: due }),
    open: open ? s.openNow : open === false && nextOpen ? fill(s.closedNow, { time: nextOpen }) : undefined,
    // worded by the worker (widget/hours.ts), in both languages; the standard hours when unknown
    hours: cal?.hoursText?.[locale] || s.standardHours,
  };
}

/** The expected first response for a severity (a target), whether support is open now, and the hours. */
export function ResponseTime(props: ResponseInput) {
  const { s, targets } = props;
  const r = responseLines(props);
  return (
    <div class="response">
      {r.due ? (
        <>
          <p class="due">{r.due}</p>
          <p>{s.target}</p>
        </>
      ) : (
        // failed, or an answer without the worded time
        targets !== undefined && <p>{s.targetsUnavailable}</p>
      )}
      {r.open && <p class="open-state">{r.open}</p>}
      <p class="hours">{r.hours}</p>
    </div>
  );
}
