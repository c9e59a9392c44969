import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ApiDocument, Operation } from '../../worker/docs/document';
import { EXAMPLE_PATCH, EXAMPLE_REPLY, EXAMPLE_TICKET } from '../../worker/docs/examples';
import { operationId } from '../../worker/docs/html';
import { makeDesk } from './fixtures';
import { postTicket } from './intake-helpers';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function load(): Promise<{ res: Response; html: string; doc: ApiDocument }> {
  const res = await exports.default.fetch('http://api.test/docs');
  const doc = (await (await exports.default.fetch('http://api.test/v1/openapi.json')).json()) as ApiDocument;
  return { res, html: await res.text(), doc };
}

/** The `<section>` of one operation. */
function section(html: string, method: string, path: string): string {
  const start = html.indexOf(`<section class="op" id="${operationId(method, path)}">`);
  expect(start, `${method} ${path} has a section`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Visible text of some HTML: tags dropped, the escapes the page uses undone. */
function text(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The rows of the first table after `heading`, as plain-text cells. */
function tableAfter(html: string, heading: string): string[][] {
  const from = html.indexOf(heading);
  expect(from, `${heading} present`).toBeGreaterThan(-1);
  const tableHtml = html.slice(from, html.indexOf('</table>', from));
  return [...tableHtml.matchAll(/<tr>(.*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...(row[1] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((cell) => text(cell[1] ?? '')));
}

const sha256Base64 = async (text: string) =>
  btoa(
    String.fromCharCode(
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
    ),
  );

describe('GET /docs', () => {
  it('is a script-free HTML page whose only stylesheet is allowed by its CSP hash', async () => {
    const { res, html } = await load();
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`style-src 'sha256-${await sha256Base64(styles[0] ?? '')}'`);
    expect(html).not.toMatch(/<script|\son[a-z]+=|<link|<img|<iframe/i);
  });

  it('lists every path and method of the OpenAPI document, in the contents and as a section', async () => {
    const { html, doc } = await load();
    const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((m) => METHODS.includes(m))
        .map((m) => ({ method: m, path, op: item?.[m] as Operation })),
    );
    expect(ops.length).toBeGreaterThanOrEqual(18);
    for (const { method, path, op } of ops) {
      expect(html).toContain(`<code>${method.toUpperCase()} ${path}</code>`);
      expect(html).toContain(`href="#${operationId(method, path)}"`);
      expect(text(section(html, method, path))).toContain((op.summary ?? '').replace(/`/g, ''));
    }
    // Grouped by tag: every operation carries one of the document's tags, and each group is headed.
    const tags = (doc.tags ?? []).map((t) => t.name);
    expect(tags).toEqual(['widget', 'agents', 'attachments', 'admin', 'operations']);
    for (const { op } of ops) expect(tags).toContain(op.tags?.[0]);
    for (const tag of tags) expect(html).toContain(`id="tag-${tag}"`);
  });

  it('explains auth schemes, conventions and the error codes in the header', async () => {
    const { html } = await load();
    for (const text of ['X-Kinobi-Key', 'Authorization: Bearer', 'ADMIN_SECRET', 'ISO 8601', 'Retry-After']) {
      expect(html).toContain(text);
    }
    const codes = tableAfter(html, '<h2 id="errors">').map((r) => r[0]);
    expect(codes).toEqual(
      expect.arrayContaining(['validation_failed', 'rate_limited', 'idempotency_conflict']),
    );
    const auth = section(html, 'post', '/v1/tickets/{id}/messages');
    expect(auth).toMatch(/href="#auth-agentToken".*<b>or<\/b>.*href="#auth-widgetKey"/);
  });

  it('shows the ticket create body as a flat field table with dotted paths, enums and limits', async () => {
    const { html, doc } = await load();
    const rows = tableAfter(section(html, 'post', '/v1/tickets'), 'Request body');
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(byName.get('subject')?.slice(1, 4)).toEqual(['string', 'required', '1–200 characters']);
    expect(byName.get('contact.email')?.slice(1, 3)).toEqual(['string (email)', 'required']);
    const schema = doc.paths?.['/v1/tickets']?.post as Operation;
    const bodySchema = schema.requestBody?.content?.['application/json']?.schema;
    // One of two bodies: the widget's (first, tabled first) and an agent's logged request.
    const variants = (
      bodySchema as {
        anyOf?: {
          title?: string;
          properties?: Record<string, { properties?: Record<string, { enum?: unknown }> }>;
        }[];
      }
    )?.anyOf;
    expect(variants?.map((v) => v.title)).toEqual([
      'From the widget (X-Kinobi-Key)',
      'Logged by an agent (Authorization: Bearer)',
    ]);
    expect(section(html, 'post', '/v1/tickets')).toContain('Logged by an agent');
    const affected = variants?.[0]?.properties?.impact?.properties?.affected?.enum as string[];
    expect(affected.length).toBe(4);
    for (const value of affected) expect(byName.get('impact.affected')?.[3]).toContain(`"${value}"`);
    expect(byName.get('environment.viewport.width')?.[3]).toBe('0 ≤ x ≤ 100000');
    // Parameters: the required Idempotency-Key header.
    const params = tableAfter(section(html, 'post', '/v1/tickets'), 'Parameters');
    expect(params[0]?.slice(0, 4)).toEqual(['idempotency-key', 'header', 'string', 'required']);
    // Response: 201 first with its fields; the identical 200 replay points to it.
    const created = tableAfter(section(html, 'post', '/v1/tickets'), 'status ok">201');
    expect(created.map((r) => r[0])).toEqual(
      expect.arrayContaining(['id', 'severity', 'firstResponseDueAt']),
    );
    expect(section(html, 'post', '/v1/tickets')).toContain('Same body as 201');
  });

  it('gives curl examples against this server whose bodies the API accepts', async () => {
    const { html } = await load();
    const intake = section(html, 'post', '/v1/tickets');
    expect(intake).toContain('curl -X POST http://api.test/v1/tickets');
    expect(intake).toContain(EXAMPLE_TICKET.subject);
    expect(section(html, 'post', '/v1/tickets/{id}/messages')).toContain(
      'Authorization: Bearer $AGENT_TOKEN',
    );

    const fx = await makeDesk();
    const created = await postTicket(fx, EXAMPLE_TICKET);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const agent = { Authorization: `Bearer ${fx.agentToken}`, 'Content-Type': 'application/json' };
    const patch = await exports.default.fetch(`http://api.test/v1/tickets/${id}`, {
      method: 'PATCH',
      headers: agent,
      body: JSON.stringify(EXAMPLE_PATCH),
    });
    expect(patch.status).toBe(200);
    const reply = await exports.default.fetch(`http://api.test/v1/tickets/${id}/messages`, {
      method: 'POST',
      headers: agent,
      body: JSON.stringify(EXAMPLE_REPLY),
    });
    expect(reply.status).toBe(201);
  });
});
