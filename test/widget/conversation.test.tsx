import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationItem } from '../../shared/conversation-schema';
import { App } from '../../widget/App';
import { createApiClient } from '../../widget/api';
import { POLL_MS, type ReplyItem, Requests, type RequestsProps } from '../../widget/conversation/Requests';
import { fakeApi, json, makeProps, NOW } from './fixtures';
import { fillWhat, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const at = (min: number) => new Date(NOW + min * 60_000).toISOString();
/** The identity token of tkt_1's user, signed by the host (opaque to the widget). */
const SIGNED = 'signed-identity-of-sari';

/**
 * A fake of the customer's conversation routes over fakeApi (which answers config, targets and intake):
 * one ticket, tkt_1 with token `tok`; the cursor is the number of items read.
 */
function fakeConversations() {
  const base = fakeApi();
  const items: ConversationItem[] = [
    {
      kind: 'message',
      id: 'm1',
      from: 'customer',
      name: 'Sari',
      body: 'The CSV export fails.',
      createdAt: at(0),
    },
    {
      kind: 'message',
      id: 'm2',
      from: 'agent',
      name: 'Budi',
      body: 'We are looking into it.',
      createdAt: at(5),
    },
  ];
  const reads: (string | null)[] = [];
  const sentHeaders: { token: string | null; identity: string | null }[] = [];
  const replies: { key: string | null; body: string }[] = [];
  const seen = new Set<string>();
  const net = { offline: false };
  const ticket = {
    id: 'tkt_1',
    number: 1042,
    subject: 'Export fails',
    status: 'open' as const,
    severity: 3 as const,
    firstResponseDueAt: at(60),
    firstResponseAt: at(5),
  };
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const h = new Headers(init?.headers);
    if (!url.pathname.startsWith('/v1/conversations') && !url.pathname.startsWith('/v1/tickets/tkt_'))
      return base.fetchImpl(input, init);
    if (net.offline) throw new TypeError('Failed to fetch');
    if (url.pathname === '/v1/conversations') {
      const held = (h.get('X-Ticket-Tokens') ?? '').split(',');
      if (!held.includes('tkt_1:tok') && !h.get('X-Kinobi-Identity'))
        return json(401, { error: { code: 'customer_proof_required', message: 'no' } });
      const { firstResponseAt: _, ...summary } = ticket;
      return json(200, { conversations: [{ ...summary, lastActivityAt: at(5), unread: 1 }] });
    }
    // the device's token, or the signed identity of the ticket's user (another device)
    const proven = h.get('X-Ticket-Token') === 'tok' || h.get('X-Kinobi-Identity') === SIGNED;
    if (!proven) return json(404, { error: { code: 'not_found', message: 'no' } });
    sentHeaders.push({ token: h.get('X-Ticket-Token'), identity: h.get('X-Kinobi-Identity') });
    if (url.pathname === '/v1/tickets/tkt_1/conversation') {
      const after = url.searchParams.get('after');
      reads.push(after);
      return json(200, { ticket, items: items.slice(Number(after ?? 0)), cursor: String(items.length) });
    }
    if (url.pathname === '/v1/tickets/tkt_1/messages' && init?.method === 'POST') {
      const key = h.get('Idempotency-Key');
      const { body } = JSON.parse(String(init.body)) as { body: string };
      replies.push({ key, body });
      if (key && seen.has(key)) return json(200, { id: key });
      if (key) seen.add(key);
      items.push({
        kind: 'message',
        id: `r${items.length}`,
        from: 'customer',
        name: 'Sari',
        body,
        createdAt: at(9),
      });
      return json(201, { id: key });
    }
    return json(404, { error: { code: 'not_found', message: 'no' } });
  };
  return { fetchImpl: fetchImpl as typeof fetch, items, reads, replies, net, base, sentHeaders };
}

/** A window whose timers the test runs by hand, and a document whose visibility it sets. */
function controlled() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let n = 0;
  const target = new EventTarget();
  const win = {
    navigator: { onLine: true },
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    setTimeout: ((fn: () => void, ms: number) => {
      timers.set(++n, { fn, ms });
      return n;
    }) as unknown as Window['setTimeout'],
    clearTimeout: ((id: number) => timers.delete(id)) as Window['clearTimeout'],
  };
  const docTarget = new EventTarget();
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: docTarget.addEventListener.bind(docTarget),
    removeEventListener: docTarget.removeEventListener.bind(docTarget),
    dispatchEvent: docTarget.dispatchEvent.bind(docTarget),
  };
  /** Runs the timers due at `ms` (the poll), as the clock would. */
  const run = (ms: number) => {
    for (const [id, t] of [...timers]) {
      if (t.ms !== ms) continue;
      timers.delete(id);
      t.fn();
    }
  };
  return { win, doc, timers, run };
}

function renderRequests(api: ReturnType<typeof fakeConversations>, over: Partial<RequestsProps> = {}) {
  localStorage.setItem('kinobi:tickets:test-key', JSON.stringify({ tkt_1: 'tok' }));
  const c = controlled();
  let n = 0;
  const props: RequestsProps = {
    api: createApiClient('https://support.example', 'test-key', api.fetchImpl, () => NOW),
    widgetKey: 'test-key',
    storage: localStorage,
    win: c.win,
    doc: c.doc as unknown as RequestsProps['doc'],
    now: () => NOW,
    newId: () => `reply-${++n}`,
    locale: 'en',
    onBack: () => {},
    ...over,
  };
  render(<Requests {...props} />);
  return c;
}

const storedReplies = () =>
  JSON.parse(localStorage.getItem('kinobi:replies:test-key') ?? '[]') as ReplyItem[];

describe('My requests (issue 13)', () => {
  it('keeps the ticket token on the device and opens the list and the thread from the result screen', async () => {
    const api = fakeConversations();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(screen.queryByRole('button', { name: 'My requests' })).toBeNull();
    fillWhat(/^a question$/i);
    type(/^name/i, 'Sari');
    type(/^email/i, 'sari@example.co.id');
    press(/next/i);
    press(/send request/i);
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('kinobi:tickets:test-key') ?? '{}')).toEqual({ tkt_1: 'tok' });
    // in the header and on the result screen
    const entries = screen.getAllByRole('button', { name: 'My requests' });
    expect(entries.length).toBe(2);
    fireEvent.click(entries[1] as HTMLElement);
    const item = await screen.findByRole('button', { name: '#1042 Export fails' });
    expect(screen.getByRole('heading', { name: 'My requests', level: 3 })).toBeTruthy();
    expect(screen.getByText(/1 new/)).toBeTruthy();
    fireEvent.click(item);
    expect(await screen.findByText('We are looking into it.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '#1042 Export fails', level: 3 })).toBeTruthy();
    press('Back');
    expect(await screen.findByRole('button', { name: '#1042 Export fails' })).toBeTruthy();
    press('Back');
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
  });

  it('shows the entry on the first step when the device holds a ticket', async () => {
    localStorage.setItem('kinobi:tickets:test-key', JSON.stringify({ tkt_1: 'tok' }));
    render(<App {...makeProps({ fetchImpl: fakeConversations().fetchImpl })} />);
    await screen.findByRole('heading', { name: 'What happened', level: 3 });
    expect(screen.getAllByRole('button', { name: 'My requests' }).length).toBe(2);
  });

  it('tells the launcher the unread replies of the list, and that opening a conversation has seen them', async () => {
    const counts: number[] = [];
    renderRequests(fakeConversations(), { onUnread: (n) => counts.push(n) });
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    expect(counts).toEqual([1, 0]);
  });

  it('renders the thread oldest first, with a labelled reply box and the status', async () => {
    const api = fakeConversations();
    renderRequests(api);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    const thread = await screen.findByRole('list', { name: 'Conversation' });
    await waitFor(() => expect(thread.querySelectorAll('li').length).toBe(2));
    const text = thread.textContent ?? '';
    expect(text.indexOf('The CSV export fails.')).toBeLessThan(text.indexOf('We are looking into it.'));
    expect(text).toContain('You');
    expect(text).toContain('Budi');
    expect(screen.getByText('Status: Open')).toBeTruthy();
    expect(screen.getByLabelText('Your reply').tagName).toBe('TEXTAREA');
    expect(api.reads).toEqual([null]);
  });

  it('speaks Indonesian', async () => {
    renderRequests(fakeConversations(), { locale: 'id' });
    expect(await screen.findByRole('heading', { name: 'Permintaan saya' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    expect(await screen.findByLabelText('Balasan Anda')).toBeTruthy();
  });

  it('lets a signed user reply on a device that never held the ticket, proving it by identity', async () => {
    const api = fakeConversations();
    renderRequests(api, { identity: SIGNED });
    localStorage.removeItem('kinobi:tickets:test-key');
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    await screen.findByText('We are looking into it.');
    expect(screen.queryByText(/another device/)).toBeNull();
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Sent from my phone.' } });
    press('Send reply');
    await waitFor(() => expect(api.replies).toEqual([{ key: 'reply-1', body: 'Sent from my phone.' }]));
    expect(api.sentHeaders.at(-1)).toEqual({ token: null, identity: SIGNED });
  });

  it('offers no reply box, but email, for a ticket this device cannot prove', async () => {
    const api = fakeConversations();
    renderRequests(api);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    await screen.findByText('We are looking into it.');
    // the token went away (storage cleared by the browser) while the thread was open
    localStorage.removeItem('kinobi:tickets:test-key');
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'x' } });
    expect(
      await screen.findByText('This request was sent from another device: reply to it by email.'),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Your reply')).toBeNull();
  });

  it('names the time zone of the times in the list (the browser’s: WIB here)', async () => {
    renderRequests(fakeConversations(), { locale: 'id' });
    const item = await screen.findByRole('button', { name: '#1042 Export fails' });
    expect(item.parentElement?.textContent).toMatch(/\d\d\.\d\d WIB/);
  });

  it('says so when there is nothing to show (no tokens, no identity)', async () => {
    const api = fakeConversations();
    renderRequests(api);
    localStorage.removeItem('kinobi:tickets:test-key');
    cleanup();
    render(
      <Requests
        api={createApiClient('https://support.example', 'test-key', api.fetchImpl, () => NOW)}
        widgetKey="test-key"
        storage={localStorage}
        win={controlled().win}
        now={() => NOW}
        newId={() => 'x'}
        locale="en"
        onBack={() => {}}
      />,
    );
    expect(await screen.findByText('You have no requests on this device yet.')).toBeTruthy();
  });

  it('queues a reply typed offline and sends it exactly once when back online', async () => {
    const api = fakeConversations();
    const c = renderRequests(api);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    await screen.findByText('We are looking into it.');
    api.net.offline = true;
    c.win.navigator.onLine = false;
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Still failing today.' } });
    press('Send reply');
    expect(await screen.findByText(/Not sent yet/)).toBeTruthy();
    expect(storedReplies()).toMatchObject([{ id: 'reply-1', ticket: 'tkt_1', body: 'Still failing today.' }]);
    expect((screen.getByLabelText('Your reply') as HTMLTextAreaElement).value).toBe('');

    api.net.offline = false;
    c.win.navigator.onLine = true;
    await act(async () => {
      c.win.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(storedReplies()).toEqual([]));
    // the retry timer may fire too: it finds nothing left to send
    for (const t of [...c.timers.values()]) if (t.ms !== POLL_MS) t.fn();
    await waitFor(() => expect(screen.queryByText(/Not sent yet/)).toBeNull());
    expect(api.replies).toEqual([{ key: 'reply-1', body: 'Still failing today.' }]);
    expect(api.items.filter((i) => i.kind === 'message' && i.body === 'Still failing today.').length).toBe(1);
    // read-your-own-write: the reply comes back in the thread from the server
    const thread = screen.getByRole('list', { name: 'Conversation' });
    await waitFor(() => expect(thread.textContent).toContain('Still failing today.'));
    expect(thread.querySelectorAll('li').length).toBe(3);
  });

  it('sends a reply left in the outbox on the next page load with the same Idempotency-Key', async () => {
    const api = fakeConversations();
    localStorage.setItem(
      'kinobi:replies:test-key',
      JSON.stringify([
        { id: 'reply-old', ticket: 'tkt_1', body: 'From before.', attempts: 2, nextAt: NOW + 1e6 },
      ]),
    );
    renderRequests(api);
    await waitFor(() => expect(storedReplies()).toEqual([]));
    expect(api.replies).toEqual([{ key: 'reply-old', body: 'From before.' }]);
  });

  it('polls every 12 s while visible, not while hidden, and catches up by cursor when visible again', async () => {
    const api = fakeConversations();
    const c = renderRequests(api);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    await screen.findByText('We are looking into it.');
    await waitFor(() => expect([...c.timers.values()].some((t) => t.ms === POLL_MS)).toBe(true));
    expect(api.reads).toEqual([null]);

    // a poll while visible reads after the cursor
    await act(async () => c.run(POLL_MS));
    await waitFor(() => expect(api.reads).toEqual([null, '2']));
    await waitFor(() => expect([...c.timers.values()].some((t) => t.ms === POLL_MS)).toBe(true));

    // hidden: the next poll reads nothing and stops polling
    c.doc.visibilityState = 'hidden';
    await act(async () => c.run(POLL_MS));
    await act(async () => {
      c.doc.dispatchEvent(new Event('visibilitychange'));
    });
    expect(api.reads).toEqual([null, '2']);
    expect([...c.timers.values()].some((t) => t.ms === POLL_MS)).toBe(false);

    // an agent answers meanwhile; back to visible: one catch-up read from the cursor
    api.items.push({
      kind: 'message',
      id: 'm3',
      from: 'agent',
      name: 'Budi',
      body: 'Fixed in 4.2.1.',
      createdAt: at(20),
    });
    api.items.push({ kind: 'status', id: 's1', status: 'resolved', createdAt: at(21) });
    c.doc.visibilityState = 'visible';
    await act(async () => {
      c.doc.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await screen.findByText('Fixed in 4.2.1.')).toBeTruthy();
    expect(api.reads).toEqual([null, '2', '2']);
    expect(screen.getByRole('status').textContent).toBe('New reply from Budi: Fixed in 4.2.1.');
    expect(screen.getAllByText(/Status: Resolved/).length).toBeGreaterThan(0);
    // nothing is shown twice
    expect(screen.getAllByText('We are looking into it.').length).toBe(1);
  });

  it('catches up after the connection comes back', async () => {
    const api = fakeConversations();
    const c = renderRequests(api);
    fireEvent.click(await screen.findByRole('button', { name: '#1042 Export fails' }));
    await screen.findByText('We are looking into it.');
    api.items.push({
      kind: 'message',
      id: 'm3',
      from: 'agent',
      name: 'Budi',
      body: 'Back online?',
      createdAt: at(20),
    });
    await act(async () => {
      c.win.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByText('Back online?')).toBeTruthy();
    expect(api.reads).toEqual([null, '2']);
  });
});
