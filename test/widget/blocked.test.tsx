import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import type { OutboxItem } from '../../widget/queue';
import { fakeApi, json, makeConfig, makeProps, makeTargets, OPTIONS } from './fixtures';
import { fillContact, fillWhat, press } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const stored = () => JSON.parse(localStorage.getItem('kinobi:outbox:test-key') ?? '[]') as OutboxItem[];
const revoked = () => json(403, { error: { code: 'invalid_widget_key', message: 'revoked' } });
const notHere = () => json(403, { error: { code: 'origin_not_allowed', message: 'Origin denied' } });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('401/403: the widget may not be used here', () => {
  it('says so in plain words when a request is refused, keeps it on the device and does not retry it', async () => {
    const api = fakeApi([revoked]);
    const badge: string[] = [];
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, onUnsent: (t) => badge.push(t) })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    expect(
      await screen.findByRole('heading', { name: 'The support form is not available here' }),
    ).toBeTruthy();
    expect(
      screen.getByText(/This site may not use the support form, or its access key was withdrawn/),
    ).toBeTruthy();
    expect(screen.getByText(/Your request is kept on this device/)).toBeTruthy();
    expect(screen.queryByText(/revoked/)).toBeNull();
    expect(stored()).toMatchObject([{ id: 'idem-1', state: 'failed' }]);
    await waitFor(() => expect(badge.at(-1)).toBe('A support request has not been sent yet'));
    await wait(2500); // longer than the first backoff: nothing is retried on a timer
    expect(api.posts).toHaveLength(1);
  });

  it('tries a kept request once on the next page load, then says the same again', async () => {
    const api = fakeApi([notHere]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    await screen.findByRole('heading', { name: 'The support form is not available here' });
    cleanup(); // reload
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    await waitFor(() => expect(api.posts).toHaveLength(2));
    expect(
      await screen.findByRole('heading', { name: 'The support form is not available here' }),
    ).toBeTruthy();
    expect(api.posts[1]?.key).toBe('idem-1');
    await wait(100);
    expect(api.posts).toHaveLength(2);
    expect(stored()).toHaveLength(1);
  });

  it('sends the kept request when the user tries again and the site is allowed again', async () => {
    const api = fakeApi([revoked, 'ok']);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    await screen.findByRole('heading', { name: 'The support form is not available here' });
    press(/try again/i);
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(stored()).toHaveLength(0);
  });

  it('warns on the first step when the config is refused, in the user’s language', async () => {
    const api = fakeApi(['ok'], makeTargets(), () =>
      json(401, { error: { code: 'missing_widget_key', message: 'x' } }),
    );
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, options: { ...OPTIONS, locale: 'id' } })} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Formulir dukungan tidak tersedia di sini');
    expect(alert.textContent).toContain('kunci aksesnya sudah dicabut');
  });

  it('shows no such warning when the config is served', async () => {
    render(<App {...makeProps({ fetchImpl: fakeApi(['ok'], makeTargets(), makeConfig()).fetchImpl })} />);
    await screen.findByRole('heading', { name: /· Demo$/ });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
