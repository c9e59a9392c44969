import type { Tenant } from './db/schema';
import type { Env } from './env';

/** The agent behind a bearer token. */
export interface Agent {
  id: string;
  name: string;
  tenantId: string;
}

/** Hono generics for every route: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by the widget-key middleware (public routes) or the agent-auth middleware. */
    tenant: Tenant;
    /** Set by the agent-auth middleware. */
    agent: Agent;
  };
}
