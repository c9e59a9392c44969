import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { countRows, postTicket, ticketBody } from './intake-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

const details = async (res: Response) =>
  ((await res.json()) as { error: { code: string; details: { path: string }[] } }).error;

describe('control characters in text fields', () => {
  it.each([
    ['a NUL in the subject', { subject: 'Laporan\u0000error' }, 'subject'],
    ['a line break in the subject', { subject: 'Laporan\nerror' }, 'subject'],
    [
      'a bidi override in the contact name',
      { contact: { name: 'Budi\u202Eevil', email: 'b@x.example' } },
      'contact.name',
    ],
    ['an escape in the description', { description: 'ok \u001b[31m red' }, 'description'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, over, path) => {
    const fx = await makeDesk();
    const res = await postTicket(fx, ticketBody(over));
    expect(res.status).toBe(400);
    const err = await details(res);
    expect(err.code).toBe('validation_failed');
    expect(err.details.map((d) => d.path)).toContain(path);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(0);
  });

  it('keeps tabs, line breaks and CRLF in a description', async () => {
    const fx = await makeDesk();
    const res = await postTicket(
      fx,
      ticketBody({ description: 'Langkah:\r\n1.\tBuka laporan\n2.\tKlik ekspor' }),
    );
    expect(res.status).toBe(201);
  });

  it('refuses a NUL in an agent reply and in a PATCH reason', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const post = await exports.default.fetch(`http://api.test/v1/tickets/${t.id}/messages`, {
      method: 'POST',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'halo\u0000' }),
    });
    expect(post.status).toBe(400);
    const patch = await exports.default.fetch(`http://api.test/v1/tickets/${t.id}`, {
      method: 'PATCH',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ severity: 1, reason: 'down\u0007' }),
    });
    expect(patch.status).toBe(400);
  });
});

describe('bodies of PATCH and admin routes', () => {
  it('answers 413 body_too_large and 415 unsupported_media_type with the documented codes', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const big = JSON.stringify({ status: 'open', reason: 'x'.repeat(70 * 1024) });
    const patch = (body: string, type = 'application/json') =>
      exports.default.fetch(`http://api.test/v1/tickets/${t.id}`, {
        method: 'PATCH',
        headers: { ...bearer(fx.agentToken), 'Content-Type': type },
        body,
      });
    const tooBig = await patch(big);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    const text = await patch('status=open', 'application/x-www-form-urlencoded');
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    const admin = await exports.default.fetch('http://api.test/v1/admin/desks', {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: 'big', name: 'x'.repeat(70 * 1024) }),
    });
    expect(admin.status).toBe(413);
  });
});
