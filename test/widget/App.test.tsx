import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Affected, Workaround } from '../../shared/schema';
import { classifySeverity } from '../../shared/severity';
import { App } from '../../widget/App';
import { fakeApi, json, makeConfig, makeProps, makeTargets } from './fixtures';
import { fillContact, fillWhat, pick, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const AFFECTED: [Affected, RegExp][] = [
  ['service_unavailable', /nothing works/i],
  ['main_function_degraded', /a main feature/i],
  ['non_critical_or_intermittent', /a minor feature/i],
  ['question_or_cosmetic', /question, a cosmetic/i],
];
const WORKAROUND: [Workaround, RegExp][] = [
  ['none', /no, i cannot/i],
  ['limited', /limited or temporary/i],
  ['reasonable', /reasonable way/i],
];

describe('App: the guided form', () => {
  it('walks a problem through what, impact, response, contact and review, then shows the ticket number', async () => {
    const api = fakeApi();
    const submitted: number[] = [];
    render(
      <App {...makeProps({ fetchImpl: api.fetchImpl, onSubmitted: (t) => submitted.push(t.number) })} />,
    );
    expect(screen.getByRole('dialog', { name: 'Contact support' }).getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
    fillWhat();
    expect(screen.getByText('Step 2 of 5')).toBeTruthy();
    pick(/a main feature/i);
    pick(/no, i cannot/i);
    expect(screen.getByText('Severity 2: High')).toBeTruthy();
    press(/next/i);
    expect(await screen.findByText('Severity 2: first response by Mon 30 Nov, 14:00 WIB')).toBeTruthy();
    expect(screen.getByText('Support is open now.')).toBeTruthy();
    expect(screen.getByText(/Monday–Friday, 09:00–18:00 WIB, except national holidays/)).toBeTruthy();
    press(/next/i);
    fillContact();
    expect(screen.getByText('Step 5 of 5')).toBeTruthy();
    expect(screen.getByText('https://app.example/reports/7?[redacted]#[redacted]')).toBeTruthy();
    expect(screen.queryByText(/not supported/i)).toBeNull();
    press(/send request/i);
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(submitted).toEqual([1042]);
    const body = api.posts[0]?.body;
    expect(body).toMatchObject({
      subject: 'Export fails',
      category: 'problem',
      impact: { affected: 'main_function_degraded', workaround: 'none' },
      contact: { name: 'Sari', email: 'sari@example.co.id' },
      context: { pageUrl: 'https://app.example/reports/7?[redacted]#[redacted]' },
      locale: 'en',
    });
    expect(body?.environment).toMatchObject({ os: 'Windows', deviceType: 'desktop', clockSkewMs: 2000 });
  });

  it('does not leave a step while required fields are empty, and links each error to its field', () => {
    render(<App {...makeProps()} />);
    press(/next/i);
    const subject = screen.getByLabelText(/subject/i);
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    const errorId = subject.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe('Please fill this in.');
    expect(screen.getByLabelText(/steps to reproduce/i).getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
  });

  for (const [affected, affectedLabel] of AFFECTED) {
    for (const [workaround, workaroundLabel] of WORKAROUND) {
      const expected = classifySeverity({ category: 'problem', impact: { affected, workaround } }).severity;
      it(`shows severity ${expected} for ${affected} with workaround ${workaround}`, () => {
        render(<App {...makeProps()} />);
        fillWhat();
        pick(affectedLabel);
        pick(workaroundLabel);
        const note = screen.getByText(/^Severity \d: /).closest('.severity');
        expect(note?.getAttribute('data-severity')).toBe(String(expected));
      });
    }
  }

  it('agrees with the guide on the diagonal of the table', () => {
    render(<App {...makeProps()} />);
    fillWhat();
    pick(/nothing works/i);
    pick(/no, i cannot/i);
    expect(screen.getByText('Severity 1: Critical')).toBeTruthy();
    expect(screen.getByText(/critical function is down/)).toBeTruthy();
    pick(/question, a cosmetic/i);
    expect(screen.getByText('Severity 4: Low')).toBeTruthy();
  });

  it('takes a security incident down the short path and sends it as a security incident', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/security incident/i);
    expect(screen.getByRole('alert').textContent).toMatch(/report it immediately/i);
    expect(screen.queryByLabelText(/steps to reproduce/i)).toBeNull();
    expect(screen.getByText('Step 1 of 3')).toBeTruthy();
    type(/subject/i, 'Leaked API key');
    type(/what happened/i, 'A key was posted publicly.');
    press(/next/i);
    fillContact();
    expect(await screen.findByText('Severity 1: first response by Mon 30 Nov, 12:00 WIB')).toBeTruthy();
    press(/send request/i);
    await screen.findByText(/ticket number/i);
    expect(api.posts[0]?.body.category).toBe('security_incident');
    expect(api.posts[0]?.body.impact).toBeUndefined();
  });

  it('explains that professional services are outside standard support and still sends the request', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/custom work, data migration or training/i);
    expect(screen.getByRole('note').textContent).toMatch(/outside standard support/);
    fillWhat(/custom work/i);
    pick(/question, a cosmetic/i);
    pick(/reasonable way/i);
    press(/next/i);
    press(/next/i);
    fillContact();
    press(/send request/i);
    await screen.findByText(/ticket number/i);
    expect(api.posts[0]?.body.category).toBe('professional_services');
  });

  it('skips the impact questions for a question and shows severity 4', async () => {
    render(<App {...makeProps()} />);
    fillWhat(/^a question$/i);
    expect(screen.getByText('Step 2 of 4')).toBeTruthy();
    expect(screen.getByText('Severity 4: Low')).toBeTruthy();
    expect(await screen.findByText('Severity 4: first response by Wed 2 Dec, 10:00 WIB')).toBeTruthy();
  });

  it('says when support is closed and when it opens, and copes with missing targets', async () => {
    const closed = fakeApi(
      ['ok'],
      makeTargets({ open: false, nextOpenAt: '2026-11-30T02:00:00.000Z' }),
      makeConfig({ open: false, nextOpenAt: '2026-11-30T02:00:00.000Z' }),
    );
    render(<App {...makeProps({ fetchImpl: closed.fetchImpl })} />);
    fillWhat(/^a question$/i);
    expect(
      await screen.findByText('Support is closed now; it opens again Mon 30 Nov, 09:00 WIB.'),
    ).toBeTruthy();
    cleanup();
    const failing = (async () =>
      json(503, { error: { code: 'unavailable', message: 'D1' } })) as typeof fetch;
    render(<App {...makeProps({ fetchImpl: failing })} />);
    fillWhat(/^a question$/i);
    expect(await screen.findByText(/could not load the response times/)).toBeTruthy();
    // neither config nor targets: the standard hours, and no claim about open or closed
    expect(screen.getByText(/Monday–Friday, 09:00–18:00 WIB, except national holidays/)).toBeTruthy();
    expect(screen.queryByText(/Support is (open|closed)/)).toBeNull();
  });

  it('shows validation errors from a 400 next to the fields and goes back to their step', async () => {
    const api = fakeApi([
      () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: [
              { path: 'contact.email', message: 'Email domain is not accepted' },
              { path: ['subject'], message: 'Subject too vague' },
            ],
          },
        }),
    ]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    press(/next/i);
    fillContact();
    press(/send request/i);
    const error = await screen.findByText('Subject too vague');
    const subject = screen.getByLabelText(/subject/i);
    expect(subject.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByText('Step 1 of 4')).toBeTruthy();
    expect(api.posts).toHaveLength(1);
    press(/next/i);
    press(/next/i);
    expect(screen.getByText('Email domain is not accepted')).toBeTruthy();
    expect(localStorage.getItem('kinobi:outbox:test-key')).toBeNull();
  });

  it('prefills the contact from identify', () => {
    const props = makeProps();
    props.state.identity = { userId: 'u1', name: 'Budi', email: 'budi@example.co.id' };
    render(<App {...props} />);
    fillWhat(/^a question$/i);
    press(/next/i);
    expect((screen.getByLabelText(/^name/i) as HTMLInputElement).value).toBe('Budi');
    expect((screen.getByLabelText(/^email/i) as HTMLInputElement).value).toBe('budi@example.co.id');
  });

  it('keeps the draft when the panel closes and after a reload', () => {
    const props = makeProps();
    const { rerender } = render(<App {...props} />);
    type(/subject/i, 'Half-written');
    rerender(<App {...props} open={false} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    rerender(<App {...props} open />);
    expect((screen.getByLabelText(/subject/i) as HTMLInputElement).value).toBe('Half-written');
    cleanup();
    render(<App {...makeProps()} />);
    expect((screen.getByLabelText(/subject/i) as HTMLInputElement).value).toBe('Half-written');
  });

  it('speaks Indonesian', async () => {
    render(<App {...makeProps({ options: { ...makeProps().options, locale: 'id' } })} />);
    expect(screen.getByRole('dialog', { name: 'Hubungi dukungan' })).toBeTruthy();
    expect(screen.getByText('Langkah 1 dari 5')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Pertanyaan' })).toBeTruthy());
  });
});
