import type { Schema, SchemaComponents } from './schema';

/** A parameter of an operation (path, query or header). */
export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
  $ref?: string;
}

/** A request or response body: schemas per media type. */
export interface Body {
  description?: string;
  required?: boolean;
  content?: Record<string, { schema?: Schema } | undefined>;
}

/** One operation of the OpenAPI document, as the docs page reads it. */
export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: Body;
  responses: Record<string, Body>;
}

/** A security scheme (apiKey in a header, or http bearer). */
export interface SecurityScheme {
  type: string;
  in?: string;
  name?: string;
  scheme?: string;
  description?: string;
}

/** The OpenAPI 3.1 document as far as the docs page reads it. */
export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, unknown> | undefined>;
  components?: {
    schemas?: SchemaComponents;
    parameters?: Record<string, Parameter | undefined>;
    securitySchemes?: Record<string, SecurityScheme | undefined>;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document as `{method, path, op}`, paths in document order. */
export function operationsOf(doc: ApiDocument): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m] && typeof item[m] === 'object').map((method) => ({
      method,
      path,
      op: item?.[method] as Operation,
    })),
  );
}

/** The JSON schema of a body (its application/json content, else the first media type). */
export function bodySchema(body: Body | undefined): Schema | undefined {
  if (!body?.content) return undefined;
  return (body.content['application/json'] ?? Object.values(body.content)[0])?.schema;
}

/** How a security scheme is sent, in words: `X-Kinobi-Key header`, `Authorization: Bearer`. */
export function schemeUsage(scheme: SecurityScheme | undefined): string {
  if (!scheme) return 'unknown scheme';
  if (scheme.type === 'apiKey') return `${scheme.name ?? '?'} ${scheme.in ?? 'header'}`;
  if (scheme.type === 'http')
    return scheme.scheme === 'bearer'
      ? 'Authorization: Bearer <token>'
      : `Authorization: ${scheme.scheme ?? ''}`;
  return scheme.type;
}
