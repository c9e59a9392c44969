import { type ApiDocument, bodySchema, type Operation, type Parameter, schemeUsage } from './document';
import { type Field, fieldOf, flattenFields } from './fields';
import { escapeHtml as e, inline, operationId, table } from './html';
import { resolveSchema } from './schema';

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'No Content',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '413': 'Content Too Large',
  '415': 'Unsupported Media Type',
  '429': 'Too Many Requests',
  '503': 'Service Unavailable',
};

/** `contact.email` with the parent path dimmed, so nested rows read as nested. */
function fieldName(name: string): string {
  const cut = name.lastIndexOf('.') + 1;
  // <wbr> after each dot: long paths wrap at a segment, never inside a name.
  const parent = e(name.slice(0, cut)).replaceAll('.', '.<wbr>');
  return `<code><span class="parent">${parent}</span>${e(name.slice(cut))}</code>`;
}

function constraintsCell(f: Field): string {
  const values = f.values.length ? `one of ${f.values.map((v) => `<code>${e(v)}</code>`).join(' ')}` : '';
  return [values, ...f.constraints.map((c) => e(c))].filter(Boolean).join('<br>');
}

const required = (r: boolean) =>
  r ? '<span class="req">required</span>' : '<span class="opt">optional</span>';
const present = (r: boolean) =>
  r ? '<span class="always">always</span>' : '<span class="opt">optional</span>';

/** A field table: name, type, required (or, in a response, present), constraints, description. */
export function fieldTable(fields: Field[], kind: 'request' | 'response' = 'request'): string {
  // The schemas carry few descriptions yet: an all-empty column would only take width.
  const described = fields.some((f) => f.description);
  const nested = fields.some((f) => /[.[]/.test(f.name));
  const mark = kind === 'request' ? required : present;
  const rows = fields.map((f) => {
    const row = [fieldName(f.name), e(f.type), mark(f.required), constraintsCell(f)];
    return described ? [...row, inline(f.description)] : row;
  });
  const headers = ['Field', 'Type', kind === 'request' ? 'Required' : 'Present', 'Constraints'];
  const note =
    kind === 'request'
      ? 'A nested field is required only when its parent is sent.'
      : 'A nested field is present whenever its parent is.';
  return (
    table([...headers, ...(described ? ['Description'] : [])], rows, 'fields') +
    (nested && rows.length ? `<p class="muted note">${note}</p>` : '')
  );
}

function parameterTable(params: Parameter[], doc: ApiDocument): string {
  const components = doc.components?.schemas ?? {};
  const resolved = params.map((p) =>
    p.$ref ? (doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] ?? p) : p,
  );
  const described = resolved.some((p) => p.description || p.schema?.description);
  return table(
    ['Name', 'In', 'Type', 'Required', 'Constraints', ...(described ? ['Description'] : [])],
    resolved.map((p) => {
      const f = fieldOf(p.name, p.schema ?? {}, p.required === true, components);
      const description = p.description ?? f.description;
      const row = [`<code>${e(p.name)}</code>`, e(p.in), e(f.type), required(f.required), constraintsCell(f)];
      return described ? [...row, inline(description)] : row;
    }),
    'fields',
  );
}

/** Who may call: each alternative of `security` (joined by "or"), linked to the auth section. */
export function authLine(op: Operation, doc: ApiDocument): string {
  if (!op.security || op.security.length === 0) return 'None (public)';
  return op.security
    .map((req) =>
      Object.keys(req)
        .map((name) => {
          const usage = schemeUsage(doc.components?.securitySchemes?.[name]);
          return `<a href="#auth-${e(name)}">${e(name)}</a> (<code>${e(usage)}</code>)`;
        })
        .join(' and '),
    )
    .join(' <b>or</b> ');
}

function responses(op: Operation, doc: ApiDocument): string {
  const components = doc.components?.schemas ?? {};
  const entries = Object.entries(op.responses);
  const ok = entries.filter(([s]) => s.startsWith('2'));
  const errors = entries.filter(([s]) => !s.startsWith('2'));
  // The primary outcome first (201 Created before a 200 replay); an identical body is named, not repeated.
  ok.sort(([a], [b]) => Number(a !== '201') - Number(b !== '201'));
  const shown = new Map<string, string>();
  const okHtml = ok
    .map(([status, r]) => {
      const schema = bodySchema(r);
      const key = JSON.stringify(schema ?? null);
      const same = shown.get(key);
      if (!same) shown.set(key, status);
      const fields = !schema
        ? '<p class="muted">No body.</p>'
        : same
          ? `<p class="muted">Same body as ${e(same)}.</p>`
          : fieldTable(flattenFields(schema, components), 'response');
      const text = STATUS_TEXT[status] ?? '';
      const description = r.description && r.description !== text ? ` — ${inline(r.description)}` : '';
      return `<h4><span class="status ok">${e(status)}</span> ${e(text)}${description}</h4>${fields}`;
    })
    .join('');
  const errorRows = errors.map(([status, r]) => [
    `<span class="status err">${e(status)}</span> ${e(STATUS_TEXT[status] ?? '')}`,
    inline(r.description ?? ''),
  ]);
  const errHtml = errorRows.length
    ? `<h4>Errors <span class="muted">(body: the <a href="#errors">error shape</a>)</span></h4>${table(['Status', 'Meaning'], errorRows, 'errors')}`
    : '';
  return okHtml + errHtml;
}

/** One operation's section: summary, description, auth, parameters, body, example, responses. */
export function renderOperation(
  method: string,
  path: string,
  op: Operation,
  doc: ApiDocument,
  example = '',
): string {
  const id = operationId(method, path);
  const params = op.parameters?.length ? `<h3>Parameters</h3>${parameterTable(op.parameters, doc)}` : '';
  const schema = bodySchema(op.requestBody);
  const components = doc.components?.schemas ?? {};
  // A body that is one of several objects (POST /v1/tickets: the widget's or an agent's) gets a table each.
  const variants = schema ? (schema.oneOf ?? schema.anyOf) : undefined;
  const tables = variants
    ? variants
        .map((v, i) => {
          const r = resolveSchema(v, components);
          return `<h4>${e(r.title ?? `Variant ${i + 1}`)}</h4>${fieldTable(flattenFields(r, components))}`;
        })
        .join('')
    : schema
      ? fieldTable(flattenFields(schema, components))
      : '';
  const body = schema
    ? `<h3>Request body <span class="muted">(application/json${op.requestBody?.required ? ', required' : ''}${variants ? ', one of' : ''})</span></h3>${tables}`
    : '';
  return (
    `<section class="op" id="${e(id)}"><h2><span class="method ${e(method)}">${e(method.toUpperCase())}</span> ` +
    `<code>${e(path)}</code></h2><p class="summary">${inline(op.summary ?? '')}</p>` +
    (op.description ? `<p>${inline(op.description)}</p>` : '') +
    `<p class="auth"><b>Auth:</b> ${authLine(op, doc)}</p>${params}${body}${example}` +
    `<h3>Responses</h3>${responses(op, doc)}</section>`
  );
}
