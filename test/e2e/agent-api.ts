import { BASE_URL } from './browser';

/** The seeded demo tenant's agent token (scripts/dev.mjs prints it too). */
export const DEMO_AGENT_TOKEN = 'demo-agent-token';

/** A ticket as the agent API lists it (the fields the browser tests look at). */
export interface AgentTicket {
  id: string;
  number: number;
  subject: string;
  severity: number;
  flags: string[];
  createdAt: string;
  firstResponseDueAt: string;
  [more: string]: unknown;
}

/** GET a path of the agent API with the demo agent token; throws on a non-2xx answer. */
export async function agentGet<T>(path: string): Promise<T> {
  const res = await fetch(`${BASE_URL}${path}`, { headers: { Authorization: `Bearer ${DEMO_AGENT_TOKEN}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every ticket of the demo tenant (follows the cursor), newest first by creation. */
export async function listTickets(): Promise<AgentTicket[]> {
  const all: AgentTicket[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const q = new URLSearchParams({ sort: 'created', limit: '100', ...(cursor ? { cursor } : {}) });
    const body = await agentGet<{
      tickets?: AgentTicket[];
      items?: AgentTicket[];
      nextCursor?: string | null;
    }>(`/v1/tickets?${q}`);
    all.push(...(body.tickets ?? body.items ?? []));
    cursor = body.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return all;
}

/** The demo tenant's tickets with this subject (a unique subject per test). */
export async function ticketsWithSubject(subject: string): Promise<AgentTicket[]> {
  return (await listTickets()).filter((t) => t.subject === subject);
}
