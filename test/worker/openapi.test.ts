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

  it('escapes everything it renders', () => {
    const html = renderDocsHtml({
      openapi: '3.1.0',
      info: { title: '<b>T</b>', version: '1', description: '"quoted" & <i>' },
      paths: {
        '/x<y>': {
          get: { summary: '<script>alert(1)</script>', responses: { '200': { description: '<img>' } } },
        },
      },
    } as unknown as Parameters<typeof renderDocsHtml>[0]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;i&gt;');
  });
});
