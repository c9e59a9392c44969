/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { formatTime, formatTimeOfDay, type SlaBadge, severityLabel, wibDate } from '../format';
import type { DeskLang, Strings } from '../strings';

/** An SLA badge: the state in words (never colour alone) and the time left or overdue. */
export function Sla({ badge }: { badge: SlaBadge }) {
  return (
    <span class={`sla sla-${badge.state}`}>
      <span class="sla-state">{badge.label}</span> <span class="sla-detail">{badge.detail}</span>
    </span>
  );
}

/** A severity as "S1 Critical". */
export function Severity({ n, s }: { n: number; s: Strings }) {
  return <span class={`sev sev-${n}`}>{severityLabel(n, s)}</span>;
}

/** A time element with the WIB wall-clock text; only the time of day when it falls on the day of `sameDayAs`. */
export function Time({ ms, lang, sameDayAs }: { ms: number; lang: DeskLang; sameDayAs?: number }) {
  const short = sameDayAs !== undefined && wibDate(sameDayAs) === wibDate(ms);
  return (
    <time datetime={new Date(ms).toISOString()}>
      {short ? formatTimeOfDay(ms, lang) : formatTime(ms, lang)}
    </time>
  );
}

/** A labelled select; `value` picks the selected option. */
export function Select({
  id,
  name,
  label,
  value,
  options,
  required,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: [string, string][];
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} required={required}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === (value ?? '')}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A table that scrolls sideways on a narrow screen instead of overflowing the page; focusable and
 * named by its section's heading (a group, not a second landmark), so a keyboard user can scroll it too.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: Child }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this only scrolls a table
    <div class="table-scroll" role="group" tabindex={0} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
