import { ALL_DATABASES } from '../db/databases';
/**
 * Development only, for the capacity bench (scripts/bench/capacity.mjs): counts the D1 statements
 * and round trips this isolate runs, through every entry (requests, waitUntil work, queue consumers,
 * cron). Off unless ENVIRONMENT is `development` and the var D1_QUERY_COUNTER is `on`, which the
 * bench passes to `wrangler dev --var`; tests and deployments never see the wrapper.
 */
export const d1Counter = { statements: 0, roundTrips: 0, byEntry: {} as Record<string, Tally> };

/** Statements and round trips of one entry (fetch with its waitUntil work, queue, scheduled, email). */
export type Tally = { statements: number; roundTrips: number };

/** Counts `statements` in one round trip, in the totals and under `entry`. */
function tally(entry: string, statements: number) {
  d1Counter.statements += statements;
  d1Counter.roundTrips++;
  const t = d1Counter.byEntry[entry] ?? { statements: 0, roundTrips: 0 };
  d1Counter.byEntry[entry] = t;
  t.statements += statements;
  t.roundTrips++;
}

/** Starts counting from zero. */
export function resetD1Counter() {
  d1Counter.statements = 0;
  d1Counter.roundTrips = 0;
  d1Counter.byEntry = {};
}

/** Whether this environment counts D1 statements. */
export const d1CounterOn = (env: { ENVIRONMENT?: string; D1_QUERY_COUNTER?: string }) =>
  env.ENVIRONMENT === 'development' && env.D1_QUERY_COUNTER === 'on';

const EXECUTE = new Set(['first', 'run', 'all', 'raw']);
const inner = new WeakMap<object, D1PreparedStatement>();

/** A prepared statement that counts each execution; `bind` keeps counting. */
function counted(stmt: D1PreparedStatement, entry: string): D1PreparedStatement {
  const proxy = new Proxy(stmt, {
    get(target, prop) {
      if (prop === 'bind') return (...values: unknown[]) => counted(target.bind(...values), entry);
      const value = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && EXECUTE.has(prop)) {
        return (...args: unknown[]) => {
          tally(entry, 1);
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
  inner.set(proxy, stmt);
  return proxy;
}

/** The D1 binding, counting: one round trip per execution or batch, one statement per statement in it. */
export function countingD1(d1: D1Database, entry = 'other'): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => counted(target.prepare(query), entry);
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          tally(entry, statements.length);
          // D1 takes only its own statements: hand over what the proxies wrap.
          return target.batch(statements.map((s) => inner.get(s) ?? s));
        };
      }
      // A D1 session (the request's handle, worker/middleware/db.ts) counts as its database does.
      if (prop === 'withSession') {
        return (constraint?: string) =>
          countingD1(target.withSession(constraint) as unknown as D1Database, entry);
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `env` with every database (control and data) counting under `entry` when the counter is on, else `env` itself. */
export function withD1Counter<E extends { ENVIRONMENT?: string; D1_QUERY_COUNTER?: string }>(
  env: E,
  entry: string,
): E {
  if (!d1CounterOn(env)) return env;
  const counted: Record<string, D1Database> = {};
  for (const name of ALL_DATABASES) {
    const d1 = (env as unknown as Record<string, D1Database | undefined>)[name];
    if (d1) counted[name] = countingD1(d1, entry);
  }
  return { ...env, ...counted };
}
