/** @jsxImportSource hono/jsx */
import type { EnvironmentVerdict } from '../../../shared/environment';
import { environmentMessage } from '../../../shared/environment-messages';
import { type EnvironmentReport, FlagSchema } from '../../../shared/schema';
import type { Agent } from '../../app-env';
import type { AgentRow, Message, Organisation, Ticket, TicketEvent } from '../../db/schema';
import type { TicketSummaryRow } from '../../db/ticket-list';
import { slaBadge } from '../format';
import { ESCALATION_TEAMS } from '../queue-views';
import type { DeskLang, Strings } from '../strings';
import { Layout, Notice } from './layout';
import { Select, Severity, Sla, Time } from './parts';

/** Everything the ticket page shows. */
export type TicketData = {
  s: Strings;
  lang: DeskLang;
  agent: Agent;
  ticket: Ticket;
  summary: TicketSummaryRow;
  events: TicketEvent[];
  messages: Message[];
  organisation?: Organisation;
  coverage?: { severity: number; businessMinutes: number; ownCalendar: boolean }[];
  environment?: { report: EnvironmentReport; verdict: EnvironmentVerdict };
  agents: AgentRow[];
  canned: { lang: DeskLang; label: string; replies: { id: string; title: string; body: string }[] }[];
  /** Text to start the composer with (a canned reply chosen without JavaScript). */
  draft?: string;
  notice?: string;
  /** Makes the composer's and the escalation form's idempotency keys (one per rendered page). */
  formKey: string;
  now: number;
  here: string;
};

type Item = { at: number; key: string; node: unknown };

/** One event in words: what changed, from what to what, and why. */
function eventText(e: TicketEvent, s: Strings, agents: Map<string, string>): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const name = (id: unknown) => (typeof id === 'string' ? (agents.get(id) ?? id) : s.unassigned);
  const why = typeof d.reason === 'string' ? ` (${s.reason}: ${d.reason})` : '';
  switch (e.type) {
    case 'severity_changed':
      return `S${d.from} → S${d.to}${why}`;
    case 'status_changed':
      return `${s.statusName[String(d.from)] ?? d.from} → ${s.statusName[String(d.to)] ?? d.to}`;
    case 'assignee_changed':
      return `${name(d.from)} → ${name(d.to)}`;
    case 'escalated':
      return `${s.teamName[String(d.team)] ?? d.team}: ${d.note}`;
    case 'flags_changed': {
      const list = (v: unknown) =>
        Array.isArray(v) && v.length ? v.map((f) => s.flagName[String(f)] ?? f).join(', ') : s.none;
      return `${list(d.from)} → ${list(d.to)}${why}`;
    }
    case 'scope_changed':
      return `${d.to ? s.inScope : s.outOfScope}${why}`;
    case 'first_response':
      return d.outcome === 'met' || d.outcome === 'breached' ? s.sla[d.outcome] : '';
    default:
      return why.trim();
  }
}

/** Messages and events, oldest first; `message_added` events are the messages themselves. */
function Timeline({ d }: { d: TicketData }) {
  const { s, lang } = d;
  const agentNames = new Map(d.agents.map((a) => [a.id, a.name]));
  const items: Item[] = [
    ...d.messages.map((m) => {
      const kind = m.authorType === 'customer' ? 'customer' : m.public ? 'reply' : 'note';
      const label =
        kind === 'customer' ? s.customerMessage : kind === 'reply' ? s.agentReply : s.internalNote;
      return {
        at: m.createdAt,
        key: m.id,
        node: (
          <li class={`msg msg-${kind}`} id={`m-${m.id}`}>
            <p class="meta">
              <span class="tag">{label}</span> <strong>{m.author}</strong> ·{' '}
              <Time ms={m.createdAt} lang={lang} />
            </p>
            <div class="body">{m.body}</div>
          </li>
        ),
      };
    }),
    ...d.events
      .filter((e) => e.type !== 'message_added')
      .map((e) => ({
        at: e.createdAt,
        key: e.id,
        node: (
          <li class="event">
            <span class="tag">{s.event}</span> {s.eventName[e.type] ?? e.type} {eventText(e, s, agentNames)} ·{' '}
            {s.by} {e.actor.replace(/^agent:/, '')} · <Time ms={e.createdAt} lang={lang} />
          </li>
        ),
      })),
  ];
  items.sort((a, b) => a.at - b.at);
  return <ol class="timeline">{items.map((i) => i.node)}</ol>;
}

/** The composer: public reply or internal note, with canned replies (inserted by the island, or by a GET form). */
function Composer({ d }: { d: TicketData }) {
  const { s, ticket } = d;
  return (
    <section aria-labelledby="composer-h" class="card">
      <h2 id="composer-h">{s.composer}</h2>
      <form method="get" action={`/desk/tickets/${encodeURIComponent(ticket.id)}`} class="inline canned-form">
        <label for="canned">{s.canned}</label>
        <select id="canned" name="canned">
          <option value="">{s.cannedNone}</option>
          {d.canned.map((g) => (
            <optgroup label={g.label}>
              {g.replies.map((r) => (
                <option value={`${g.lang}:${r.id}`} data-body={r.body}>
                  {r.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button type="submit">{s.useCanned}</button>
      </form>
      <form method="post" action={`/desk/tickets/${encodeURIComponent(ticket.id)}/messages`} class="stack">
        <input type="hidden" name="key" value={`${d.formKey}.m`} />
        <fieldset class="kind">
          <legend>{s.kind}</legend>
          <label>
            <input type="radio" name="kind" value="reply" id="kind-reply" checked /> {s.kindReply}
          </label>
          <label>
            <input type="radio" name="kind" value="note" id="kind-note" /> {s.kindNote}
          </label>
        </fieldset>
        <label for="composer-body">{s.body}</label>
        <textarea id="composer-body" name="body" rows={6} required maxlength={10000}>
          {d.draft ?? ''}
        </textarea>
        <button type="submit" class="primary">
          {s.send}
        </button>
      </form>
    </section>
  );
}

/** Assign, severity (with a reason), status and escalation: each its own POST form. */
function Actions({ d }: { d: TicketData }) {
  const { s, ticket } = d;
  const base = `/desk/tickets/${encodeURIComponent(ticket.id)}`;
  return (
    <section aria-labelledby="actions-h" class="card actions">
      <h2 id="actions-h">{s.actions}</h2>
      <form method="post" action={`${base}/assign`} class="stack">
        <Select
          id="assign-select"
          name="assignee"
          label={s.assignTo}
          value={ticket.assigneeId ?? 'none'}
          options={[
            ['me', s.me],
            ['none', s.unassigned],
            ...d.agents.filter((a) => a.id !== d.agent.id).map((a): [string, string] => [a.id, a.name]),
            ...d.agents.filter((a) => a.id === d.agent.id).map((a): [string, string] => [a.id, a.name]),
          ]}
        />
        <button type="submit">{s.assign}</button>
      </form>
      <form method="post" action={`${base}/severity`} class="stack">
        <Select
          id="severity-select"
          name="severity"
          label={s.severity}
          value={String(ticket.severity)}
          options={[1, 2, 3, 4].map((n): [string, string] => [String(n), `S${n} ${s.sevName[n]}`])}
        />
        <label for="severity-reason">{s.reason}</label>
        <input id="severity-reason" name="reason" required maxlength={1000} />
        <button type="submit">{s.changeSeverity}</button>
      </form>
      <form method="post" action={`${base}/status`} class="status-form">
        <fieldset>
          <legend>{s.setStatus}</legend>
          <button type="submit" name="status" value="pending" disabled={ticket.status === 'pending'}>
            {s.markPending}
          </button>
          <button type="submit" name="status" value="resolved" disabled={ticket.status === 'resolved'}>
            {s.markResolved}
          </button>
          <button type="submit" name="status" value="closed" disabled={ticket.status === 'closed'}>
            {s.markClosed}
          </button>
        </fieldset>
      </form>
      <form method="post" action={`${base}/escalations`} class="stack">
        <input type="hidden" name="key" value={`${d.formKey}.e`} />
        <Select
          id="escalate-team"
          name="team"
          label={`${s.escalate}: ${s.escalateTo}`}
          options={ESCALATION_TEAMS.map((t): [string, string] => [t, s.teamName[t] ?? t])}
        />
        <label for="escalate-note">{s.note}</label>
        <textarea id="escalate-note" name="note" rows={2} required maxlength={2000} />
        <button type="submit">{s.escalate}</button>
      </form>
    </section>
  );
}

/** Customer, organisation (coverage, contacts), environment report, flags and scope. */
function Facts({ d }: { d: TicketData }) {
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

/** The ticket page: summary, SLA clock, description and timeline, composer, facts and actions. */
export function TicketPage(d: TicketData) {
  const { s, lang, ticket: t, summary } = d;
  return (
    <Layout
      s={s}
      title={`#${t.number} ${t.subject}`}
      agent={d.agent}
      here={d.here}
      section="queue"
      page="ticket"
    >
      <p>
        <a href="/desk">{s.backToQueue}</a>
      </p>
      <h1>
        #{t.number} {t.subject}
      </h1>
      <Notice text={d.notice} />
      <dl class="summary">
        <div>
          <dt>{s.slaTitle}</dt>
          <dd>
            <Sla badge={slaBadge(t, d.now, lang, s)} />
          </dd>
        </div>
        <div>
          <dt>{s.severity}</dt>
          <dd>
            <Severity n={t.severity} s={s} />
          </dd>
        </div>
        <div>
          <dt>{s.status}</dt>
          <dd>{s.statusName[t.status]}</dd>
        </div>
        <div>
          <dt>{s.assignee}</dt>
          <dd>{summary.assigneeName ?? s.unassigned}</dd>
        </div>
        <div>
          <dt>{s.organisation}</dt>
          <dd>{summary.organisationName ?? s.noOrganisation}</dd>
        </div>
        <div>
          <dt>{s.waitingOn}</dt>
          <dd>{t.waitingOn === 'us' ? s.waitingUs : s.waitingCustomer}</dd>
        </div>
      </dl>
      <dl class="clock">
        <div>
          <dt>{s.receivedAt}</dt>
          <dd>
            <Time ms={t.receivedAt} lang={lang} />
          </dd>
        </div>
        <div>
          <dt>{s.clockStarts}</dt>
          <dd>
            <Time ms={t.clockStartsAt} lang={lang} />
          </dd>
        </div>
        <div>
          <dt>{s.atRiskFrom}</dt>
          <dd>
            <Time ms={t.atRiskAt} lang={lang} />
          </dd>
        </div>
        <div>
          <dt>{s.dueAt}</dt>
          <dd>
            <Time ms={t.firstResponseDueAt} lang={lang} />
          </dd>
        </div>
        <div>
          <dt>{s.answeredAt}</dt>
          <dd>{t.firstResponseAt ? <Time ms={t.firstResponseAt} lang={lang} /> : '—'}</dd>
        </div>
      </dl>
      <div class="ticket-grid">
        <div class="ticket-main">
          <section aria-labelledby="desc-h" class="card">
            <h2 id="desc-h">{s.description}</h2>
            <div class="body">{t.description}</div>
            {t.steps && (
              <>
                <h3>{s.steps}</h3>
                <div class="body">{t.steps}</div>
              </>
            )}
            {t.expected && (
              <>
                <h3>{s.expected}</h3>
                <div class="body">{t.expected}</div>
              </>
            )}
          </section>
          <section aria-labelledby="timeline-h" id="timeline">
            <h2 id="timeline-h">{s.timeline}</h2>
            <Timeline d={d} />
          </section>
          <Composer d={d} />
        </div>
        <aside class="ticket-side" aria-label={s.actions}>
          <Actions d={d} />
          <Facts d={d} />
        </aside>
      </div>
    </Layout>
  );
}
