/** @jsxImportSource hono/jsx */
import { ATTACHMENT_ACCEPT } from '../../../shared/attachments';
import { severityLabel } from '../format';
import { ESCALATION_TEAMS } from '../queue-views';
import { Select } from './parts';
import type { TicketData } from './ticket';

/** The composer: public reply or internal note, with canned replies (inserted by the island, or by a GET form). */
export function Composer({ d }: { d: TicketData }) {
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
      <form
        method="post"
        action={`/desk/tickets/${encodeURIComponent(ticket.id)}/messages`}
        enctype="multipart/form-data"
        class="stack"
      >
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
        <label for="composer-files">{s.files}</label>
        <input
          type="file"
          id="composer-files"
          name="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          aria-describedby="composer-files-hint"
        />
        <p class="hint" id="composer-files-hint">
          {s.filesHint}
        </p>
        <button type="submit" class="primary">
          {s.send}
        </button>
      </form>
    </section>
  );
}

/** Assign, severity (with a reason), status and escalation: each its own POST form. */
export function Actions({ d }: { d: TicketData }) {
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
          options={[1, 2, 3, 4].map((n): [string, string] => [String(n), severityLabel(n, s)])}
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
