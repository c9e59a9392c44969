import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../widget/App';
import { fakeApi, json, makeConfig, makeProps, makeTargets, OPTIONS } from './fixtures';
import { fillContact, fillWhat } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const failing = () => json(503, { error: { code: 'unavailable', message: 'D1' } });

const extended = makeConfig({
  tenant: { name: 'Acme Logistik', locale: 'en' },
  hours: {
    timeZone: 'Asia/Makassar',
    windows: [{ days: [1, 2, 3, 4, 5, 6], start: '07:00', end: '22:00' }],
    holidays: 'id',
    closeCollectiveLeave: true,
  },
  open: false,
  nextOpenAt: '2026-11-30T23:00:00.000Z',
});

describe('App: the tenant config', () => {
  it('asks for the config and the targets together, and only once the panel opens', async () => {
    const api = fakeApi();
    const held: (() => void)[] = [];
    const fetchImpl = vi.fn(
      (input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((resolve) => held.push(() => resolve(api.fetchImpl(input, init)))),
    ) as unknown as typeof fetch;
    const props = makeProps({ fetchImpl });
    const { rerender } = render(<App {...props} open={false} />);
    await new Promise((r) => setTimeout(r, 10));
    expect(fetchImpl).not.toHaveBeenCalled();
    rerender(<App {...props} open />);
    await waitFor(() => expect(held).toHaveLength(2));
    const paths = vi.mocked(fetchImpl).mock.calls.map(([u]) => new URL(String(u)).pathname);
    expect(paths.sort()).toEqual(['/v1/response-targets', '/v1/widget/config']);
    for (const release of held) release();
    expect(await screen.findByRole('dialog', { name: 'Contact support · Demo' })).toBeTruthy();
    rerender(<App {...props} open={false} />);
    rerender(<App {...props} open />);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it("shows the tenant's name, hours, zone, holiday rule and open state rather than the standard ones", async () => {
    const api = fakeApi(['ok'], makeTargets({ open: true }), extended);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, timeZone: 'Asia/Makassar' })} />);
    expect(await screen.findByRole('dialog', { name: 'Contact support · Acme Logistik' })).toBeTruthy();
    fillWhat(/^a question$/i);
    fillContact();
    expect(
      await screen.findByText(
        'Support hours: Monday–Saturday, 07:00–22:00 WITA, except national holidays and collective leave days (cuti bersama).',
      ),
    ).toBeTruthy();
    // the config's calendar says closed, although the targets' fixture says open
    expect(screen.getByText('Support is closed now; it opens again Tue 1 Dec, 07:00 WITA.')).toBeTruthy();
    expect(screen.getByText('Severity 4: first response by Wed 2 Dec, 11:00 WITA')).toBeTruthy();
    expect(screen.queryByText(/WIB/)).toBeNull();
  });

  it('shows a user outside the support zone their own time and the support time beside it', async () => {
    const api = fakeApi(['ok'], makeTargets(), extended);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, timeZone: 'Asia/Jakarta' })} />);
    fillWhat(/^a question$/i);
    fillContact();
    expect(
      await screen.findByText('Severity 4: first response by Wed 2 Dec, 10:00 WIB (11:00 WITA)'),
    ).toBeTruthy();
  });

  it('falls back to the standard hours, a plain title and the targets’ open state when the config fails', async () => {
    const api = fakeApi(
      ['ok'],
      makeTargets({ open: false, nextOpenAt: '2026-11-30T02:00:00.000Z' }),
      failing,
    );
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    expect(
      await screen.findByText('Support is closed now; it opens again Mon 30 Nov, 09:00 WIB.'),
    ).toBeTruthy();
    expect(
      screen.getByText('Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.'),
    ).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Contact support' })).toBeTruthy();
  });
});

describe('App: the locale', () => {
  it("speaks the tenant's language when neither data-locale nor the page chose one, and sends it", async () => {
    const api = fakeApi(['ok'], makeTargets(), makeConfig({ tenant: { name: 'Demo', locale: 'id' } }));
    const options = { ...OPTIONS, locale: 'en' as const, localeGuessed: true };
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, options })} />);
    expect(await screen.findByRole('dialog', { name: 'Hubungi dukungan · Demo' })).toBeTruthy();
  });

  it('keeps the chosen locale over the tenant’s, and the guess when the config fails', async () => {
    const api = fakeApi(['ok'], makeTargets(), makeConfig({ tenant: { name: 'Demo', locale: 'id' } }));
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(await screen.findByRole('dialog', { name: 'Contact support · Demo' })).toBeTruthy();
    cleanup();
    const down = fakeApi(['ok'], makeTargets(), failing);
    const options = { ...OPTIONS, locale: 'en' as const, localeGuessed: true };
    render(<App {...makeProps({ fetchImpl: down.fetchImpl, options })} />);
    expect(await screen.findByRole('dialog', { name: 'Contact support' })).toBeTruthy();
  });

  it('renders once the strings chunk of the locale has loaded', async () => {
    const { stringsFor } = await import('../../widget/strings');
    let release: () => void = () => {};
    const loadStrings = vi.fn(
      (l: 'id' | 'en') =>
        new Promise<ReturnType<typeof stringsFor>>((r) => (release = () => r(stringsFor(l)))),
    );
    render(<App {...makeProps({ loadStrings })} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    release();
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(loadStrings).toHaveBeenCalledWith('en');
    expect(loadStrings).not.toHaveBeenCalledWith('id');
  });
});
