/** @jsxImportSource hono/jsx */

import { NO_DUE } from '../../../shared/sla-summary';
import type { Agent } from '../../app-env';
import type { AgentRow, Organisation } from '../../db/schema';
import type { TicketSummaryRow } from '../../db/ticket-list';
import { severityLabel, slaBadge } from '../format';
import { ESCALATION_TEAMS, QUEUE_VIEWS, type QueueQuery, type QueueView, queueSearch } from '../queue-views';
import type { DeskLang, Strings } from '../strings';
import { Layout } from './layout';
import { Select, Severity, Sla, Time } from './parts';

/** Everything the queue page shows. */
export type QueueData = {
  s: Strings;
  lang: DeskLang;
  agent: Agent;
  query: QueueQuery;
  rows: TicketSummaryRow[];
  nextCursor: string | null;
  organisations: Organisation[];
  agents: AgentRow[];
  now: number;
  here: string;
};

const viewLabel = (v: QueueView, s: Strings) =>
  ({
    all: s.viewAll,
    'needs-first-response': s.viewNeedsFirst,
    'customer-replied': s.viewCustomerReplied,
    'at-risk': s.viewAtRisk,
    'waiting-customer': s.viewWaitingCustomer,
    mine: s.viewMine,
    escalated: s.viewEscalated,
    security: s.viewSecurity,
  })[v];

/** The rows of the queue table: also what the light poll fetches (`?partial=rows`) and swaps in. */
export function QueueRows({ s, lang, rows, now }: Pick<QueueData, 's' | 'lang' | 'rows' | 'now'>) {
  if (rows.length === 0) {
    return (
      <tbody id="queue-rows" data-count="0">
        <tr>
          <td colspan={8}>{s.noTickets}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody id="queue-rows" data-count={String(rows.length)}>
      {rows.map((t) => (
        <tr data-ticket={t.id} class={`row sev-row-${t.severity}`}>
          <td class="q-due">
            <Sla badge={slaBadge(t, now, lang, s)} />
            <br />
            {t.slaDueAt !== NO_DUE && <Time ms={t.slaDueAt} lang={lang} />}
          </td>
          <td class="q-number">#{t.number}</td>
          <td class="q-subject">
            <a class="row-link" href={`/desk/tickets/${encodeURIComponent(t.id)}`}>
              {t.subject}
            </a>
          </td>
          <td class="q-org">{t.organisationName ?? s.noOrganisation}</td>
          <td class="q-sev">
            <Severity n={t.severity} s={s} />
          </td>
          <td class="q-status">{s.statusName[t.status]}</td>
          <td class="q-assignee">{t.assigneeName ?? s.unassigned}</td>
          <td class="q-waiting">
            {/* The column's name, shown only where the rows are cards (no header row on a phone). */}
            <span class="card-label">{s.waitingOn}: </span>
            {t.waitingOn === 'us' ? s.waitingUs : s.waitingCustomer}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** The queue: views, filters and search (a GET form), and every organisation's tickets by due time. */
export function QueuePage(d: QueueData) {
  const { s, query: q } = d;
  const keep = {
    q: q.q,
    organisation: q.organisation,
    severity: q.severity,
    status: q.status,
    assignee: q.assignee,
    team: q.team,
  };
  const orgOptions: [string, string][] = [
    ['', s.any],
    ...d.organisations.map((o): [string, string] => [o.slug, o.name]),
  ];
  const agentOptions: [string, string][] = [
    ['', s.any],
    ['me', s.me],
    ['none', s.unassigned],
    ...d.agents.map((a): [string, string] => [a.id, a.name]),
  ];
  return (
    <Layout s={s} title={s.queueTitle} agent={d.agent} here={d.here} section="queue" page="queue">
      <h1>{s.queueTitle}</h1>
      <nav aria-label={s.views} class="views">
        <ul>
          {QUEUE_VIEWS.map((v) => (
            <li>
              <a
                class="view-link"
                href={`/desk${queueSearch({ ...keep, view: v })}`}
                aria-current={v === q.view ? 'page' : undefined}
              >
                {viewLabel(v, s)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/desk" class="filters" aria-label={s.filters}>
        <input type="hidden" name="view" value={q.view} />
        <div class="field grow">
          <label for="q">{s.search}</label>
          <input id="q" name="q" type="search" value={q.q ?? ''} maxlength={200} />
        </div>
        <Select
          id="f-organisation"
          name="organisation"
          label={s.organisation}
          value={q.organisation}
          options={orgOptions}
        />
        <Select
          id="f-severity"
          name="severity"
          label={s.severity}
          value={q.severity === undefined ? '' : String(q.severity)}
          options={[
            ['', s.any],
            ...[1, 2, 3, 4].map((n): [string, string] => [String(n), severityLabel(n, s)]),
          ]}
        />
        <Select
          id="f-status"
          name="status"
          label={s.status}
          value={q.status}
          options={[
            ['', s.anyOpen],
            ...['new', 'open', 'pending', 'resolved', 'closed'].map((v): [string, string] => [
              v,
              s.statusName[v] ?? v,
            ]),
          ]}
        />
        <Select
          id="f-assignee"
          name="assignee"
          label={s.assignee}
          value={q.assignee}
          options={agentOptions}
        />
        <Select
          id="f-team"
          name="team"
          label={s.team}
          value={q.team}
          options={[['', s.any], ...ESCALATION_TEAMS.map((t): [string, string] => [t, s.teamName[t] ?? t])]}
        />
        <div class="buttons">
          <button type="submit" class="primary">
            {s.apply}
          </button>
          <a href={`/desk${queueSearch({ view: q.view })}`}>{s.clear}</a>
        </div>
      </form>
      <p
        id="queue-status"
        role="status"
        class="muted"
        data-updated={s.updated}
        data-poll={q.cursor ? undefined : '15000'}
      >
        {s.ticketsShown(d.rows.length)}
      </p>
      <table class="queue">
        <caption class="visually-hidden">{`${s.queueTitle}: ${viewLabel(q.view, s)}`}</caption>
        <thead>
          <tr>
            <th scope="col">{s.due}</th>
            <th scope="col">{s.number}</th>
            <th scope="col">{s.subject}</th>
            <th scope="col">{s.organisation}</th>
            <th scope="col">{s.severity}</th>
            <th scope="col">{s.status}</th>
            <th scope="col">{s.assignee}</th>
            <th scope="col">{s.waitingOn}</th>
          </tr>
        </thead>
        <QueueRows s={s} lang={d.lang} rows={d.rows} now={d.now} />
      </table>
      <nav class="pager" aria-label={s.nextPage}>
        {q.cursor && <a href={`/desk${queueSearch({ ...keep, view: q.view })}`}>{s.firstPage}</a>}
        {d.nextCursor && (
          <a href={`/desk${queueSearch({ ...keep, view: q.view, cursor: d.nextCursor })}`} rel="next">
            {s.nextPage}
          </a>
        )}
      </nav>
    </Layout>
  );
}
