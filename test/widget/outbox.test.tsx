import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import type { OutboxItem } from '../../widget/queue';
import { fakeApi, json, makeProps, makeWin, NOW } from './fixtures';
import { fillContact, fillWhat, press } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const stored = () => JSON.parse(localStorage.getItem('kinobi:outbox:test-key') ?? '[]') as OutboxItem[];

function submitQuestion() {
  fillWhat(/^a question$/i);
  fillContact();
  press(/send request/i);
}

describe('outbox: nothing lost', () => {
  it('saves a failed submission, sends it after a reload with the same Idempotency-Key, and makes exactly one ticket', async () => {
    const api = fakeApi(['network-error', 'ok']);
    const submitted: number[] = [];
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    submitQuestion();
    expect(await screen.findByText('Saved, will be sent')).toBeTruthy();
    // recorded by the retry chunk, fetched once the first try failed
    await waitFor(() => expect(stored()).toMatchObject([{ id: 'idem-1', attempts: 1, state: 'pending' }]));
    expect(localStorage.getItem('kinobi:draft:test-key')).toBeNull();
    cleanup(); // the page reloads; only localStorage remains

    const later = NOW + 60_000;
    render(
      <App
        {...makeProps({
          fetchImpl: api.fetchImpl,
          now: () => later,
          onSubmitted: (t) => submitted.push(t.number),
        })}
      />,
    );
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(api.posts.map((p) => p.key)).toEqual(['idem-1', 'idem-1']);
    expect(api.created.size).toBe(1);
    expect(submitted).toEqual([1042]);
    expect(stored()).toEqual([]);
  });

  it('retries the same key when the browser comes back online', async () => {
    const api = fakeApi(['network-error', 'ok']);
    const win = makeWin();
    (win.navigator as { onLine: boolean }).onLine = false;
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, win })} />);
    submitQuestion();
    expect(await screen.findByText('Saved, will be sent')).toBeTruthy();
    expect(stored()[0]?.attempts).toBe(0);
    // back online before the retry chunk has settled the first try: one more try, at once
    (win.navigator as { onLine: boolean }).onLine = true;
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(new Set(api.posts.map((p) => p.key))).toEqual(new Set(['idem-1']));
    expect(api.created.size).toBe(1);
  });

  it('retries a 503 after its Retry-After and a 429 the same way', async () => {
    const api = fakeApi([
      () => json(503, { error: { code: 'unavailable', message: 'D1' } }, { 'Retry-After': '1' }),
      () => json(429, { error: { code: 'rate_limited', message: 'slow' } }, { 'Retry-After': '0' }),
      'ok',
    ]);
    let now = NOW;
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, now: () => now })} />);
    submitQuestion();
    expect(await screen.findByText('Saved, will be sent')).toBeTruthy();
    now += 1000;
    // the timer set for Retry-After fires on its own
    expect(await screen.findByText('Your ticket number is #1042.', {}, { timeout: 4000 })).toBeTruthy();
    expect(api.posts).toHaveLength(3);
    expect(api.created.size).toBe(1);
  });

  const gaveUp = () =>
    localStorage.setItem(
      'kinobi:outbox:test-key',
      JSON.stringify([{ id: 'idem-9', body: { subject: 's' }, attempts: 6, nextAt: NOW, state: 'failed' }]),
    );

  it('tries a request that gave up on an earlier page once more on load, and sends it', async () => {
    gaveUp();
    const api = fakeApi(['ok']);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(api.posts.map((p) => p.key)).toEqual(['idem-9']);
    expect(stored()).toEqual([]);
  });

  it('tells the user when that one retry fails too, tries no more by itself, and lets them try again', async () => {
    gaveUp();
    const api = fakeApi(['network-error', 'ok']);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(await screen.findByText('Not sent yet')).toBeTruthy();
    expect(screen.getByText(/blocked by a network or security setting/)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(api.posts).toHaveLength(1);
    expect(stored()).toMatchObject([{ id: 'idem-9', state: 'failed' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.posts.map((p) => p.key)).toEqual(['idem-9', 'idem-9']));
    expect(await screen.findByText(/ticket number is/)).toBeTruthy();
  });

  it('waits for the online event before retrying a request that gave up, when the page loads offline', async () => {
    gaveUp();
    const api = fakeApi(['ok']);
    const win = makeWin();
    (win.navigator as { onLine: boolean }).onLine = false;
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, win })} />);
    expect(screen.getByText('Not sent yet')).toBeTruthy();
    expect(api.posts).toHaveLength(0);
    (win.navigator as { onLine: boolean }).onLine = true;
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(api.posts.map((p) => p.key)).toEqual(['idem-9']);
  });
});
