/** @jsxImportSource hono/jsx */

import type { BreachLine, SeverityReview } from '../../../shared/service-review';
import type { Agent } from '../../app-env';
import type { Organisation } from '../../db/schema';
import { severityLabel } from '../format';
import type { DeskLang, Strings } from '../strings';
import { Layout } from './layout';
import { Select, TableScroll, Time } from './parts';

/** Everything the service review shows. */
export type ReportData = {
  s: Strings;
  lang: DeskLang;
  agent: Agent;
  organisations: Organisation[];
  query: { organisation?: string; from: string; to: string };
  /** From the service review (shared/service-review.ts): replayed clocks and the append-only breach record. */
  severities: SeverityReview[];
  breaches: BreachLine[];
  closedWithoutReply: { tickets: number; numbers: number[] };
  warnings: string[];
  csvHref: string;
  here: string;
};

const minutes = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * Share of first responses on time among those decided (met, or breached by the severity at the breach:
 * a later downgrade never hides one); null without any.
 */
export function attainment(r: SeverityReview): number | null {
  const decided = r.firstResponses.met + r.firstResponses.breached;
  return decided === 0 ? null : r.firstResponses.met / decided;
}
const TEAMS = ['engineering', 'product', 'infrastructure', 'security'] as const;

/** Attainment per severity as horizontal bars, drawn on the server (no chart library, no script). */
function AttainmentChart({ s, rows }: { s: Strings; rows: SeverityReview[] }) {
  const W = 560;
  const left = 110;
  const barW = 360;
  const rowH = 34;
  const H = rows.length * rowH + 30;
  const summary = rows.map((r) => `S${r.severity} ${pct(attainment(r))}`).join(', ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-labelledby="chart-title"
    >
      <title id="chart-title">{s.chartLabel(summary)}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((x) => (
        <g>
          <line class="grid" x1={left + x * barW} x2={left + x * barW} y1={4} y2={H - 22} />
          <text class="axis" x={left + x * barW} y={H - 6} text-anchor="middle">
            {`${x * 100}%`}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const a = attainment(r);
        const y = 8 + i * rowH;
        return (
          <g>
            <text class="label" x={0} y={y + 17}>
              {severityLabel(r.severity, s)}
            </text>
            <rect class="track" x={left} y={y} width={barW} height={22} />
            {a !== null && (
              <rect
                class={`bar bar-${r.severity}`}
                x={left}
                y={y}
                width={Math.max(1, a * barW)}
                height={22}
              />
            )}
            {/* a share beside its bar; "no tickets"/"none decided yet" inside the empty track, where it fits */}
            <text class="value" x={a !== null ? left + barW + 8 : left + 8} y={y + 17}>
              {a !== null ? pct(a) : r.tickets === 0 ? s.noData : s.noneDecided}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The service review: period and organisation form, chart, table, breach list, CSV and print. */
export function ReportPage(d: ReportData) {
  const { s, query: q } = d;
  return (
    <Layout s={s} title={s.reportTitle} agent={d.agent} here={d.here} section="reports" page="reports">
      <h1>{s.reportTitle}</h1>
      <form method="get" action="/desk/reports" class="filters no-print">
        <Select
          id="r-organisation"
          name="organisation"
          label={s.organisation}
          value={q.organisation}
          options={[
            ['', s.allOrganisations],
            ...d.organisations.map((o): [string, string] => [o.slug, o.name]),
          ]}
        />
        <div class="field">
          <label for="r-from">{s.from}</label>
          <input id="r-from" name="from" type="date" value={q.from} required />
        </div>
        <div class="field">
          <label for="r-to">{s.to}</label>
          <input id="r-to" name="to" type="date" value={q.to} required />
        </div>
        <div class="buttons">
          <button type="submit" class="primary">
            {s.show}
          </button>
          <a href={d.csvHref} download>
            {s.downloadCsv}
          </a>
          <button type="button" data-print hidden>
            {s.print}
          </button>
        </div>
      </form>
      <p class="print-only">
        {d.organisations.find((o) => o.slug === q.organisation)?.name ?? s.allOrganisations} · {q.from} –{' '}
        {q.to}
      </p>
      <section aria-labelledby="att-h">
        <h2 id="att-h">{s.attainment}</h2>
        <AttainmentChart s={s} rows={d.severities} />
        <TableScroll labelledBy="att-h">
          <table>
            <caption class="visually-hidden">{s.attainment}</caption>
            <thead>
              <tr>
                <th scope="col">{s.severity}</th>
                <th scope="col">{s.tickets}</th>
                <th scope="col">{s.met}</th>
                <th scope="col">{s.breached}</th>
                <th scope="col">{s.pending}</th>
                <th scope="col">{s.closedWithoutReply}</th>
                <th scope="col">{s.attainmentShort}</th>
                <th scope="col">{s.median}</th>
                <th scope="col">{s.p90}</th>
                <th scope="col">{s.resolvedMedian}</th>
                <th scope="col">{s.pausedOnCustomer}</th>
              </tr>
            </thead>
            <tbody>
              {d.severities.map((r) => (
                <tr>
                  <th scope="row">{severityLabel(r.severity, s)}</th>
                  <td>{r.tickets}</td>
                  <td>{r.firstResponses.met}</td>
                  <td>{r.firstResponses.breached}</td>
                  <td>{r.firstResponses.pending}</td>
                  <td>{r.closedWithoutReply}</td>
                  <td>{pct(attainment(r))}</td>
                  <td>{minutes(r.businessMinutesToFirstResponse.median)}</td>
                  <td>{minutes(r.businessMinutesToFirstResponse.p90)}</td>
                  <td>
                    {minutes(r.resolution.businessMinutesMedian)} ({r.resolution.resolved})
                  </td>
                  <td>{minutes(r.pausedOnCustomerMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <p class="hint">{s.reviewBasis}</p>
      </section>
      <section aria-labelledby="esc-h">
        <h2 id="esc-h">{s.escalationsByTeam}</h2>
        <TableScroll labelledBy="esc-h">
          <table>
            <thead>
              <tr>
                <th scope="col">{s.severity}</th>
                {TEAMS.map((t) => (
                  <th scope="col">{s.teamName[t]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.severities.map((r) => (
                <tr>
                  <th scope="row">{severityLabel(r.severity, s)}</th>
                  {TEAMS.map((t) => (
                    <td>{r.escalations[t] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section aria-labelledby="breach-h">
        <h2 id="breach-h">{s.breaches}</h2>
        {d.breaches.length === 0 ? (
          <p>{s.noBreaches}</p>
        ) : (
          <TableScroll labelledBy="breach-h">
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.number}</th>
                  <th scope="col">{s.subject}</th>
                  <th scope="col">{s.clockCols.clock}</th>
                  <th scope="col">{s.severityAtBreach}</th>
                  <th scope="col">{s.target}</th>
                  <th scope="col">{s.dueAt}</th>
                  <th scope="col">{s.lateBy}</th>
                </tr>
              </thead>
              <tbody>
                {d.breaches.map((b) => (
                  <tr data-breach={`${b.number}:${b.clock}`}>
                    <td>
                      <a href={`/desk/tickets/${encodeURIComponent(b.ticketId)}`}>#{b.number}</a>
                    </td>
                    <td>{b.subject}</td>
                    <td>
                      {s.clockName[b.clock]}
                      {b.clock === 'next_response' ? ` ${b.cycle}` : ''}
                    </td>
                    <td>S{b.severity}</td>
                    <td>{s.businessMinutes(b.targetBusinessMinutes)}</td>
                    <td>
                      <Time ms={b.dueAt} lang={d.lang} />
                    </td>
                    <td>
                      {b.lateBusinessMinutes === null
                        ? '—'
                        : s.businessMinutes(Math.round(b.lateBusinessMinutes))}
                      {b.stillRunning ? ` (${s.stillRunning})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="cwr-h">
        <h2 id="cwr-h">{s.closedWithoutReply}</h2>
        <p>
          {s.closedWithoutReplyLine(d.closedWithoutReply.tickets)}
          {d.closedWithoutReply.numbers.length > 0 &&
            ` ${d.closedWithoutReply.numbers.map((n) => `#${n}`).join(', ')}`}
        </p>
      </section>
      {d.warnings.length > 0 && (
        <section aria-labelledby="warn-h">
          <h2 id="warn-h">{s.warnings}</h2>
          <ul>
            {d.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
