import type { ComponentChildren } from 'preact';
import type { Strings } from '../../strings';

// The security-incident path's chunk (widget/paths.ts): its words, the first step's notice and the
// confirmation's part.
export { strings } from './strings';

/** On the first step: report it now; severity 1, the security team is alerted, only the essentials asked. */
export function SecurityNotice({ s }: { s: Strings }) {
  return (
    <div class="notice urgent" role="note">
      <strong>{s.securityTitle}</strong>
      <p>{s.securityText}</p>
    </div>
  );
}

/** The confirmation's part: who was alerted, the coverage out of hours (`hours`) and what to do meanwhile. */
export function SecurityResult({ s, hours }: { s: Strings; hours: ComponentChildren }) {
  return (
    <div class="notice urgent">
      <p>{s.secAlerted}</p>
      {hours}
      <p>{s.secOutOfHours}</p>
      <strong>{s.secMeanwhileTitle}</strong>
      <ul>
        {s.secMeanwhile?.split('|').map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </div>
  );
}
