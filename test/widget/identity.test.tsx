import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import { tokenContact } from '../../widget/identity';
import { fakeApi, makeConfig, makeProps } from './fixtures';
import { fillWhat, press } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** An unsigned stand-in for a host server's HS256 token: the panel only reads its claims. */
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.sig`;
const PREMIUM = token({
  sub: 'u1',
  org: 'premium',
  email: 'it@premium.example',
  name: 'Rina Wijaya',
  exp: 2e9,
});

/** The GETs the fake API received, with the identity header each carried. */
const identityHeaders = (api: ReturnType<typeof fakeApi>, path: string) =>
  api.fetchImpl.mock.calls
    .filter(([url]) => new URL(String(url)).pathname === path)
    .map(([, init]) => new Headers(init?.headers).get('X-Kinobi-Identity'));

describe('identify({ token })', () => {
  it('reads name and email from the claims, and nothing from a token it cannot read', () => {
    expect(tokenContact(PREMIUM)).toEqual({ name: 'Rina Wijaya', email: 'it@premium.example' });
    expect(tokenContact(token({ sub: 'u1', name: 'Ünïcode Näme', email: 'a@b.example' }))?.name).toBe(
      'Ünïcode Näme',
    );
    expect(tokenContact('not-a-token')).toBeUndefined();
    expect(tokenContact(token({ sub: 'u1' }))).toBeUndefined();
    expect(tokenContact(undefined)).toBeUndefined();
  });

  it('asks for the organisation’s config and targets with the token, and names the organisation', async () => {
    const api = fakeApi(
      ['ok'],
      undefined,
      makeConfig({ tenant: { name: 'PT Contoh Premium', locale: 'id' } }),
    );
    const props = makeProps({ fetchImpl: api.fetchImpl });
    props.state.identity = { token: PREMIUM };
    render(<App {...props} />);
    expect(await screen.findByRole('heading', { name: 'Contact support · PT Contoh Premium' })).toBeTruthy();
    expect(identityHeaders(api, '/v1/widget/config')).toEqual([PREMIUM]);
    expect(identityHeaders(api, '/v1/response-targets')).toEqual([PREMIUM]);
  });

  it('sends identity { token }, with the contact of the token shown read-only', async () => {
    const api = fakeApi();
    const props = makeProps({ fetchImpl: api.fetchImpl });
    props.state.identity = { token: PREMIUM, userId: 'legacy', userHash: 'a'.repeat(64) };
    render(<App {...props} />);
    fillWhat(/^a question$/i);
    const name = screen.getByLabelText(/^name/i) as HTMLInputElement;
    const email = screen.getByLabelText(/^email/i) as HTMLInputElement;
    expect([name.value, email.value]).toEqual(['Rina Wijaya', 'it@premium.example']);
    expect(name.readOnly && email.readOnly).toBe(true);
    press(/next/i);
    press(/send request/i);
    await screen.findByText('Your ticket number is #1042.');
    expect(api.posts[0]?.body.identity).toEqual({ token: PREMIUM });
    expect(api.posts[0]?.body.contact).toEqual({ name: 'Rina Wijaya', email: 'it@premium.example' });
    // the vouched contact is not kept in the draft another user of this browser may continue
    expect(localStorage.getItem('kinobi:draft:test-key') ?? '').not.toContain('premium');
  });

  it('asks again for the next user’s config when identified again, and drops the earlier answer', async () => {
    const api = fakeApi();
    const props = makeProps({ fetchImpl: api.fetchImpl });
    props.state.identity = { token: PREMIUM };
    const view = render(<App {...props} />);
    await waitFor(() => expect(identityHeaders(api, '/v1/widget/config')).toEqual([PREMIUM]));
    props.state.identity = {}; // anonymous
    view.rerender(<App {...props} />);
    await waitFor(() => expect(identityHeaders(api, '/v1/widget/config')).toEqual([PREMIUM, null]));
    expect(identityHeaders(api, '/v1/response-targets')).toEqual([PREMIUM, null]);
    fillWhat(/^a question$/i);
    expect((screen.getByLabelText(/^email/i) as HTMLInputElement).readOnly).toBe(false);
  });

  it('still sends the legacy userId/userHash identity without a token', async () => {
    const api = fakeApi();
    const props = makeProps({ fetchImpl: api.fetchImpl });
    props.state.identity = {
      userId: 'u-7',
      userHash: 'b'.repeat(64),
      name: 'Dewi',
      email: 'dewi@example.co.id',
    };
    render(<App {...props} />);
    fillWhat(/^a question$/i);
    press(/next/i);
    press(/send request/i);
    await screen.findByText('Your ticket number is #1042.');
    expect(api.posts[0]?.body.identity).toEqual({ userId: 'u-7', userHash: 'b'.repeat(64) });
    expect(identityHeaders(api, '/v1/widget/config')).toEqual([null]);
  });
});
