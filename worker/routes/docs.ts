import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';

/** The OpenAPI document's header; paths come from the routes' zod schemas. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Kinobi Support API',
    version: '1.0.0',
    description:
      'Widget intake, response targets and the agents’ API. Errors are always JSON: ' +
      '{"error": {"code", "message", "details"}}. Times are ISO 8601 UTC.',
  },
} as const;

type Doc = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes text (every value that reaches the docs page goes through this). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const pre = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

/** A self-contained page listing every path, method, parameter, body and response schema. */
export function renderDocsHtml(doc: Doc): string {
  const e = escapeHtml;
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const o = op as Record<string, unknown> & {
        responses: Record<string, { description?: string; content?: unknown }>;
      };
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      const responses = Object.entries(o.responses)
        .map(
          ([status, r]) =>
            `<li><b>${e(status)}</b> ${e(r.description ?? '')}${r.content ? pre(r.content) : ''}</li>`,
        )
        .join('');
      ops.push(
        `<section id="${e(id)}"><h2><code>${e(method.toUpperCase())} ${e(path)}</code></h2>` +
          `<p>${e(String(o.summary ?? ''))}</p>${o.description ? `<p>${e(String(o.description))}</p>` : ''}` +
          (o.security ? `<p>Auth: ${e(JSON.stringify(o.security))}</p>` : '') +
          (o.parameters ? `<h3>Parameters</h3>${pre(o.parameters)}` : '') +
          (o.requestBody ? `<h3>Request body</h3>${pre(o.requestBody)}` : '') +
          `<h3>Responses</h3><ul>${responses}</ul></section>`,
      );
    }
  }
  const components = doc.components ? `<section><h2>Components</h2>${pre(doc.components)}</section>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(doc.info.title)}</title>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><style>' +
    'body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}' +
    'pre{background:#f4f4f5;padding:.75rem;overflow:auto;font-size:12px}section{border-top:1px solid #ddd;margin-top:1.5rem}' +
    `</style></head><body><h1>${e(doc.info.title)} <small>${e(doc.info.version)}</small></h1>` +
    `<p>${e(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI ${e(doc.openapi)}).</p>` +
    ops.join('') +
    components +
    '</body></html>'
  );
}

/** Mounts GET /v1/openapi.json (OpenAPI 3.1 from the zod schemas) and the offline /docs page on `app`. */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'widgetKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Kinobi-Key',
    description: 'A tenant’s public widget key',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'agentToken', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminSecret', { type: 'http', scheme: 'bearer' });
  app.doc31('/v1/openapi.json', OPENAPI_CONFIG);
  app.get('/docs', (c) => {
    // No scripts, no CDN, no ticket data: inline styles only.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(renderDocsHtml(app.getOpenAPI31Document(OPENAPI_CONFIG)));
  });
}
