import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Category } from '../../shared/schema';
import { App } from '../../widget/App';
import type { Draft } from '../../widget/draft';
import { personalData } from '../../widget/paths/security/personal-data';
import { fakeApi, makeProps, OPTIONS } from './fixtures';
import { describe_, fillContact, fillWhat, pick, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const QUESTION = 'Does this involve personal data?';

/** The review row labelled `label`, or null. */
const reviewRow = (label: string) =>
  [...document.querySelectorAll('dl.review > div')].find(
    (r) => r.querySelector('dt')?.textContent === label,
  ) ?? null;

/** Chooses a security incident, waits for its chunk, answers the question (`answer`, if any) and fills step 1. */
async function securityWhat(answer?: RegExp) {
  pick(/security incident/i);
  await screen.findByRole('radiogroup', { name: /does this involve personal data/i });
  if (answer) pick(answer);
  type(/subject/i, 'Customer list exposed');
  describe_('An export with customer emails was reachable without login.');
  press(/next/i);
}

describe('personalData: the answer as the API field', () => {
  const cases: [Category, Draft['personalData'], boolean | undefined][] = [
    ['security_incident', 'yes', true],
    ['security_incident', 'no', false],
    ['security_incident', 'unsure', true],
    ['security_incident', undefined, undefined],
    ['problem', 'yes', undefined],
    ['question', 'no', undefined],
    ['feature_request', 'unsure', undefined],
    ['professional_services', 'yes', undefined],
  ];
  it.each(cases)('%s answered %s sends %s', (category, answer, sent) => {
    expect(personalData({ category, personalData: answer })).toBe(sent);
  });
});

describe('App: does a security incident involve personal data', () => {
  it('asks on the first step, shows "yes" on the review and sends personalData: true', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    await securityWhat(/^yes$/i);
    fillContact();
    const row = reviewRow(QUESTION);
    expect(row && within(row as HTMLElement).getByText('Yes')).toBeTruthy();
    press(/send request/i);
    expect(await screen.findByRole('heading', { name: 'Security incident reported' })).toBeTruthy();
    expect(api.posts[0]?.body.category).toBe('security_incident');
    expect(api.posts[0]?.body.personalData).toBe(true);
  });

  it('sends personalData: false for "no", and the review says so', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    await securityWhat(/^no$/i);
    fillContact();
    expect(reviewRow(QUESTION)?.querySelector('dd')?.textContent).toBe('No');
    press(/send request/i);
    await screen.findByRole('heading', { name: 'Security incident reported' });
    expect(api.posts[0]?.body.personalData).toBe(false);
  });

  it('treats "not sure" as yes, saying so on the review, so the 72-hour clock is not missed', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    await securityWhat(/not sure/i);
    fillContact();
    expect(reviewRow(QUESTION)?.querySelector('dd')?.textContent).toBe('Not sure (we treat it as yes)');
    press(/send request/i);
    await screen.findByRole('heading', { name: 'Security incident reported' });
    expect(api.posts[0]?.body.personalData).toBe(true);
  });

  it('never blocks the report: unanswered, the review says so and no personalData is sent', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    await securityWhat();
    expect(screen.getByText('Step 2 of 3')).toBeTruthy();
    fillContact();
    expect(reviewRow(QUESTION)?.querySelector('dd')?.textContent).toBe('Not answered');
    press(/send request/i);
    await screen.findByRole('heading', { name: 'Security incident reported' });
    expect(api.posts[0]?.body).not.toHaveProperty('personalData');
  });

  it('asks it in Indonesian', async () => {
    render(<App {...makeProps({ options: { ...OPTIONS, locale: 'id' } })} />);
    pick(/insiden keamanan/i);
    const group = await screen.findByRole('radiogroup', {
      name: 'Apakah ini melibatkan data pribadi? (opsional)',
    });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.parentElement?.textContent),
    ).toEqual(['Ya', 'Tidak', 'Tidak yakin (kami anggap ya)']);
  });

  it('neither shows nor sends it for other categories, even after "yes" was answered on the security path', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/security incident/i);
    await screen.findByRole('radiogroup', { name: /personal data/i });
    pick(/^yes$/i);
    fillWhat(/a question/i);
    expect(screen.queryByText(QUESTION, { exact: false })).toBeNull();
    fillContact();
    expect(reviewRow(QUESTION)).toBeNull();
    expect(screen.queryByText(QUESTION, { exact: false })).toBeNull();
    press(/send request/i);
    await screen.findByRole('heading', { name: 'Request sent' });
    expect(api.posts[0]?.body.category).toBe('question');
    expect(api.posts[0]?.body).not.toHaveProperty('personalData');
  });

  it('does not ask it for a problem, a feature request or professional services', async () => {
    render(<App {...makeProps()} />);
    // the security chunk is loaded first, so its question could show on any path
    pick(/security incident/i);
    await screen.findByRole('radiogroup', { name: /personal data/i });
    for (const category of [/something is not working/i, /a feature request/i, /custom work/i]) {
      pick(category);
      expect(screen.queryByRole('radiogroup', { name: /personal data/i })).toBeNull();
    }
    // professional services' own chunk has come, and still no question
    expect((await screen.findByRole('note')).textContent).toMatch(/outside standard support/);
    expect(screen.queryByRole('radiogroup', { name: /personal data/i })).toBeNull();
  });
});
