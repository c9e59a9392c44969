import type { Severity } from '../../shared/schema';
import { fill } from '../fill';
import type { Strings } from '../strings';

/** The severity a request gets and what that level means, in plain words. */
export function SeverityNote({ severity, s }: { severity: Severity; s: Strings }) {
  return (
    <div class="severity" data-severity={severity} aria-live="polite">
      <strong>{fill(s.severityIs, { n: severity, name: s[`sev${severity}`] })}</strong>
      <p>{s[`sevMeaning${severity}`]}</p>
    </div>
  );
}
