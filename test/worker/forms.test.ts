import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TicketCreateSchema } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { organisations, widgetKeys } from '../../worker/db/schema';
import { environmentFromHeaders, firstLanguage } from '../../worker/forms/environment';
import { formErrors } from '../../worker/forms/errors';
import { emptyValues } from '../../worker/forms/fields';
import { formStrings } from '../../worker/forms/strings';
import { makeDesk } from './fixtures';
import { FORM_ORIGIN, formFields, formKeyIn, getForm, maxlengthOf, postForm } from './form-helpers';
import { CHROME_UA, countRows } from './intake-helpers';

type Row = {
  number: number;
  channel: string;
  severity: number;
  flags: string;
  locale: string;
  environment: string;
  contact_email: string;
  subject: string;
};
const rows = async (deskId: string) =>
  (await env.DB.prepare('select * from tickets where desk_id = ? order by number').bind(deskId).all<Row>())
    .results;

const sha256Base64 = async (text: string) =>
  btoa(
    String.fromCharCode(
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
    ),
  );

describe('GET /v1/forms/request', () => {
  it('renders the whole request as a plain form in Indonesian and in English, with no script', async () => {
    const fx = await makeDesk();
    const id = await getForm(fx.widgetKey, 'id');
    expect(id.status).toBe(200);
    expect(id.headers.get('Content-Type')).toContain('text/html');
    const idHtml = await id.text();
    expect(idHtml.startsWith('<!DOCTYPE html><html lang="id">')).toBe(true);
    for (const word of ['Hubungi dukungan', 'Judul', 'Apa yang terdampak?', 'Nama', 'Kirim permintaan'])
      expect(idHtml).toContain(word);
    const enHtml = await (await getForm(fx.widgetKey, 'en')).text();
    expect(enHtml).toContain('<html lang="en">');
    for (const word of [
      'Contact support',
      'Subject',
      'What is affected?',
      'Can you work around it?',
      'Send request',
    ])
      expect(enHtml).toContain(word);
    // A link to the other language, on the same key.
    expect(enHtml).toContain(`href="/v1/forms/request?key=${fx.widgetKey}&amp;lang=id"`);
    for (const html of [idHtml, enHtml]) {
      expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
      expect(html).toMatch(/<form method="post" action="\/v1\/forms\/request\?key=[^"]+"/);
      for (const c of TicketCreateSchema.shape.category.options) expect(html).toContain(`value="${c}"`);
      for (const a of ['service_unavailable', 'main_function_degraded', 'non_critical_or_intermittent'])
        expect(html).toContain(`name="affected" value="${a}"`);
      for (const w of ['none', 'limited', 'reasonable'])
        expect(html).toContain(`name="workaround" value="${w}"`);
      expect(html).toContain('name="servicesKind"');
      expect(html).toContain('value="data_migration"');
    }
  });

  it('gives every text field a maxlength equal to the server’s limit', async () => {
    const fx = await makeDesk();
    const html = await (await getForm(fx.widgetKey, 'en')).text();
    const t = TicketCreateSchema.shape;
    expect(maxlengthOf(html, 'subject')).toBe(t.subject.maxLength);
    expect(maxlengthOf(html, 'description')).toBe(t.description.maxLength);
    expect(maxlengthOf(html, 'steps')).toBe(t.steps.unwrap().maxLength);
    expect(maxlengthOf(html, 'expected')).toBe(t.expected.unwrap().maxLength);
    expect(maxlengthOf(html, 'thirdPartyName')).toBe(120);
    expect(maxlengthOf(html, 'name')).toBe(t.contact.shape.name.maxLength);
    expect(maxlengthOf(html, 'email')).toBe(254);
  });

  it('sends the strict CSP whose hash is that of the page’s one stylesheet, and forbids framing', async () => {
    const fx = await makeDesk();
    const res = await getForm(fx.widgetKey, 'en');
    const css = /<style>([\s\S]*?)<\/style>/.exec(await res.text())?.[1] ?? '';
    expect(css.length).toBeGreaterThan(100);
    expect(res.headers.get('Content-Security-Policy')).toBe(
      `default-src 'none'; style-src 'sha256-${await sha256Base64(css)}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('makes a new hidden form key for every form served', async () => {
    const fx = await makeDesk();
    const a = formKeyIn(await (await getForm(fx.widgetKey)).text());
    const b = formKeyIn(await (await getForm(fx.widgetKey)).text());
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
  });

  it('speaks the organisation’s language when the link names none', async () => {
    const fx = await makeDesk();
    await getDb(env.DB)
      .update(organisations)
      .set({ locale: 'en', updatedAt: Date.now() })
      .where(eq(organisations.id, fx.organisationId));
    expect(await (await getForm(fx.widgetKey)).text()).toContain('<html lang="en">');
    // The desk's own key has no organisation: the desk's locale (Indonesian) applies.
    expect(await (await getForm(fx.deskKey)).text()).toContain('<html lang="id">');
  });

  it('says the browser is outside the policy for IE11, and not for a current Chrome', async () => {
    const fx = await makeDesk();
    expect(await (await getForm(fx.widgetKey, 'en')).text()).toContain('This browser (Internet Explorer)');
    const chrome = await getForm(fx.widgetKey, 'en', { 'User-Agent': CHROME_UA });
    expect(await chrome.text()).not.toContain('This browser (');
  });

  it('answers an unknown or revoked key with a readable 403 page, not JSON', async () => {
    const fx = await makeDesk();
    await getDb(env.DB)
      .update(widgetKeys)
      .set({ revokedAt: Date.now() - 1000 })
      .where(eq(widgetKeys.key, fx.deskKey));
    for (const key of ['wk_nobody', fx.deskKey]) {
      const res = await getForm(key, 'en');
      expect(res.status).toBe(403);
      expect(res.headers.get('Content-Type')).toContain('text/html');
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
      const html = await res.text();
      expect(html).toContain('<h1>This support form is not available</h1>');
      expect(html).not.toContain('<form');
    }
    const post = await postForm('wk_nobody', formFields());
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('Formulir dukungan ini tidak tersedia');
  });
});

describe('POST /v1/forms/request', () => {
  it('opens a widget ticket with the environment from the headers, flagged unsupported_environment for IE11', async () => {
    const fx = await makeDesk();
    const res = await postForm(fx.widgetKey, formFields(), { lang: 'en' });
    expect(res.status).toBe(201);
    const html = await res.text();
    const [row] = await rows(fx.deskId);
    expect(row).toBeDefined();
    if (!row) return;
    expect(row.channel).toBe('widget');
    expect(row.severity).toBe(1);
    expect(JSON.parse(row.flags)).toContain('unsupported_environment');
    expect(row.locale).toBe('en');
    expect(row.contact_email).toBe('budi@customer.example');
    expect(JSON.parse(row.environment)).toMatchObject({
      userAgent: expect.stringContaining('Trident/7.0'),
      browser: { name: 'Internet Explorer', version: '11.0' },
      language: 'id-ID',
    });
    // The result page: number, severity, the due time in WIB worded as a target, where the answer goes.
    expect(html).toContain(`Your ticket number is #${row.number}.`);
    expect(html).toContain('Severity 1: Critical');
    expect(html).toMatch(/Expect a first response by [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d\d:\d\d WIB\./);
    expect(html).toContain('This is a target, not a guarantee.');
    expect(html).toContain('We will answer by email to budi@customer.example.');
    expect(html).toMatch(/Support is (open now\.|closed now; it opens again .+ WIB\.)/);
    expect(html).not.toMatch(/<script/i);
  });

  it('turns a double submit or a refresh of the result into the same ticket, once', async () => {
    const fx = await makeDesk();
    const fields = formFields();
    const [a, b] = await Promise.all([postForm(fx.widgetKey, fields), postForm(fx.widgetKey, fields)]);
    const again = await postForm(fx.widgetKey, fields);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(again.status).toBe(200);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(1);
    const number = (html: string) => /#(\d+)/.exec(html)?.[1];
    const pages = await Promise.all([a.text(), b.text(), again.text()]);
    expect(new Set(pages.map(number))).toEqual(new Set(['1']));
  });

  it('answers other content with a used form key with a readable 409 page', async () => {
    const fx = await makeDesk();
    const fields = formFields();
    expect((await postForm(fx.widgetKey, fields)).status).toBe(201);
    const res = await postForm(fx.widgetKey, { ...fields, subject: 'Something else' }, { lang: 'en' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('This form was already sent');
    expect(html).toContain(`href="/v1/forms/request?key=${fx.widgetKey}&amp;lang=en"`);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(1);
  });

  it('re-renders the form (400) with the answers kept and a localised message at each invalid field', async () => {
    const fx = await makeDesk();
    const fields = formFields({
      subject: 'x'.repeat(201),
      description: '   ',
      email: 'not-an-email',
      affected: '',
    });
    const res = await postForm(fx.widgetKey, fields, { lang: 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please check the highlighted fields.');
    expect(html).toMatch(/id="subject-error">Please shorten this to at most 200 characters\.</);
    expect(html).toMatch(/id="description-error">Please fill this in\.</);
    expect(html).toMatch(/id="email-error">Please enter a valid email address\.</);
    expect(html).toMatch(/id="affected-error">Please fill this in\.</);
    expect(html).toMatch(
      /<input type="email" id="email" name="email" value="not-an-email"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain(`value="${'x'.repeat(201)}"`);
    expect(html).toContain('name="workaround" value="none" checked=""');
    expect(html).toContain('name="category" value="problem" checked=""');
    // The first invalid field (in page order) takes the focus, without a script.
    expect(html).toMatch(/<input type="text" id="subject"[^>]*autofocus=""/);
    // The same form key, so the corrected form is still one request.
    expect(formKeyIn(html)).toBe(fields.formKey);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(0);

    const id = await (await postForm(fx.widgetKey, fields, { lang: 'id' })).text();
    expect(id).toMatch(/id="subject-error">Mohon persingkat menjadi paling banyak 200 karakter\.</);
    expect(id).toMatch(/id="email-error">Mohon masukkan alamat email yang valid\.</);
  });

  it('refuses an unknown category value and a missing form key as invalid, never silently', async () => {
    const fx = await makeDesk();
    const res = await postForm(fx.widgetKey, formFields({ category: 'outage' }), { lang: 'en' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="category-error">This was not accepted; please check it\.</);
    const { formKey: _, ...noKey } = formFields();
    const keyless = await postForm(fx.widgetKey, noKey, { lang: 'en' });
    expect(keyless.status).toBe(400);
    expect(formKeyIn(await keyless.text())).toMatch(/^[0-9a-f-]{36}$/);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(0);
  });

  it('asks a question without the outage questions and drops answers that do not apply to it', async () => {
    const fx = await makeDesk();
    const res = await postForm(
      fx.widgetKey,
      formFields({
        category: 'question',
        affected: '',
        workaround: '',
        steps: 'ignored',
        servicesKind: 'training',
      }),
      { lang: 'en' },
    );
    expect(res.status).toBe(201);
    expect(await res.text()).toContain('Severity 4: Low');
    const [row] = await rows(fx.deskId);
    expect(row?.severity).toBe(4);
  });

  it('confirms a security incident with who was alerted and what to do meanwhile', async () => {
    const fx = await makeDesk();
    const res = await postForm(
      fx.widgetKey,
      formFields({ category: 'security_incident', affected: '', workaround: '' }),
      { lang: 'en' },
    );
    expect(res.status).toBe(201);
    const html = await res.text();
    for (const part of [
      'Security incident reported',
      'Our security team was alerted',
      'Until we reply',
      'Severity 1',
    ])
      expect(html).toContain(part);
  });

  it('escapes what the user typed wherever the page shows it', async () => {
    const fx = await makeDesk();
    const evil = '<script>alert(1)</script>';
    const res = await postForm(
      fx.widgetKey,
      formFields({ subject: evil, description: `</textarea>${evil}`, name: '"><b>x', email: 'bad' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<\/textarea><script|"><b>/i);
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;x"');
  });

  it('refuses a cross-origin post with 403 (hono/csrf) and opens nothing', async () => {
    const fx = await makeDesk();
    const cross = await postForm(fx.widgetKey, formFields(), { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('Content-Type')).toContain('text/html');
    expect(await cross.text()).toContain('Permintaan ditolak');
    const site = await postForm(fx.widgetKey, formFields(), {
      origin: null,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(site.status).toBe(403);
    // Neither Origin nor Sec-Fetch-Site (IE11): only a same-origin Referer lets it through.
    const bare = await postForm(fx.widgetKey, formFields(), { origin: null });
    expect(bare.status).toBe(403);
    const foreignReferer = await postForm(fx.widgetKey, formFields(), {
      origin: null,
      headers: { Referer: 'https://evil.example/form' },
    });
    expect(foreignReferer.status).toBe(403);
    expect(await countRows('tickets', `desk_id = '${fx.deskId}'`)).toBe(0);
    const ie11 = await postForm(fx.widgetKey, formFields(), {
      origin: null,
      headers: { Referer: `${FORM_ORIGIN}/v1/forms/request?key=${fx.widgetKey}&lang=id` },
    });
    expect(ie11.status).toBe(201);
  });

  it('takes only form posts (415 page for JSON) and limits posts per key and client IP (429 page)', async () => {
    const fx = await makeDesk();
    const json = await postForm(
      fx.widgetKey,
      {},
      {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(formFields()),
      },
    );
    expect(json.status).toBe(415);
    expect(json.headers.get('Content-Type')).toContain('text/html');
    // wrangler.toml: RL_INTAKE allows 30 posts per 60 s per key and IP; invalid ones count too.
    for (let i = 0; i < 30; i++) {
      expect((await postForm(fx.widgetKey, { formKey: 'k' }, { ip: '192.0.2.9' })).status).toBe(400);
    }
    const limited = await postForm(fx.widgetKey, { formKey: 'k' }, { ip: '192.0.2.9', lang: 'en' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(await limited.text()).toContain('Too many requests');
    expect((await postForm(fx.widgetKey, { formKey: 'k' }, { ip: '192.0.2.10' })).status).toBe(400);
  });
});

describe('the form in the API reference', () => {
  it('lists GET and POST /v1/forms/request in the OpenAPI document and on /docs', async () => {
    const doc = (await (await exports.default.fetch(`${FORM_ORIGIN}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string; requestBody?: unknown }>>;
    };
    const path = doc.paths['/v1/forms/request'];
    expect(path?.get?.summary).toMatch(/no JavaScript/);
    expect(JSON.stringify(path?.post?.requestBody)).toContain('application/x-www-form-urlencoded');
    const docs = await (await exports.default.fetch(`${FORM_ORIGIN}/docs`)).text();
    expect(docs).toContain('GET /v1/forms/request');
    expect(docs).toContain('POST /v1/forms/request');
  });
});

describe('environmentFromHeaders', () => {
  it('reports what User-Agent and Accept-Language say, and nothing a header does not say', () => {
    const report = environmentFromHeaders(
      new Headers({ 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' }),
    );
    expect(report).toEqual({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
      browser: { name: 'Internet Explorer', version: '11.0' },
      os: 'Windows',
      deviceType: 'desktop',
    });
    expect(environmentFromHeaders(new Headers()).userAgent).toBe('');
  });

  it('drops control characters and caps the length, so the schema never refuses a header', () => {
    const ua = `Old\u0085Browser/1 ${'x'.repeat(600)}`;
    const report = environmentFromHeaders(new Headers({ 'User-Agent': ua }));
    expect(report.userAgent.startsWith('OldBrowser/1 ')).toBe(true);
    expect(report.userAgent).toHaveLength(512);
    expect(TicketCreateSchema.shape.environment.safeParse(report).success).toBe(true);
  });

  it('takes the first well-formed language of Accept-Language', () => {
    expect(firstLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id-ID');
    expect(firstLanguage('en;q=0.5')).toBe('en');
    expect(firstLanguage('*')).toBeUndefined();
    expect(firstLanguage('<script>')).toBeUndefined();
    expect(firstLanguage(null)).toBeUndefined();
  });
});

describe('formErrors', () => {
  it('localises by zod issue code and never shows the server’s English message', () => {
    const s = formStrings('id');
    const values = { ...emptyValues(), subject: 'x'.repeat(201), email: 'nope' };
    const errors = formErrors(
      [
        { path: 'subject', code: 'too_big', message: 'Too big', maximum: 200 },
        { path: 'description', code: 'too_small', message: 'Too small', minimum: 1 },
        { path: 'contact.email', code: 'invalid_format', message: 'Invalid email address' },
        { path: 'impact.workaround', code: 'invalid_value', message: 'Invalid option' },
        { path: 'environment.userAgent', code: 'custom', message: 'Contains a control character' },
      ],
      values,
      s,
    );
    expect(errors).toEqual({
      subject: 'Mohon persingkat menjadi paling banyak 200 karakter.',
      description: s.required,
      email: s.invalidEmail,
      workaround: s.required,
      form: s.invalid,
    });
  });
});
