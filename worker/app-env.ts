import type { Db } from './db/client';
import type { DatabaseName } from './db/databases';
import type { Desk, Organisation } from './db/schema';
import type { Env } from './env';

/** The agent behind a bearer token: a person of one desk. */
export interface Agent {
  id: string;
  name: string;
  email: string | null;
  role: 'agent' | 'lead' | 'admin';
  teams: string[];
  deskId: string;
}

/** Hono generics for every route: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The request's database handle, resolved once per request (routing a desk elsewhere is one place). */
    db: Db;
    /** Which binding c.var.db is a session of (middleware/db.ts): `DB` or a data database. */
    database: DatabaseName;
    /** Set by the widget-key middleware (public routes) or the agent-auth middleware. */
    desk: Desk;
    /** The organisation a widget key is bound to (a customer's own deployment), or null for a desk key. */
    keyOrganisation: Organisation | null;
    /** Set by the agent-auth middleware. */
    agent: Agent;
  };
}

/** Puts a signed-in agent and their desk on the context (bearer token or console session alike). */
export function setAgent(
  c: { set(key: 'agent', value: Agent): void; set(key: 'desk', value: Desk): void },
  agent: Omit<Agent, 'deskId'> & { teams: readonly string[] },
  desk: Desk,
): void {
  c.set('agent', {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    teams: [...agent.teams],
    deskId: desk.id,
  });
  c.set('desk', desk);
}
