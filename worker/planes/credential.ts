import type { DirectoryKind } from '../db/schema';

/** What a request carries that names its desk, before any lookup: a secret (hashed) or a plain key. */
export type CredentialRef = { kind: DirectoryKind; secret: string } | { kind: DirectoryKind; key: string };

/** The parts of a request the credential is read from (so the rule is testable without hono). */
export interface RequestParts {
  path: string;
  header(name: string): string | undefined;
  query(name: string): string | undefined;
  cookie(name: string): string | undefined;
}

/** Longer than any credential we issue: never hashed, never looked up. */
const MAX_CREDENTIAL = 512;

const bearer = (h: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(h ?? '')?.[1];
const safeDecode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return undefined;
  }
};
const usable = (v: string | undefined) => (v && v.length <= MAX_CREDENTIAL ? v : undefined);

/**
 * The one credential that decides a request's database (issue 15), by route family:
 * `/r/<token>` its link token; `/desk/*` the console session cookie (the development sign-in its
 * `?token=`); `/v1/admin/{desks|organisations|agents}/<id>` the id in the path; the widget routes
 * `X-Kinobi-Key` or `?key=`; agent routes the bearer token. Undefined: nothing names a desk (a
 * preflight, the health check, sign-in by email, creating a desk), so the control database answers.
 * Which credential is VALID is still decided by the route's own middleware, against that database.
 */
export function credentialOf(req: RequestParts, sessionCookie: string): CredentialRef | undefined {
  const link = /^\/r\/([^/]+)/.exec(req.path)?.[1];
  if (link) return usable(link) ? { kind: 'conversation_link', secret: link } : undefined;
  if (req.path === '/desk' || req.path.startsWith('/desk/')) {
    const devToken = req.path === '/desk/dev-sign-in' ? usable(req.query('token')) : undefined;
    if (devToken) return { kind: 'agent_token', secret: devToken };
    const session = usable(req.cookie(sessionCookie));
    return session ? { kind: 'desk_session', secret: session } : undefined;
  }
  const admin = /^\/v1\/admin\/(desks|organisations|agents)\/([^/]+)/.exec(req.path);
  if (admin?.[1] && admin[2]) {
    const kind = ({ desks: 'desk', organisations: 'organisation', agents: 'agent' } as const)[
      admin[1] as 'desks' | 'organisations' | 'agents'
    ];
    const id = usable(safeDecode(admin[2]));
    return id ? { kind, key: id } : undefined;
  }
  if (req.path.startsWith('/v1/admin/')) return undefined;
  const widgetKey = usable(req.header('X-Kinobi-Key')) ?? usable(req.query('key'));
  if (widgetKey) return { kind: 'widget_key', secret: widgetKey };
  const token = usable(bearer(req.header('Authorization')));
  return token ? { kind: 'agent_token', secret: token } : undefined;
}
