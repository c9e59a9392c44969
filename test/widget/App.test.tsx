import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Affected, Workaround } from '../../shared/schema';
import { classifySeverity } from '../../shared/severity';
import { App } from '../../widget/App';
import { fakeApi, json, makeConfig, makeProps, makeTargets, OPTIONS } from './fixtures';
import { describe_, fillContact, fillWhat, pick, press, type } from './walk';

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

/** The live region's text (what a screen reader is told). */
const live = () => document.querySelector('[role="status"]')?.textContent?.trim();

describe('App: the guided form', () => {
  it('walks a problem through what, impact (with the first response beside it), contact and review, then shows the result', async () => {
    const api = fakeApi();
    const submitted: number[] = [];
    render(
      <App {...makeProps({ fetchImpl: api.fetchImpl, onSubmitted: (t) => submitted.push(t.number) })} />,
    );
    expect(screen.getByRole('dialog', { name: 'Contact support' }).getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText('Step 1 of 4')).toBeTruthy();
    fillWhat();
    expect(screen.getByText('Step 2 of 4')).toBeTruthy();
    pick(/a main feature/i);
    pick(/no, i cannot/i);
    expect(screen.getByText('Severity 2: High')).toBeTruthy();
    expect(await screen.findByText('Severity 2: first response by Mon 30 Nov, 14:00 WIB')).toBeTruthy();
    expect(screen.getByText('This is a target, not a guarantee.')).toBeTruthy();
    expect(screen.getByText('Support is open now.')).toBeTruthy();
    expect(screen.getByText(/Monday–Friday, 09:00–18:00 WIB, except national holidays/)).toBeTruthy();
    press(/next/i);
    fillContact();
    expect(screen.getByText('Step 4 of 4')).toBeTruthy();
    // The review shows what will be sent, each part with a link back to its step.
    const review = document.querySelector('.review') as HTMLElement;
    expect(within(review).getByText('Something is not working')).toBeTruthy();
    expect(within(review).getByText('Export fails')).toBeTruthy();
    expect(within(review).getByText('Severity 2: High')).toBeTruthy();
    expect(within(review).getByText('Sari <sari@example.co.id>')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit Priority' })).toBeTruthy();
    expect(screen.getByText('Severity 2: first response by Mon 30 Nov, 14:00 WIB')).toBeTruthy();
    // what is collected: listed once the review's details are opened (their own chunk)
    expect(screen.queryByText('https://app.example/reports/7?[redacted]#[redacted]')).toBeNull();
    fireEvent.click(screen.getByText('Sent with your request, to help us reproduce the problem'));
    expect(await screen.findByText('https://app.example/reports/7?[redacted]#[redacted]')).toBeTruthy();
    expect(screen.queryByText(/not supported/i)).toBeNull();
    press(/send request/i);
    expect(await screen.findByText('Your ticket number is #1042.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Request sent' })).toBeTruthy();
    expect(screen.getByText('Expect a first response by Mon 30 Nov, 14:00 WIB.')).toBeTruthy();
    expect(screen.getByText('We will answer by email to sari@example.co.id.')).toBeTruthy();
    expect(screen.getByText('Support is open now.')).toBeTruthy();
    // announced once the result has painted
    await waitFor(() => expect(live()).toBe('Request sent. Your ticket number is #1042.'));
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

  it('does not leave a step while required fields are empty: marks them, announces it and focuses the first', () => {
    render(<App {...makeProps()} />);
    press(/next/i);
    const subject = screen.getByLabelText(/subject/i);
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('k-description')?.getAttribute('aria-invalid')).toBe('true');
    const errorId = subject.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe('Please fill this in.');
    expect(screen.getByLabelText(/steps to reproduce/i).getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('Step 1 of 4')).toBeTruthy();
    expect(document.activeElement).toBe(subject);
    expect(live()).toBe('Please check the highlighted fields.');
  });

  it('announces each step and moves focus to its heading', () => {
    render(<App {...makeProps()} />);
    expect(document.activeElement?.textContent).toBe('What happened');
    fillWhat();
    expect(live()).toBe('Step 2 of 4: Impact');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Impact' }));
    press(/next/i); // no answers: the first radio of the unanswered group gets focus
    expect(screen.getByRole('radiogroup', { name: 'What is affected?' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /nothing works/i }));
    press(/back/i);
    expect(live()).toBe('Step 1 of 4: What happened');
  });

  it('limits every text input to the server’s length', () => {
    render(<App {...makeProps()} />);
    const max = (el: HTMLElement | null) => el?.getAttribute('maxlength');
    expect(max(screen.getByLabelText(/subject/i))).toBe('200');
    expect(max(document.getElementById('k-description'))).toBe('10000');
    expect(max(screen.getByLabelText(/steps to reproduce/i))).toBe('5000');
    fillWhat();
    pick(/a minor feature/i);
    pick(/reasonable way/i);
    press(/next/i);
    expect(max(screen.getByLabelText(/^name/i))).toBe('120');
    expect(max(screen.getByLabelText(/^email/i))).toBe('254');
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

  it('takes a security incident down the short path and confirms who was alerted and what to do meanwhile', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/security incident/i);
    // the security path's words are their own chunk, loaded when the path is chosen
    expect((await screen.findByRole('note')).textContent).toMatch(/report it immediately/i);
    expect(screen.queryByLabelText(/steps to reproduce/i)).toBeNull();
    expect(screen.getByText('Step 1 of 3')).toBeTruthy();
    expect(screen.getByLabelText('What happened, and when did you notice it?')).toBeTruthy();
    type(/subject/i, 'Leaked API key');
    describe_('A key was posted publicly.');
    press(/next/i);
    fillContact();
    expect(await screen.findByText('Severity 1: first response by Mon 30 Nov, 12:00 WIB')).toBeTruthy();
    expect(screen.getByText('When you send, our security team is alerted at once.')).toBeTruthy();
    press(/send request/i);
    expect(await screen.findByRole('heading', { name: 'Security incident reported' })).toBeTruthy();
    expect(screen.getByText('Our security team was alerted when your report arrived.')).toBeTruthy();
    expect(screen.getByText(/Outside support hours the alert still reaches the security team/)).toBeTruthy();
    expect(screen.getByText('Until we reply')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toContain(
      'Change passwords and revoke API keys that may be exposed.',
    );
    expect(api.posts[0]?.body.category).toBe('security_incident');
    expect(api.posts[0]?.body.impact).toBeUndefined();
  });

  it('explains professional services, asks no outage questions, gives severity 4 and still sends the request', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/custom work, data migration or training/i);
    expect((await screen.findByRole('note')).textContent).toMatch(/outside standard support/);
    expect(screen.getByText('Step 1 of 3')).toBeTruthy();
    fillWhat(/custom work/i);
    expect(screen.queryByText(/what is affected/i)).toBeNull();
    fillContact();
    expect(screen.getByText('Severity 4: Low')).toBeTruthy();
    expect(screen.getByText(/your account team will contact you about scope and cost/)).toBeTruthy();
    press(/send request/i);
    await screen.findByText(/ticket number/i);
    expect(api.posts[0]?.body).toMatchObject({ category: 'professional_services' });
    expect(api.posts[0]?.body.impact).toBeUndefined();
  });

  it('asks a question in its own words, without the impact questions, and shows severity 4', async () => {
    render(<App {...makeProps()} />);
    pick(/^a question$/i);
    expect(screen.getByLabelText('What would you like to know?')).toBeTruthy();
    expect(screen.queryByLabelText(/steps to reproduce/i)).toBeNull();
    fillWhat(/^a question$/i);
    expect(screen.getByText('Step 2 of 3')).toBeTruthy();
    fillContact();
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
    fillContact();
    expect(
      await screen.findByText('Support is closed now; it opens again Mon 30 Nov, 09:00 WIB.'),
    ).toBeTruthy();
    press(/send request/i);
    await screen.findByText(/ticket number/i);
    expect(screen.getByText('Support is closed now; it opens again Mon 30 Nov, 09:00 WIB.')).toBeTruthy();
    cleanup();
    localStorage.clear();
    const failing = (async () =>
      json(503, { error: { code: 'unavailable', message: 'D1' } })) as typeof fetch;
    render(<App {...makeProps({ fetchImpl: failing })} />);
    fillWhat(/^a question$/i);
    fillContact();
    expect(await screen.findByText(/could not load the response times/)).toBeTruthy();
    // neither config nor targets: the standard hours, and no claim about open or closed
    expect(screen.getByText(/Monday–Friday, 09:00–18:00 WIB, except national holidays/)).toBeTruthy();
    expect(screen.queryByText(/Support is (open|closed)/)).toBeNull();
  });

  it('shows a 400’s validation errors by code in the user’s language, never the server’s words, on their step', async () => {
    const api = fakeApi([
      () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: [
              { path: 'contact.email', code: 'invalid_format', message: 'Invalid email address' },
              {
                path: ['subject'],
                code: 'too_big',
                message: 'Too big: expected string to have <=200 characters',
              },
            ],
          },
        }),
    ]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl, options: { ...OPTIONS, locale: 'id' } })} />);
    pick(/^pertanyaan$/i);
    type(/judul/i, 'Ekspor gagal');
    describe_('Tombol ekspor tidak merespons.');
    press(/lanjut/i);
    type(/^nama/i, 'Sari');
    type(/^email/i, 'sari@example.co.id');
    press(/lanjut/i);
    press(/kirim permintaan/i);
    const error = await screen.findByText('Mohon persingkat menjadi paling banyak 200 karakter.');
    const subject = screen.getByLabelText(/judul/i);
    expect(subject.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(subject);
    expect(screen.getByText('Langkah 1 dari 3')).toBeTruthy();
    expect(screen.queryByText(/Too big|Invalid/)).toBeNull();
    expect(api.posts).toHaveLength(1);
    press(/lanjut/i);
    expect(screen.getByText('Mohon masukkan alamat email yang valid.')).toBeTruthy();
    expect(localStorage.getItem('kinobi:outbox:test-key')).toBeNull();
  });

  it('says which error code a rejection without field details carried, in the user’s language', async () => {
    const api = fakeApi([
      () => json(409, { error: { code: 'idempotency_conflict', message: 'Key reused' } }),
    ]);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    const text = 'Support could not accept the request (error idempotency_conflict). Please try again later.';
    await waitFor(() => expect(document.querySelector('.error')?.textContent).toBe(text));
    expect(live()).toBe(text);
    expect(screen.queryByText(/Key reused/)).toBeNull();
  });

  it('goes back to a step from its edit link on the review', () => {
    render(<App {...makeProps()} />);
    fillWhat(/^a question$/i);
    fillContact();
    press('Edit Subject');
    expect(screen.getByText('Step 1 of 3')).toBeTruthy();
    press(/next/i);
    press(/next/i);
    press('Edit Contact');
    expect(screen.getByText('Step 2 of 3')).toBeTruthy();
  });

  it('keeps the result after a reload until a new request is started', async () => {
    render(<App {...makeProps()} />);
    fillWhat(/^a question$/i);
    fillContact();
    press(/send request/i);
    await screen.findByText('Your ticket number is #1042.');
    cleanup();
    render(<App {...makeProps()} />);
    expect(screen.getByText('Your ticket number is #1042.')).toBeTruthy();
    expect(screen.getByText('Severity 2: High')).toBeTruthy(); // as the server decided
    press(/send another request/i);
    expect(screen.getByText('Step 1 of 4')).toBeTruthy();
    cleanup();
    render(<App {...makeProps()} />);
    expect(screen.queryByText(/ticket number/)).toBeNull();
  });

  it('switches language in the panel and tells the launcher, which follows', async () => {
    const told: [string, boolean][] = [];
    render(<App {...makeProps({ onLocale: (l, chosen) => told.push([l, chosen]) })} />);
    expect(told).toEqual([['en', false]]);
    press('Bahasa Indonesia');
    expect(await screen.findByRole('dialog', { name: 'Hubungi dukungan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('lang')).toBe('en');
    expect(told.at(-1)).toEqual(['id', true]);
  });

  it('prefills the contact from identify', () => {
    const props = makeProps();
    props.state.identity = { userId: 'u1', name: 'Budi', email: 'budi@example.co.id' };
    render(<App {...props} />);
    fillWhat(/^a question$/i);
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
    expect(screen.getByText('Langkah 1 dari 4')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Pertanyaan' })).toBeTruthy());
  });
});
