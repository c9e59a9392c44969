import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { hmacSha256Hex } from '../../worker/tokens';
import { makeTenant, sha256Hex, standardCoverageJson } from './fixtures';
import { countRows, IE11_UA, postTicket, ticketBody } from './intake-helpers';

const standard = compileCoverage(STANDARD_COVERAGE);

describe('POST /v1/tickets', () => {
  it('creates a ticket with severity from the rules, a due time from the coverage and numbers per tenant', async () => {
    const fx = await makeTenant();
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
    expect(row?.access_token_hash).toBe(await sha256Hex(body.accessToken));
    expect(await countRows('ticket_events', `ticket_id = '${body.id}' and type = 'created'`)).toBe(1);

    const second = (await (
      await postTicket(fx, ticketBody({ category: 'question', impact: undefined }))
    ).json()) as TicketCreated;
    expect(second).toMatchObject({ number: 2, severity: 4, severityRule: 'category:question' });
    const other = await makeTenant();
    expect(((await (await postTicket(other, ticketBody())).json()) as TicketCreated).number).toBe(1);
  });

  it('stores content verbatim and returns it only as JSON', async () => {
    const fx = await makeTenant();
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
    const fx = await makeTenant();
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
    const fx = await makeTenant();
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

  it('verifies identity with the HMAC userHash and marks authorised contacts', async () => {
    const fx = await makeTenant({ identitySecret: 's3cret', contacts: ['IT@Customer.example'] });
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
    expect(verified.flags).not.toContain('unverified_contact');
    expect(verified.flags).not.toContain('unauthorised_contact');
    const row = await env.DB.prepare(
      'select contact_verified, contact_authorised, user_id from tickets where id = ?',
    )
      .bind(verified.id)
      .first();
    expect(row).toEqual({ contact_verified: 1, contact_authorised: 1, user_id: 'user-42' });

    const forged = (await (
      await postTicket(fx, ticketBody({ identity: { userId: 'user-43', userHash: good } }))
    ).json()) as TicketCreated;
    expect(forged.flags).toEqual(expect.arrayContaining(['unverified_contact', 'unauthorised_contact']));
  });

  it('stores the authorised-contact decision in the row, its flags and the created event alike', async () => {
    const fx = await makeTenant({ contacts: ['it@customer.example'] });
    const stored = async (email: string) => {
      const created = (await (
        await postTicket(fx, ticketBody({ contact: { name: 'X', email } }))
      ).json()) as TicketCreated;
      const row = await env.DB.prepare(
        `select t.contact_authorised as authorised, t.flags as flags, e.data as data
         from tickets t join ticket_events e on e.ticket_id = t.id and e.type = 'created' where t.id = ?`,
      )
        .bind(created.id)
        .first<{ authorised: number; flags: string; data: string }>();
      return { created, row };
    };
    const yes = await stored('IT@Customer.Example');
    expect(yes.row?.authorised).toBe(1);
    expect(yes.created.flags).toEqual(['unverified_contact']);
    expect(JSON.parse(yes.row?.flags ?? '')).toEqual(yes.created.flags);
    expect(JSON.parse(yes.row?.data ?? '{}')).toMatchObject({ flags: yes.created.flags, channel: 'widget' });

    const no = await stored('someone@customer.example');
    expect(no.row?.authorised).toBe(0);
    expect(no.created.flags).toEqual(['unverified_contact', 'unauthorised_contact']);
    expect(JSON.parse(no.row?.flags ?? '')).toEqual(no.created.flags);
    expect(JSON.parse(no.row?.data ?? '{}')).toMatchObject({ flags: no.created.flags });
  });

  it('escalates a security incident to the security team in the same write, with a webhook queued', async () => {
    const fx = await makeTenant({ webhookUrl: 'https://hooks.customer.example/kinobi' });
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

    const noHook = await makeTenant();
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
    const fx = await makeTenant({ coverage: longTarget });
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
