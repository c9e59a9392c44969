/** @jsxImportSource hono/jsx */
import type { TicketClock } from '../../../shared/clock-types';
import type { EnvironmentVerdict } from '../../../shared/environment';
import type { EnvironmentReport } from '../../../shared/schema';
import type { Agent } from '../../app-env';
import type { ListedAttachment } from '../../db/attachments';
import type { AgentRow, Message, Organisation, Ticket, TicketEvent } from '../../db/schema';
import type { TicketSummaryRow } from '../../db/ticket-list';
import { slaBadge } from '../format';
import type { DeskLang, Strings } from '../strings';
import { AttachmentList } from './attachments';
import { Layout, Notice } from './layout';
import { Severity, Sla, Time } from './parts';
import { ClockFacts, Clocks } from './ticket-clocks';
import { Facts } from './ticket-facts';
import { Actions, Composer } from './ticket-forms';

/** Everything the ticket page shows. */
export type TicketData = {
  s: Strings;
  lang: DeskLang;
  agent: Agent;
  ticket: Ticket;
  summary: TicketSummaryRow;
  events: TicketEvent[];
  messages: Message[];
  /** Every SLA clock at the page's instant. */
  clocks: TicketClock[];
  /** Every file of the ticket (on messages, of the opening mail, or uploaded and not yet sent). */
  attachments: ListedAttachment[];
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
            <AttachmentList files={d.attachments.filter((a) => a.messageId === m.id)} s={s} lang={lang} />
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
            {s.by} {actorLabel(e.actor, s, agentNames)} · <Time ms={e.createdAt} lang={lang} />
          </li>
        ),
      })),
  ];
  items.sort((a, b) => a.at - b.at);
  return <ol class="timeline">{items.map((i) => i.node)}</ol>;
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
      <ClockFacts ticket={t} summary={summary} clocks={d.clocks} s={s} lang={lang} />
      <Clocks clocks={d.clocks} lang={lang} s={s} />
      <div class="ticket-grid">
        <div class="ticket-main">
          <section aria-labelledby="desc-h" class="card">
            <h2 id="desc-h">{s.description}</h2>
            <div class="body">{t.description}</div>
            <AttachmentList
              files={d.attachments.filter((a) => a.messageId === null && a.uploadedBy === 'email')}
              s={s}
              lang={lang}
            />
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

/** Who an event was by, in the console's language: the agent's name, else the customer or the system. */
function actorLabel(actor: string, s: Strings, agentNames: Map<string, string>): string {
  const agent = /^agent:(.+)$/.exec(actor)?.[1];
  if (agent) return agentNames.get(agent) ?? agent;
  return s.actorName[actor] ?? actor;
}
