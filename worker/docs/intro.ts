import { type ApiDocument, schemeUsage } from './document';
import { escapeHtml as e, inline, table } from './html';

/** Every error code the API sends, with its status and when (the `code` of the error shape). */
export const ERROR_CODES: [code: string, status: number, meaning: string][] = [
  [
    'validation_failed',
    400,
    'Body, query or header invalid; `details`: `{path, code, message, minimum?, maximum?}` per problem',
  ],
  ['invalid_json', 400, 'The body is not JSON'],
  ['idempotency_key_required', 400, '`POST /v1/tickets` without an `Idempotency-Key` header'],
  ['invalid_idempotency_key', 400, 'An `Idempotency-Key` longer than 128 characters'],
  ['invalid_cursor', 400, 'A list cursor from another sort order or filter'],
  ['invalid_range', 400, 'Report range: `from` not before `to`, or longer than 400 days'],
  ['reason_required', 400, 'A severity change without a `reason`'],
  ['missing_widget_key', 401, 'No `X-Kinobi-Key` header on a widget route'],
  ['unauthorized', 401, 'Missing, unknown or revoked agent token or admin secret'],
  ['invalid_widget_key', 403, 'Unknown or revoked widget key'],
  ['origin_not_allowed', 403, 'A browser request from an origin the widget key does not allow'],
  ['not_found', 404, 'No such route or resource (other desks’ tickets are also 404)'],
  ['idempotency_conflict', 409, 'The same `Idempotency-Key` with another body or author'],
  ['conflict', 409, 'A desk, organisation or agent with this slug or email exists'],
  ['body_too_large', 413, 'Body larger than 64 KB'],
  ['unsupported_media_type', 415, 'Body is not `application/json`'],
  ['rate_limited', 429, 'Too many requests for this widget key and client IP; wait `Retry-After` seconds'],
  ['unavailable', 503, 'The database is unreachable; retry after `Retry-After` seconds'],
  ['admin_disabled', 503, 'The admin API is off: no `ADMIN_SECRET` is set'],
  ['internal_error', 500, 'A bug on our side (never caused by input)'],
];

const ERROR_EXAMPLE = JSON.stringify(
  {
    error: {
      code: 'validation_failed',
      message: 'The request is not valid.',
      details: [{ path: 'contact.email', code: 'invalid_format', message: 'Invalid email address' }],
    },
  },
  null,
  2,
);

function auth(doc: ApiDocument): string {
  const rows = Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) => [
    `<b id="auth-${e(name)}">${e(name)}</b>`,
    `<code>${e(schemeUsage(s))}</code>`,
    inline(s?.description ?? ''),
  ]);
  return `<h2 id="auth">Authentication</h2>${table(['Scheme', 'Send', 'Who and how'], rows, 'auth')}`;
}

/** The page's opening: purpose, authentication, conventions (times, idempotency, limits), errors. */
export function renderIntro(doc: ApiDocument): string {
  const codes = ERROR_CODES.map(([code, status, meaning]) => [
    `<code>${e(code)}</code>`,
    String(status),
    inline(meaning),
  ]);
  return (
    `<header><h1>${e(doc.info.title)} <span class="version">v${e(doc.info.version)}</span></h1>` +
    `<p class="lead">${inline(doc.info.description ?? '')}</p>` +
    `<p>Machine-readable: <a href="/v1/openapi.json"><code>/v1/openapi.json</code></a> (OpenAPI ${e(doc.openapi)}); ` +
    'this page is generated from it.</p></header>' +
    auth(doc) +
    '<h2 id="conventions">Conventions</h2><ul class="conventions">' +
    '<li><b>JSON only.</b> Request bodies are <code>application/json</code> (else 415), at most 64 KB (else 413); ' +
    'unknown fields are rejected with 400 <code>validation_failed</code>.</li>' +
    '<li><b>Times</b> are ISO 8601 strings in UTC, e.g. <code>2026-03-02T03:00:00.000Z</code>; ' +
    'query parameters such as <code>at</code>, <code>from</code> and <code>to</code> take the same format.</li>' +
    '<li><b>Idempotency.</b> <code>POST /v1/tickets</code> <em>requires</em> an <code>Idempotency-Key</code> header ' +
    '(1–128 characters, one per submission). Optional, and recommended, on replies and escalations. A retry with ' +
    'the same key and body answers <b>200</b> with the first result and changes nothing; the same key with another ' +
    'body answers <b>409</b> <code>idempotency_conflict</code>.</li>' +
    '<li><b>Rate limits</b> apply to the widget routes, per widget key and client IP: 30 writes (tickets, customer ' +
    'replies) and 600 reads per minute. Over the limit: <b>429</b> <code>rate_limited</code> with a ' +
    '<code>Retry-After</code> header (seconds). A 503 also carries <code>Retry-After</code>.</li>' +
    '<li><b>Desks</b> are isolated: a credential only ever sees its own desk (all of its organisations); anything else is 404.</li></ul>' +
    '<h2 id="errors">Errors</h2><p>Every error, on every route, is JSON in one shape, with the HTTP status ' +
    'carrying the class of problem and <code>code</code> the exact cause. <code>details</code> is optional.</p>' +
    `<pre>${e(ERROR_EXAMPLE)}</pre>${table(['Code', 'Status', 'When'], codes, 'codes')}`
  );
}
