import { describe, expect, it } from 'vitest';
import { bookmarkCookiePath, readBookmark, sessionStart } from '../../worker/planes/bookmark';
import { credentialOf, type RequestParts } from '../../worker/planes/credential';
import { leastLoaded } from '../../worker/planes/register';

const COOKIE = 'kinobi_desk_session';
function req(
  path: string,
  parts: {
    headers?: Record<string, string>;
    query?: Record<string, string>;
    cookies?: Record<string, string>;
  } = {},
): RequestParts {
  return {
    path,
    header: (n) => parts.headers?.[n],
    query: (n) => parts.query?.[n],
    cookie: (n) => parts.cookies?.[n],
  };
}

describe('credentialOf', () => {
  it('takes the widget key of the widget routes, from the header before the query', () => {
    expect(credentialOf(req('/v1/tickets', { headers: { 'X-Kinobi-Key': 'wk1' } }), COOKIE)).toEqual({
      kind: 'widget_key',
      secret: 'wk1',
    });
    expect(credentialOf(req('/v1/forms/request', { query: { key: 'wk2' } }), COOKIE)).toEqual({
      kind: 'widget_key',
      secret: 'wk2',
    });
  });

  it('takes the bearer token of agent routes', () => {
    expect(credentialOf(req('/v1/tickets', { headers: { Authorization: 'Bearer at_1' } }), COOKIE)).toEqual({
      kind: 'agent_token',
      secret: 'at_1',
    });
    expect(
      credentialOf(req('/v1/tickets', { headers: { Authorization: 'Basic x' } }), COOKIE),
    ).toBeUndefined();
  });

  it('takes the id in admin paths, never the admin secret, and nothing for admin routes without one', () => {
    const auth = { headers: { Authorization: 'Bearer admin-secret' } };
    expect(credentialOf(req('/v1/admin/desks/desk_a/agents', auth), COOKIE)).toEqual({
      kind: 'desk',
      key: 'desk_a',
    });
    expect(credentialOf(req('/v1/admin/organisations/org_x', auth), COOKIE)).toEqual({
      kind: 'organisation',
      key: 'org_x',
    });
    expect(credentialOf(req('/v1/admin/agents/agt_1/tokens', auth), COOKIE)).toEqual({
      kind: 'agent',
      key: 'agt_1',
    });
    expect(credentialOf(req('/v1/admin/desks', auth), COOKIE)).toBeUndefined();
    expect(credentialOf(req('/v1/admin/holidays/id/2027', auth), COOKIE)).toBeUndefined();
    expect(credentialOf(req('/v1/admin/desks/%E0%A4%A', auth), COOKIE)).toBeUndefined();
  });

  it('takes the session cookie of the console, the dev link its token, and /r its link token', () => {
    expect(credentialOf(req('/desk', { cookies: { [COOKIE]: 'ds_1' } }), COOKIE)).toEqual({
      kind: 'desk_session',
      secret: 'ds_1',
    });
    expect(
      credentialOf(
        req('/desk/dev-sign-in', { query: { token: 'at_2' }, cookies: { [COOKIE]: 'ds_1' } }),
        COOKIE,
      ),
    ).toEqual({
      kind: 'agent_token',
      secret: 'at_2',
    });
    expect(credentialOf(req('/desk/sign-in'), COOKIE)).toBeUndefined();
    expect(credentialOf(req('/r/cl_abc'), COOKIE)).toEqual({ kind: 'conversation_link', secret: 'cl_abc' });
  });

  it('never looks up something longer than any credential, or a request that names no desk', () => {
    expect(
      credentialOf(req('/v1/tickets', { headers: { 'X-Kinobi-Key': 'k'.repeat(513) } }), COOKIE),
    ).toBeUndefined();
    expect(credentialOf(req(`/r/${'t'.repeat(600)}`), COOKIE)).toBeUndefined();
    expect(credentialOf(req('/v1/health'), COOKIE)).toBeUndefined();
  });
});

describe('leastLoaded', () => {
  it('picks the data database with the fewest desks, the first one on a tie or when none is placed', () => {
    expect(leastLoaded(new Map())).toBe('DATA_1');
    expect(
      leastLoaded(
        new Map([
          ['DATA_1', 3],
          ['DATA_2', 1],
        ]),
      ),
    ).toBe('DATA_2');
    expect(
      leastLoaded(
        new Map([
          ['DATA_1', 2],
          ['DATA_2', 2],
        ]),
      ),
    ).toBe('DATA_1');
    // Desks left in DB (before the split) do not count: new desks go to data databases only.
    expect(
      leastLoaded(
        new Map([
          ['DB', 0],
          ['DATA_1', 1],
        ]),
      ),
    ).toBe('DATA_2');
  });
});

describe('D1 session helpers', () => {
  it('starts writes at the primary and reads at the bookmark or any replica', () => {
    expect(sessionStart('POST', 'b')).toBe('first-primary');
    expect(sessionStart('PATCH', undefined)).toBe('first-primary');
    expect(sessionStart('GET', '0000-0001-00ab')).toBe('0000-0001-00ab');
    expect(sessionStart('HEAD', undefined)).toBe('first-unconstrained');
  });

  it('accepts only bookmark-shaped values and scopes the cookie to the HTML pages', () => {
    expect(readBookmark('00000000-00000001-00000000-00000000000000000000000000000000')).toBeTruthy();
    expect(readBookmark('x; drop')).toBeUndefined();
    expect(readBookmark('')).toBeUndefined();
    expect(readBookmark('a'.repeat(300))).toBeUndefined();
    expect(bookmarkCookiePath('/desk/tickets/1')).toBe('/desk');
    expect(bookmarkCookiePath('/r/tok')).toBe('/r');
    expect(bookmarkCookiePath('/v1/tickets')).toBeUndefined();
  });
});
