/** @jsxImportSource hono/jsx */
import type { Category, Locale, Severity } from '../../shared/schema';
import { fill } from '../../widget/fill';
import { formHref, Page } from './Page';
import type { FormStrings } from './strings';

/** A received request as the result page tells it. */
export interface ResultFacts {
  number: number;
  severity: Severity;
  category: Category;
  /** The first-response due time, already worded ("Mon 30 Nov, 13:00 WIB"). */
  due: string;
  email: string;
  /** "Support is open now." or when it opens, for this severity's hours. */
  status: string;
}

/**
 * The answer to a sent form (and to its resend): the ticket number, the severity and what it means,
 * the first-response due time worded as a target, where the answer arrives and whether support is
 * open now; a security incident also says who was alerted and what to do meanwhile.
 */
export function ResultPage(p: { s: FormStrings; lang: Locale; widgetKey: string; r: ResultFacts }) {
  const { s, r } = p;
  const security = r.category === 'security_incident';
  const title = security ? s.secTitle : s.sentTitle;
  return (
    <Page lang={p.lang} title={title}>
      <h1>{title}</h1>
      <p class="big">{fill(s.ticketNumber, { number: r.number })}</p>
      <p>
        <strong>{fill(s.severityIs, { n: r.severity, name: s[`sev${r.severity}`] })}</strong>
        {' — '}
        {s[`sevMeaning${r.severity}`]}
      </p>
      <p>{fill(s.sentDue, { time: r.due })}</p>
      <p>{s.target}</p>
      <p>{fill(s.answerBy, { email: r.email })}</p>
      <p class="status">{r.status}</p>
      {r.category === 'professional_services' && <p>{s.servicesReview}</p>}
      {security && (
        <div class="notice urgent">
          <p>{s.secAlerted}</p>
          <p>{s.secOutOfHours}</p>
          <h2>{s.secMeanwhileTitle}</h2>
          <ul>
            {s.secMeanwhile.split('|').map((t) => (
              <li>{t}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <a href={formHref(p.widgetKey, p.lang)}>{s.newRequest}</a>
      </p>
    </Page>
  );
}
