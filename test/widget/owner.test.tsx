import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import { ownerOf } from '../../widget/identity';
import { keepTicket, readTickets } from '../../widget/tickets';
import { fakeApi, json, makeProps, NOW } from './fixtures';
import { fillWhat, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** Unsigned stand-ins for a host server's HS256 tokens: the panel only reads their claims. */
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.sig`;
const DEMO = token({ sub: 'd1', org: 'demo', email: 'it@demo.example', name: 'Dewi', exp: 2e9 });
const PREMIUM = token({ sub: 'u1', org: 'premium', email: 'it@premium.example', name: 'Rina', exp: 2e9 });

/**
 * fakeApi plus GET /v1/conversations answering one summary per ticket in X-Ticket-Tokens, so the
 * list shows exactly the tickets the panel sent tokens for; `lists` records each request's ids.
 */
type Created = ReturnType<typeof fakeApi>['created'] extends Map<unknown, infer T> ? T : never;

/** What the conversation routes say of a ticket the fake API created. */
const summary = (t: Created) => ({
  id: t.id,
  number: t.number,
  subject: `Subject ${t.number}`,
  status: 'new',
  severity: t.severity,
  firstResponseDueAt: t.firstResponseDueAt,
});

function fakeDesk() {
  const base = fakeApi();
  const lists: string[][] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const thread = /^\/v1\/tickets\/(tkt_\d+)\/conversation$/.exec(url.pathname)?.[1];
    const t = [...base.created.values()].find((c) => c.id === thread);
    if (t) {
      const ticket = summary(t);
      const items = [
        {
          kind: 'message',
          id: 'm1',
          from: 'customer',
          name: 'Sari',
          body: `Words of #${t.number}`,
          createdAt: new Date(NOW).toISOString(),
        },
      ];
      return json(200, { ticket, items, cursor: '1' });
    }
    if (url.pathname !== '/v1/conversations') return base.fetchImpl(input, init);
    const ids = (new Headers(init?.headers).get('X-Ticket-Tokens') ?? '')
      .split(',')
      .filter(Boolean)
      .map((e) => e.split(':')[0] ?? '');
    lists.push(ids);
    const conversations = [...base.created.values()]
      .filter((t) => ids.includes(t.id))
      .map((t) => ({ ...summary(t), lastActivityAt: new Date(NOW).toISOString(), unread: 0 }));
    return json(200, { conversations });
  };
  return { fetchImpl, lists, base };
}

type Props = ReturnType<typeof makeProps>;

/** Sends one question as the current identity (the contact step is read-only for a signed one). */
async function send(n: number) {
  fillWhat(/^a question$/i);
  const name = screen.getByLabelText(/^name/i) as HTMLInputElement;
  if (!name.readOnly) {
    type(/^name/i, 'Sari');
    type(/^email/i, 'sari@example.co.id');
  }
  press(/next/i);
  press(/send request/i);
  expect(await screen.findByText(`Your ticket number is #${n}.`)).toBeTruthy();
}

/** The host calls identify(): the loader replaces the identity and tells the panel (state.changed). */
function identify(view: ReturnType<typeof render>, props: Props, identity: Props['state']['identity']) {
  props.state.identity = identity;
  view.rerender(<App {...props} />);
}

/** Opens "My requests" and returns the ticket ids the list was asked for. */
async function openRequests(desk: ReturnType<typeof fakeDesk>): Promise<string[]> {
  const before = desk.lists.length;
  fireEvent.click(screen.getAllByRole('button', { name: 'My requests' })[0] as HTMLElement);
  await waitFor(() => expect(desk.lists.length).toBe(before + 1));
  await screen.findByRole('heading', { name: 'My requests', level: 3 });
  return desk.lists[before] ?? [];
}

describe('the saved result and held tickets belong to their sender', () => {
  it('hides a signed user’s result and requests after identify({}), and shows them again when they return', async () => {
    const desk = fakeDesk();
    const props = makeProps({ fetchImpl: desk.fetchImpl as unknown as typeof fetch });
    props.state.identity = { token: DEMO };
    const view = render(<App {...props} />);
    await send(1042);
    expect(screen.getByText(/it@demo\.example/)).toBeTruthy();

    identify(view, props, {});
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/#1042/)).toBeNull();
    expect(screen.queryByText(/it@demo\.example/)).toBeNull();
    // anonymous holds no ticket of its own: no "My requests" at all
    expect(screen.queryByRole('button', { name: 'My requests' })).toBeNull();

    identify(view, props, { token: DEMO });
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(await openRequests(desk)).toEqual(['tkt_1']);
    expect(await screen.findByText(/Subject 1042/)).toBeTruthy();
  });

  it('closes an open conversation of the earlier user when another one is identified', async () => {
    const desk = fakeDesk();
    const props = makeProps({ fetchImpl: desk.fetchImpl as unknown as typeof fetch });
    props.state.identity = { token: DEMO };
    const view = render(<App {...props} />);
    await send(1042);
    await openRequests(desk);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Subject 1042' }));
    expect(await screen.findByText('Words of #1042')).toBeTruthy();

    identify(view, props, { token: PREMIUM });
    await waitFor(() => expect(desk.lists.at(-1)).toEqual([]));
    expect(await screen.findByRole('heading', { name: 'My requests', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/Words of #1042|Subject 1042/)).toBeNull();
  });

  it('shows two signed users of one device only their own result and requests', async () => {
    const desk = fakeDesk();
    const props = makeProps({ fetchImpl: desk.fetchImpl as unknown as typeof fetch });
    props.state.identity = { token: DEMO };
    const view = render(<App {...props} />);
    await send(1042);

    identify(view, props, { token: PREMIUM });
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/it@demo\.example/)).toBeNull();
    expect(await openRequests(desk)).toEqual([]);
    expect(screen.queryByText(/Subject 1042/)).toBeNull();
    press('Back');
    await send(1043);
    expect(screen.getByText(/it@premium\.example/)).toBeTruthy();
    expect(await openRequests(desk)).toEqual(['tkt_2']);
    expect(await screen.findByText(/Subject 1043/)).toBeTruthy();

    // a reload as the demo user: Premium's result and ticket stay out of sight
    cleanup();
    const again = makeProps({ fetchImpl: desk.fetchImpl as unknown as typeof fetch });
    again.state.identity = { token: DEMO };
    render(<App {...again} />);
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/#1043|it@premium\.example/)).toBeNull();
    expect(await openRequests(desk)).toEqual(['tkt_1']);
    expect(await screen.findByText(/Subject 1042/)).toBeTruthy();
    expect(screen.queryByText(/Subject 1043/)).toBeNull();
  });

  it('keeps an anonymous user’s held tickets while a signed user comes and goes', async () => {
    const desk = fakeDesk();
    const props = makeProps({ fetchImpl: desk.fetchImpl as unknown as typeof fetch });
    const view = render(<App {...props} />);
    await send(1042);

    identify(view, props, { token: PREMIUM });
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(await openRequests(desk)).toEqual([]);
    press('Back');
    await send(1043);

    // one result is kept, the last sender's (Premium's): the anonymous user is back on the form
    identify(view, props, {});
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/#1043|it@premium\.example/)).toBeNull();
    expect(await openRequests(desk)).toEqual(['tkt_1']);
    expect(JSON.parse(localStorage.getItem('kinobi:tickets:test-key') ?? '{}')).toEqual({
      tkt_1: 'tok',
      tkt_2: 'tok',
    });
  });

  it('shows a result saved before its sender was kept to nobody, and counts a held ticket without an owner as anonymous', async () => {
    localStorage.setItem(
      'kinobi:result:test-key',
      JSON.stringify({
        number: 9,
        severity: 3,
        dueAt: '2026-11-30T07:00:00.000Z',
        email: 'x@y.z',
        category: 'question',
      }),
    );
    render(<App {...makeProps()} />);
    expect(await screen.findByRole('heading', { name: 'What happened', level: 3 })).toBeTruthy();
    expect(screen.queryByText(/#9|x@y\.z/)).toBeNull();

    localStorage.setItem('kinobi:tickets:test-key', JSON.stringify({ old: 'a' }));
    keepTicket(localStorage, 'kinobi:tickets:test-key', 'mine', 'b', ownerOf({ token: PREMIUM }));
    keepTicket(localStorage, 'kinobi:tickets:test-key', 'anon', 'c', ownerOf({}));
    expect(readTickets(localStorage, 'kinobi:tickets:test-key', '')).toEqual({ old: 'a', anon: 'c' });
    expect(readTickets(localStorage, 'kinobi:tickets:test-key', ownerOf({ token: PREMIUM }))).toEqual({
      mine: 'b',
    });
    // the loader's map is unchanged in shape: every token, `{ id: token }`
    expect(readTickets(localStorage, 'kinobi:tickets:test-key')).toEqual({ old: 'a', mine: 'b', anon: 'c' });
  });
});

describe('ownerOf', () => {
  it('is the token’s org and sub (the same across renewals), the legacy userId, or anonymous', () => {
    const renewed = token({ sub: 'u1', org: 'premium', email: 'it@premium.example', name: 'Rina', exp: 3e9 });
    expect(ownerOf({ token: PREMIUM })).toBe('t:premium:u1');
    expect(ownerOf({ token: renewed })).toBe(ownerOf({ token: PREMIUM }));
    expect(ownerOf({ token: token({ sub: 'u1', org: 'demo' }) })).not.toBe(ownerOf({ token: PREMIUM }));
    expect(ownerOf({ token: 'not-a-token' })).toBe('t::not-a-token');
    expect(ownerOf({ userId: 'legacy', userHash: 'a'.repeat(64) })).toBe('u:legacy');
    expect(ownerOf({})).toBe('');
    expect(ownerOf(undefined)).toBe('');
  });
});
