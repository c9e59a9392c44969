/** @jsxImportSource hono/jsx */
import type { TicketClock } from '../../../shared/clock-types';
import { summaryDueAt } from '../../../shared/sla-summary';
import type { Ticket } from '../../db/schema';
import type { TicketSummaryRow } from '../../db/ticket-list';
import type { DeskLang, Strings } from '../strings';
import { TableScroll, Time } from './parts';

type Props = { s: Strings; lang: DeskLang };

/** "Received <t> (outside support hours)": the receipt, and why counting starts later when it does. */
function Received({ at, countsFrom, s, lang }: Props & { at: number; countsFrom: number }) {
  return (
    <>
      <Time ms={at} lang={lang} />
      {countsFrom > at && ` (${s.outsideHours})`}
    </>
  );
}

/**
 * The first-response facts above the clock table. While unanswered: when it was received, when
 * counting began, at risk from and due. Once answered, that clock has stopped: it shows whether the
 * answer was in time (against the due time it was held to) and the due time of the clock that runs
 * next, so no stale "due" is left beside a met or late answer.
 */
export function ClockFacts({
  ticket: t,
  summary,
  clocks,
  s,
  lang,
}: Props & { ticket: Ticket; summary: TicketSummaryRow; clocks: readonly TicketClock[] }) {
  const first = clocks.find((c) => c.kind === 'first_response');
  const next = summaryDueAt(summary);
  return (
    <dl class="clock">
      <div>
        <dt>{s.receivedAt}</dt>
        <dd data-fact="received">
          <Received at={t.receivedAt} countsFrom={t.clockStartsAt} s={s} lang={lang} />
        </dd>
      </div>
      <div>
        <dt>{s.clockStarts}</dt>
        <dd data-fact="clock-from">
          <Time ms={t.clockStartsAt} lang={lang} />
        </dd>
      </div>
      {t.firstResponseAt === null ? (
        <>
          <div>
            <dt>{s.atRiskFrom}</dt>
            <dd data-fact="at-risk">
              <Time ms={t.atRiskAt} lang={lang} />
            </dd>
          </div>
          <div>
            <dt>{s.firstResponseDue}</dt>
            <dd data-fact="due">
              <Time ms={t.firstResponseDueAt} lang={lang} />
            </dd>
          </div>
          <div>
            <dt>{s.answeredAt}</dt>
            <dd data-fact="first-response">—</dd>
          </div>
        </>
      ) : (
        <>
          <div>
            <dt>{s.answeredAt}</dt>
            <dd data-fact="first-response">
              {first?.state === 'breached' ? s.answerLate : s.answerMet}, {s.answered}{' '}
              <Time ms={t.firstResponseAt} lang={lang} /> ({s.dueWord}{' '}
              <Time ms={t.firstResponseDueAt} lang={lang} />)
            </dd>
          </div>
          <div>
            <dt>{s.nextDue}</dt>
            <dd data-fact="next-due">
              {next !== null && summary.slaClock ? (
                <>
                  {s.clockName[summary.slaClock]}: <Time ms={next} lang={lang} />
                </>
              ) : (
                s.nothingRunning
              )}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}

/** Every SLA clock of the ticket (issue 10): state, start, due or stop, business minutes and time paused. */
export function Clocks({ clocks, lang, s }: Props & { clocks: readonly TicketClock[] }) {
  return (
    <section aria-labelledby="clocks-h" class="card clocks">
      <h2 id="clocks-h">{s.clocksTitle}</h2>
      <TableScroll labelledBy="clocks-h">
        <table>
          <thead>
            <tr>
              <th scope="col">{s.clockCols.clock}</th>
              <th scope="col">{s.clockCols.state}</th>
              <th scope="col">{s.clockCols.started}</th>
              <th scope="col">{s.clockCols.due}</th>
              <th scope="col">{s.clockCols.minutes}</th>
            </tr>
          </thead>
          <tbody>
            {clocks.map((c) => (
              <tr data-clock={c.kind} data-state={c.state}>
                <th scope="row">
                  {s.clockName[c.kind]}
                  {c.kind === 'next_response' ? ` ${c.cycle}` : ''}
                </th>
                <td>
                  <span class={`sla sla-${c.state === 'running' ? 'on_track' : c.state}`}>
                    {s.clockStates[c.state]}
                  </span>
                </td>
                <td class="clock-start">
                  {c.kind === 'next_response' ? s.startedBy.customerReply : s.startedBy.received}{' '}
                  <Received at={c.startedAt} countsFrom={c.countsFrom} s={s} lang={lang} />
                  {c.countsFrom > c.startedAt && (
                    <>
                      {' · '}
                      {s.clockFrom} <Time ms={c.countsFrom} lang={lang} sameDayAs={c.startedAt} />
                    </>
                  )}
                </td>
                <td>
                  <span class="card-label">{s.clockCols.due}: </span>
                  {c.dueAt !== null ? (
                    <Time ms={c.dueAt} lang={lang} />
                  ) : c.businessMinutes === null ? (
                    s.noTarget
                  ) : (
                    '—'
                  )}
                  {c.stoppedAt !== null && (
                    <>
                      {' / '}
                      <Time ms={c.stoppedAt} lang={lang} />
                    </>
                  )}
                </td>
                <td>
                  <span class="card-label">{s.clockCols.minutes}: </span>
                  {Math.round(c.elapsedMinutes)}
                  {c.businessMinutes !== null ? ` / ${c.businessMinutes}` : ''} ({Math.round(c.pausedMinutes)}
                  )
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
