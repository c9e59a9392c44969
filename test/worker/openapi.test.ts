import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { renderDocsHtml } from '../../worker/routes/docs';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: unknown; responses: Record<string, unknown>; parameters?: { name: string }[] }
    >
  >;
  components?: { securitySchemes?: Record<string, unknown> };
};

describe('OpenAPI document and /docs', () => {
  it('serves OpenAPI 3.1 generated from the zod schemas, with the widget routes', async () => {
    const res = await exports.default.fetch('http://api.test/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const intake = doc.paths['/v1/tickets']?.post;
    expect(JSON.stringify(intake?.requestBody)).toContain('"subject"');
    expect(intake?.parameters?.map((p) => p.name)).toContain('idempotency-key');
    expect(Object.keys(intake?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '409', '413', '429']),
    );
    const detail = JSON.stringify(intake?.responses['400']);
    for (const field of ['"path"', '"code"', '"message"', '"minimum"', '"maximum"'])
      expect(detail).toContain(field);
    expect(doc.paths['/v1/widget/config']?.get).toBeDefined();
    expect(doc.paths['/v1/response-targets']?.get?.parameters?.map((p) => p.name)).toContain('at');
    expect(doc.paths['/v1/health']?.get).toBeDefined();
    expect(doc.components?.securitySchemes?.widgetKey).toMatchObject({
      type: 'apiKey',
      name: 'X-Kinobi-Key',
    });
  });

  it('renders a readable, script-free docs page that needs no network', async () => {
    const res = await exports.default.fetch('http://api.test/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('POST /v1/tickets');
    expect(html).toContain('GET /v1/response-targets');
    expect(html).not.toMatch(/<script|https?:\/\/(?!api\.test)[a-z]/i);
  });

  it('escapes every string from the document: title, summary, description, parameters, fields, enums, tags', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderDocsHtml({
      openapi: '3.1.0',
      info: { title: '<b>T</b>', version: '1', description: '"quoted" & <i>' },
      tags: [{ name: 'x', description: evil }],
      paths: {
        '/x<y>': {
          get: {
            tags: ['x'],
            summary: evil,
            description: `a \`${evil}\` span and ${evil}`,
            parameters: [
              { name: evil, in: 'query', description: evil, schema: { type: 'string', pattern: evil } },
            ],
            responses: { '200': { description: '<img>' } },
          },
          post: {
            tags: [evil],
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } },
            },
            responses: {
              '201': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } },
              },
              '400': { description: evil },
            },
          },
        },
      },
      components: {
        schemas: {
          Body: {
            type: 'object',
            required: ['inner'],
            properties: {
              inner: {
                type: 'object',
                properties: { [evil]: { type: 'string', enum: [evil], description: evil } },
              },
            },
          },
        },
      },
    } as unknown as Parameters<typeof renderDocsHtml>[0]);
    expect(html).not.toMatch(/<script|<img|<b>T<\/b>|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;i&gt;');
    // A $ref body is resolved to its fields, nested under a dotted path.
    expect(html).toContain('<span class="parent">inner.<wbr></span>&lt;script&gt;');
  });
});
