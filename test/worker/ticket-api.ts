import { exports } from 'cloudflare:workers';
import type { TicketCreated } from '../../shared/schema';
import { bearer } from './ticket-fixtures';

/** One clock of GET /v1/tickets/{id}'s `sla.clocks`. */
export type ClockView = {
  kind: string;
  cycle: number;
  state: string;
  dueAt: string | null;
  breachedAt: string | null;
  breach: { severity: number; businessMinutes: number } | null;
  severity: number;
  businessMinutes: number | null;
  pausedMinutes: number;
};

/** The parts of the ticket view these tests read. */
export type Detail = {
  id: string;
  number: number;
  severity: number;
  status: string;
  flags: string[];
  inScope: boolean;
  firstResponseDueAt: string;
  personalData: boolean;
  notificationDeadlineAt: string | null;
  sla: {
    state: string;
    policy: { guideVersion: string | null; recorded: boolean; targets: unknown };
    clocks: ClockView[];
  };
  events: { type: string; actor: string; data: Record<string, unknown> }[];
  error?: { code: string };
};

const HOUR = 3_600_000;
const api = (path: string, init: RequestInit = {}) => exports.default.fetch(`http://api.test${path}`, init);

/** A small typed client of the agents' API for the SLA tests. */
export function agentApi(token: string) {
  const json = { ...bearer(token), 'Content-Type': 'application/json' };
  return {
    /** Logs a phone request reported `receivedAt` (default: almost 7 days ago, so a severity 1 is long past due). */
    async logTicket(organisation: string, over: Record<string, unknown> = {}): Promise<TicketCreated> {
      const res = await api('/v1/tickets', {
        method: 'POST',
        headers: { ...json, 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          organisation,
          channel: 'phone',
          contact: { name: 'Budi Santoso', email: 'it@customer.example' },
          subject: 'Dasbor tidak bisa dibuka',
          description: 'Semua pengguna mendapat error 500.',
          category: 'problem',
          impact: { affected: 'service_unavailable', workaround: 'none' },
          receivedAt: new Date(Date.now() - 7 * 24 * HOUR + 60_000).toISOString(),
          ...over,
        }),
      });
      if (res.status !== 201) throw new Error(`logTicket: ${res.status} ${await res.text()}`);
      return (await res.json()) as TicketCreated;
    },
    async detail(id: string): Promise<Detail> {
      return (await (await api(`/v1/tickets/${id}`, { headers: bearer(token) })).json()) as Detail;
    },
    async patch(id: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await api(`/v1/tickets/${id}`, {
        method: 'PATCH',
        headers: { ...json, ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, etag: res.headers.get('ETag'), body: (await res.json()) as Detail };
    },
    async reply(id: string, body = 'Sedang kami periksa.', isPublic = true) {
      const res = await api(`/v1/tickets/${id}/messages`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ body, public: isPublic }),
      });
      if (res.status !== 201) throw new Error(`reply: ${res.status} ${await res.text()}`);
    },
    async get(path: string) {
      return api(path, { headers: bearer(token) });
    },
  };
}

/** A customer's reply through the widget with the ticket's access token. */
export async function customerReply(
  widgetKey: string,
  id: string,
  accessToken: string,
  body = 'Masih error.',
) {
  const res = await api(`/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: {
      'X-Kinobi-Key': widgetKey,
      'X-Ticket-Token': accessToken,
      'Content-Type': 'application/json',
      'CF-Connecting-IP': '10.1.2.3',
    },
    body: JSON.stringify({ body }),
  });
  if (res.status !== 201) throw new Error(`customer reply: ${res.status} ${await res.text()}`);
}

/** The clock of a kind (and cycle) in a ticket view. */
export const clockOf = (d: Detail, kind: string, cycle = 1) =>
  d.sla.clocks.find((c) => c.kind === kind && c.cycle === cycle);
