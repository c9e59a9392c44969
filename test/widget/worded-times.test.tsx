import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseTargets, WidgetConfig } from '../../shared/schema';
import { App } from '../../widget/App';
import { fakeApi, json, makeConfig, makeProps, makeTargets, makeTicket, NOW } from './fixtures';
import { fillContact, fillWhat, press } from './walk';

// Issue 12: the worker words the due and opening times (in the user's zone, both languages); the
// panel shows its words and ships no date formatting.

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const both = (tag: string) => ({ en: `${tag} (en)`, id: `${tag} (id)` });
/** Targets whose severity 4 due time the server worded as `due`, support closed until `opens`. */
const targetsWith = (due: Partial<Record<'en' | 'id', string>> | undefined): ResponseTargets => {
  const t = makeTargets({ open: false, nextOpenText: both('server opening') });
  return {
    ...t,
    targets: t.targets.map((r) => (r.severity === 4 ? { ...r, dueText: due as never } : r)),
  };
};
const closedConfig = (): WidgetConfig => ({
  ...makeConfig({ open: false }),
  nextOpenText: both('config opening'),
});
const paths = (calls: unknown[][], path: string) =>
  calls.map(([u]) => new URL(String(u))).filter((u) => u.pathname === path);

describe('panel: the server’s worded times', () => {
  it('asks for the times in the user’s zone and shows the server’s words, in either language without asking again', async () => {
    const api = fakeApi(
      ['ok'],
      () => json(200, targetsWith(both('server due'))),
      () => json(200, closedConfig()),
    );
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, timeZone: 'Asia/Makassar' })} />);
    fillWhat(/^a question$/i);
    fillContact();
    expect(await screen.findByText('Severity 4: first response by server due (en)')).toBeTruthy();
    expect(screen.getByText('Support is closed now; it opens again config opening (en).')).toBeTruthy();
    const calls = api.fetchImpl.mock.calls;
    expect(paths(calls, '/v1/widget/config').map((u) => u.searchParams.get('tz'))).toEqual(['Asia/Makassar']);
    expect(paths(calls, '/v1/response-targets').map((u) => u.searchParams.get('tz'))).toEqual([
      'Asia/Makassar',
    ]);
    press('Bahasa Indonesia');
    expect(await screen.findByText('Severity 4: tanggapan awal paling lambat server due (id)')).toBeTruthy();
    expect(screen.getByText('Dukungan sedang tutup; buka lagi config opening (id).')).toBeTruthy();
    expect(paths(api.fetchImpl.mock.calls, '/v1/response-targets')).toHaveLength(1);
  });

  it('says the targets are unavailable, never a raw instant, when the server sent no words', async () => {
    const api = fakeApi(
      ['ok'],
      () => json(200, { ...targetsWith(undefined), nextOpenText: undefined }),
      () => json(200, { ...closedConfig(), nextOpenText: undefined }),
    );
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    expect(
      await screen.findByText(
        'We could not load the response times right now; your request is still received.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/2026|T0\d:|Support is (open|closed)/)).toBeNull();
  });
});

describe('result screen: the due time the server worded', () => {
  const ticket = { ...makeTicket(), firstResponseDueText: both('ticket due') };

  it('shows it, and still shows it in both languages after a reload', async () => {
    const api = fakeApi([() => json(201, ticket)]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    expect(await screen.findByText('Expect a first response by ticket due (en).')).toBeTruthy();
    cleanup(); // the page reloads; only localStorage remains
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(await screen.findByText('Expect a first response by ticket due (en).')).toBeTruthy();
    press('Bahasa Indonesia');
    expect(await screen.findByText('Tanggapan awal paling lambat ticket due (id).')).toBeTruthy();
  });

  it('words a request sent later from the outbox from its POST answer', async () => {
    const api = fakeApi(['network-error', () => json(201, ticket)]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    expect(await screen.findByText('Saved, will be sent')).toBeTruthy();
    cleanup(); // a reload a minute later sends it
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, now: () => NOW + 60_000 })} />);
    expect(await screen.findByText('Expect a first response by ticket due (en).')).toBeTruthy();
    expect(api.posts).toHaveLength(2);
  });

  it('leaves the due lines out for a result saved before the server worded it', async () => {
    const old = {
      number: 7,
      severity: 2,
      dueAt: '2026-11-30T07:00:00.000Z',
      email: 'a@b.c',
      category: 'question',
      who: '', // sent anonymously
    };
    localStorage.setItem('kinobi:result:test-key', JSON.stringify(old));
    render(<App {...makeProps()} />);
    expect(await screen.findByText('Your ticket number is #7.')).toBeTruthy();
    expect(screen.queryByText(/Expect a first response/)).toBeNull();
    await waitFor(() => expect(screen.queryByText(/2026-11-30/)).toBeNull());
  });
});
