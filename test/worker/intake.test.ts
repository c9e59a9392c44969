import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { hmacSha256Hex } from '../../worker/tokens';
import { makeDesk, sha256Hex, standardCoverageJson } from './fixtures';
import { identityToken } from './identity-helpers';
import { countRows, IE11_UA, postTicket, ticketBody } from './intake-helpers';
import { IN_HOURS_2026, pinNow } from './pin-clock';

const standard = compileCoverage(STANDARD_COVERAGE);

describe('POST /v1/tickets', () => {
  it('creates a ticket with severity from the rules, a due time from the coverage and numbers per tenant', async () => {
    const fx = await makeDesk();
    const res = await postTicket(fx, ticketBody());
    expect(res.status).toBe(201);
    const body = (await res.json()) as TicketCreated;
    expect(body).toMatchObject({
      number: 1,
      severity: 1,
      severityRule: 'table:service_unavailable/none',
      status: 'new',
      inScope: true,
    });
    const row = await env.DB.prepare('select * from tickets where id = ?')
      .bind(body.id)
      .first<Record<string, number>>();
    expect(row).not.toBeNull();
    const due = firstResponseDue(standard, 1, row?.created_at as number);
    expect(body.firstResponseDueAt).toBe(new Date(due.dueAt).toISOString());
    expect(row?.clock_starts_at).toBe(due.clockStartsAt);
    expect(row?.access_token_hash).toBe(await sha256Hex(body.accessToken as string));
    expect(await countRows('ticket_events', `ticket_id = '${body.id}' and type = 'created'`)).toBe(1);

    const second = (await (
      await postTicket(fx, ticketBody({ category: 'question', impact: undefined }))
    ).json()) as TicketCreated;
    expect(second).toMatchObject({ number: 2, severity: 4, severityRule: 'category:question' });
    const other = await makeDesk();
    expect(((await (await postTicket(other, ticketBody())).json()) as TicketCreated).number).toBe(1);
  });

  it('stores content verbatim and returns it only as JSON', async () => {
    const fx = await makeDesk();
    const subject = '<script>alert("x")</script> & ünïcödé 🙂';
    const res = await postTicket(fx, ticketBody({ subject, description: '  <img src=x onerror=alert(1)>' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    const { id } = (await res.json()) as TicketCreated;
    const row = await env.DB.prepare('select subject, description from tickets where id = ?')
      .bind(id)
      .first<{ subject: string; description: string }>();
    // The schema trims surrounding whitespace; everything else is kept byte for byte.
    expect(row).toEqual({ subject, description: '<img src=x onerror=alert(1)>' });
  });

  it('accepts out-of-scope requests and flags them, and the response says why', async () => {
    const fx = await makeDesk();
    const res = await postTicket(
      fx,
      ticketBody({
        environment: { userAgent: IE11_UA },
        thirdParty: { involved: true, name: 'Excel plug-in' },
        context: { deployment: 'pilot', feature: 'ai-report', features: { beta: ['ai-report'] } },
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as TicketCreated;
    expect(body.inScope).toBe(false);
    expect(body.flags).toEqual(
      expect.arrayContaining(['unsupported_environment', 'third_party', 'beta_feature', 'non_production']),
    );
    expect(body.warnings?.join(' ')).toMatch(/third-party/i);
  });

  it('flags professional services out of scope with the severity the answers give', async () => {
    const fx = await makeDesk();
    const body = (await (
      await postTicket(
        fx,
        ticketBody({ category: 'professional_services', servicesKind: 'data_migration', impact: undefined }),
      )
    ).json()) as TicketCreated;
    expect(body).toMatchObject({
      severity: 4,
      severityRule: 'category:professional_services',
      inScope: false,
    });
    expect(body.flags).toContain('professional_services');
  });

  it('verifies only the user id with the legacy userHash: a typed email stays unverified and is never authorised', async () => {
    const fx = await makeDesk({ identitySecret: 's3cret', contacts: ['IT@Customer.example'] });
    const good = await hmacSha256Hex('s3cret', 'user-42');
    const verified = (await (
      await postTicket(
        fx,
        ticketBody({
          contact: { name: 'IT', email: 'it@customer.EXAMPLE' },
          identity: { userId: 'user-42', userHash: good },
        }),
      )
    ).json()) as TicketCreated;
    // Any logged-in user's valid hash plus someone else's email must not borrow that person's authorisation.
    expect(verified.flags).toEqual(expect.arrayContaining(['unverified_contact', 'unauthorised_contact']));
    const row = await env.DB.prepare(
      'select contact_verified, contact_authorised, user_id from tickets where id = ?',
    )
      .bind(verified.id)
      .first();
    expect(row).toEqual({ contact_verified: 0, contact_authorised: 0, user_id: 'user-42' });

    const forged = (await (
      await postTicket(fx, ticketBody({ identity: { userId: 'user-43', userHash: good } }))
    ).json()) as TicketCreated;
    expect(forged.flags).toEqual(expect.arrayContaining(['unverified_contact', 'unauthorised_contact']));
    const forgedRow = await env.DB.prepare('select user_id from tickets where id = ?')
      .bind(forged.id)
      .first();
    expect(forgedRow).toEqual({ user_id: null });
  });

  it('stores the authorised-contact decision for a signed email in the row, its flags and the created event alike', async () => {
    pinNow(IN_HOURS_2026); // its exact flag list holds while the due time is inside the holiday data
    const fx = await makeDesk({ identitySecret: 'desk-identity-secret', contacts: ['it@customer.example'] });
    const stored = async (email: string) => {
      const token = await identityToken('desk-identity-secret', {
        sub: 'u1',
        org: fx.slug,
        email,
        name: 'X',
      });
      const created = (await (
        await postTicket(
          fx,
          ticketBody({ contact: { name: 'typed', email: 'typed@elsewhere.example' }, identity: { token } }),
        )
      ).json()) as TicketCreated;
      const row = await env.DB.prepare(
        `select t.contact_authorised as authorised, t.contact_email as email, t.flags as flags, e.data as data
         from tickets t join ticket_events e on e.ticket_id = t.id and e.type = 'created' where t.id = ?`,
      )
        .bind(created.id)
        .first<{ authorised: number; email: string; flags: string; data: string }>();
      return { created, row };
    };
    const yes = await stored('IT@Customer.Example');
    expect(yes.row?.authorised).toBe(1);
    // The token's email wins over what was typed.
    expect(yes.row?.email).toBe('it@customer.example');
    expect(yes.created.flags).toEqual([]);
    expect(JSON.parse(yes.row?.flags ?? '')).toEqual(yes.created.flags);
    expect(JSON.parse(yes.row?.data ?? '{}')).toMatchObject({
      flags: [],
      channel: 'widget',
      identity: 'identity_token',
    });

    const no = await stored('someone@customer.example');
    expect(no.row?.authorised).toBe(0);
    expect(no.created.flags).toEqual(['unauthorised_contact']);
    expect(JSON.parse(no.row?.flags ?? '')).toEqual(no.created.flags);
    expect(JSON.parse(no.row?.data ?? '{}')).toMatchObject({ flags: no.created.flags });
  });

  it('escalates a security incident to the security team in the same write, with a webhook queued', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.customer.example/kinobi' });
    const res = await postTicket(
      fx,
      ticketBody({
        category: 'security_incident',
        impact: { affected: 'question_or_cosmetic', workaround: 'reasonable' },
      }),
    );
    const body = (await res.json()) as TicketCreated;
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ severity: 1, severityRule: 'security_incident', inScope: true });
    expect(body.flags).toContain('security_incident');
    expect(await countRows('ticket_events', `ticket_id = '${body.id}' and type = 'escalated'`)).toBe(1);
    expect(await countRows('escalations', `ticket_id = '${body.id}' and team = 'security'`)).toBe(1);
    expect(await countRows('webhook_deliveries', `ticket_id = '${body.id}' and status = 'pending'`)).toBe(1);

    const noHook = await makeDesk();
    const quiet = (await (
      await postTicket(noHook, ticketBody({ category: 'security_incident' }))
    ).json()) as TicketCreated;
    expect(await countRows('escalations', `ticket_id = '${quiet.id}'`)).toBe(1);
    expect(await countRows('webhook_deliveries', `ticket_id = '${quiet.id}'`)).toBe(0);
  });

  it('flags holiday_data_missing when the first-response clock runs into a year without holiday data', async () => {
    const longTarget = structuredClone(standardCoverageJson);
    // About four years of business minutes: the due time lands in a year the shipped data lacks.
    longTarget.targets['3'] = { businessMinutes: 525_600 };
    const fx = await makeDesk({ coverage: longTarget });
    const body = (await (
      await postTicket(
        fx,
        ticketBody({ impact: { affected: 'non_critical_or_intermittent', workaround: 'none' } }),
      )
    ).json()) as TicketCreated;
    expect(body.severity).toBe(3);
    expect(body.flags).toContain('holiday_data_missing');
    expect(body.warnings?.some((w) => /no holiday data for 20\d\d/.test(w))).toBe(true);
  });
});
