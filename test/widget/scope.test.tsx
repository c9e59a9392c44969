import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import { fakeApi, makeProps } from './fixtures';
import { fillContact, fillWhat, pick, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** From the impact step of a problem (or services request) to a sent ticket. */
async function answerImpactAndSend() {
  pick(/a minor feature/i);
  pick(/reasonable way/i);
  press(/next/i);
  fillContact();
  press(/send request/i);
  await screen.findByText(/ticket number/i);
}

describe('App: scope questions', () => {
  it('asks which kind of professional service, optionally, and sends it', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    expect(screen.queryByLabelText(/what kind of work/i)).toBeNull();
    pick(/custom work, data migration or training/i);
    const kind = (await screen.findByLabelText(/what kind of work/i)) as unknown as HTMLSelectElement;
    expect([...kind.options].map((o) => o.textContent)).toEqual([
      '–',
      'Custom development',
      'Data migration',
      'Custom reports',
      'Advanced configuration',
      'Testing (QA)',
      'Project management',
      'Training',
    ]);
    fireEvent.change(kind, { target: { value: 'data_migration' } });
    fillWhat(/custom work/i);
    // no outage questions: professional services are severity 4 (guide section 9)
    expect(screen.queryByText(/third-party software/i)).toBeNull();
    expect(screen.queryByText(/what is affected/i)).toBeNull();
    fillContact();
    expect(screen.getByText('Severity 4: Low')).toBeTruthy();
    press(/send request/i);
    await screen.findByText(/ticket number/i);
    expect(api.posts[0]?.body).toMatchObject({
      category: 'professional_services',
      servicesKind: 'data_migration',
    });
    expect(api.posts[0]?.body.thirdParty).toBeUndefined();
  });

  it('asks a problem whether third-party software is involved and which, and sends the answer', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat();
    expect(screen.getByRole('radiogroup', { name: /third-party software.*\(optional\)/i })).toBeTruthy();
    expect(screen.queryByLabelText(/which software/i)).toBeNull();
    pick(/^yes$/i);
    type(/which software/i, ' SAP Business One ');
    await answerImpactAndSend();
    expect(api.posts[0]?.body.thirdParty).toEqual({ involved: true, name: 'SAP Business One' });
    expect(api.posts[0]?.body.servicesKind).toBeUndefined();
  });

  it('sends "no" without a name, and nothing when the question is skipped', async () => {
    const api = fakeApi();
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat();
    pick(/^yes$/i);
    type(/which software/i, 'Zapier');
    pick(/^no$/i);
    await answerImpactAndSend();
    expect(api.posts[0]?.body.thirdParty).toEqual({ involved: false });
    press(/send another request/i);
    fillWhat();
    await answerImpactAndSend();
    expect(api.posts[1]?.body.thirdParty).toBeUndefined();
  });
});
