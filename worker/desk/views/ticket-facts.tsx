/** @jsxImportSource hono/jsx */
import { environmentMessage } from '../../../shared/environment-messages';
import { FlagSchema } from '../../../shared/schema';
import type { TicketData } from './ticket';

/** Customer, organisation (coverage, contacts), environment report, flags and scope. */
export function Facts({ d }: { d: TicketData }) {
  const { s, ticket: t, organisation: o } = d;
  const env = d.environment;
  return (
    <>
      <section aria-labelledby="customer-h" class="card">
        <h2 id="customer-h">{s.customer}</h2>
        <dl class="facts">
          <dt>{s.contact}</dt>
          <dd>
            {t.contactName} &lt;{t.contactEmail}&gt;
            <br />
            {t.contactAuthorised ? s.authorised : s.notAuthorised} ·{' '}
            {t.contactVerified ? s.verified : s.notVerified}
          </dd>
          <dt>{s.organisation}</dt>
          <dd>{o?.name ?? s.noOrganisation}</dd>
          {d.coverage && (
            <>
              <dt>{s.coverage}</dt>
              <dd>
                <ul class="plain">
                  {d.coverage.map((c) => (
                    <li>
                      S{c.severity}: {s.businessMinutes(c.businessMinutes)}
                      {c.ownCalendar ? ` (${s.ownCalendar})` : ''}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{s.successContact}</dt>
          <dd>
            {o?.successContactEmail
              ? `${o.successContactName ?? ''} <${o.successContactEmail}>`.trim()
              : s.none}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="env-h" class="card">
        <h2 id="env-h">{s.environment}</h2>
        {env ? (
          <dl class="facts">
            <dt>{s.browser}</dt>
            <dd>
              {env.report.browser
                ? `${env.report.browser.name} ${env.report.browser.version}`
                : env.report.userAgent}
            </dd>
            <dt>{s.os}</dt>
            <dd>{env.report.os ?? '—'}</dd>
            <dt>{env.verdict.supported ? s.supported : s.unsupported}</dt>
            <dd>
              <ul class="plain">
                {[...env.verdict.reasons, ...env.verdict.warnings].map((f) => (
                  <li>{environmentMessage(f)}</li>
                ))}
              </ul>
            </dd>
            <dt>{s.recentErrors}</dt>
            <dd>
              {env.report.recentErrors?.length ? (
                <ul class="plain errors">
                  {env.report.recentErrors.map((e) => (
                    <li>
                      <code>{e}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                s.none
              )}
            </dd>
          </dl>
        ) : (
          <p>{s.noEnvironment}</p>
        )}
      </section>
      <section aria-labelledby="flags-h" class="card">
        <h2 id="flags-h">{s.flagsScope}</h2>
        <p>{t.inScope ? s.inScope : s.outOfScope}</p>
        {t.flags.length ? (
          <ul class="flags">
            {t.flags.map((f) => (
              <li>
                <code>{s.flagName[f] ?? f}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p>{s.noFlags}</p>
        )}
        <details>
          <summary>{s.editFlags}</summary>
          <form method="post" action={`/desk/tickets/${encodeURIComponent(t.id)}/flags`} class="stack">
            <fieldset>
              <legend>{s.flagsScope}</legend>
              {FlagSchema.options.map((f) => (
                <label class="check">
                  <input type="checkbox" name="flag" value={f} checked={t.flags.includes(f)} />{' '}
                  {s.flagName[f] ?? f}
                </label>
              ))}
              <label class="check">
                <input type="checkbox" name="inScope" value="yes" checked={t.inScope} /> {s.inScopeBox}
              </label>
            </fieldset>
            <label for="flags-reason">{s.reason}</label>
            <input id="flags-reason" name="reason" required maxlength={1000} />
            <button type="submit">{s.saveFlags}</button>
          </form>
        </details>
      </section>
    </>
  );
}
