import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import type { ApiDocument } from '../docs/document';
import { renderDocsHtml } from '../docs/render';
import { docsCsp } from '../docs/styles';

export { escapeHtml } from '../docs/html';
export { renderDocsHtml } from '../docs/render';

/** The OpenAPI document's header; paths come from the routes' zod schemas. */
export const OPENAPI_CONFIG: Parameters<OpenAPIHono<AppEnv>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Kinobi Support API',
    version: '1.0.0',
    description:
      'The backend of the Kinobi in-app support widget. The widget asks when a first response would be due and ' +
      'submits requests; the guide’s rules set severity, response targets and flags. Agents list, triage, answer ' +
      'and escalate tickets; an operator manages desks, organisations and agents. Errors are always JSON: ' +
      '`{"error": {"code", "message", "details"}}`. Times are ISO 8601 UTC.',
  },
  tags: [
    {
      name: 'widget',
      description:
        'Called by the embedded widget with the desk’s public widget key (and optionally a signed identity token).',
    },
    {
      name: 'agents',
      description:
        'The support desk’s API: an agent token sees every organisation of its own desk, never another desk.',
    },
    {
      name: 'attachments',
      description:
        'Files on messages, from customers (widget key plus the ticket’s token or identity) and agents: at most ' +
        '10 MB, the type decided by the bytes, stored in R2, always served as a download.',
    },
    { name: 'admin', description: 'Desks, organisations and agents, with the admin secret.' },
    { name: 'operations', description: 'Health and this documentation; no credentials.' },
  ],
};

const docsResponse = (description: string, mediaType: string) => ({
  200: { description, content: { [mediaType]: { schema: { type: 'string' as const } } } },
});

/** Mounts GET /v1/openapi.json (OpenAPI 3.1 from the zod schemas) and the offline /docs page on `app`. */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  const schemes = app.openAPIRegistry;
  schemes.registerComponent('securitySchemes', 'widgetKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Kinobi-Key',
    description:
      'The desk’s public widget key (like a DSN: it sits in the page), optionally bound to one organisation. Browser ' +
      'calls must also come from one of the key’s allowed origins. Customer replies add `X-Ticket-Token`, the `accessToken` returned at creation.',
  });
  schemes.registerComponent('securitySchemes', 'agentToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An agent token created by an admin; stored hashed, shown once. Sees only its own desk.',
  });
  schemes.registerComponent('securitySchemes', 'adminSecret', {
    type: 'http',
    scheme: 'bearer',
    description:
      'The operator’s `ADMIN_SECRET` (a wrangler secret). Without it set, admin routes answer 503.',
  });
  schemes.registerPath({
    method: 'get',
    path: '/v1/openapi.json',
    tags: ['operations'],
    summary:
      'This API as an OpenAPI 3.1 document, generated from the same zod schemas that validate requests',
    responses: docsResponse('The OpenAPI document', 'application/json'),
  });
  schemes.registerPath({
    method: 'get',
    path: '/docs',
    tags: ['operations'],
    summary: 'This page: the OpenAPI document as readable HTML (no scripts, works offline)',
    responses: docsResponse('The reference page', 'text/html'),
  });
  app.doc31('/v1/openapi.json', OPENAPI_CONFIG);
  app.get('/docs', async (c) => {
    // No scripts, no CDN, no ticket data: one inline stylesheet allowed by its hash.
    c.header('Content-Security-Policy', await docsCsp());
    const doc = app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as ApiDocument;
    return c.html(renderDocsHtml(doc, { baseUrl: new URL(c.req.url).origin }));
  });
}
