/** A JSON Schema as it appears in the OpenAPI 3.1 document (only what the docs page reads). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  title?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  description?: string;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Named schemas that `$ref`s point at (`#/components/schemas/<name>`). */
export type SchemaComponents = Record<string, Schema | undefined>;

const MAX_DEPTH = 8;

/** Follows `$ref`s into `components` and folds `allOf` and `anyOf`/`oneOf` unions into one schema. */
export function resolveSchema(schema: Schema, components: SchemaComponents = {}, depth = 0): Schema {
  if (depth > MAX_DEPTH) return {};
  if (schema.$ref) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    const { $ref: _, ...rest } = schema;
    return target
      ? resolveSchema({ ...target, ...rest }, components, depth + 1)
      : { ...rest, type: 'object' };
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((p) => resolveSchema(p, components, depth + 1));
    const { allOf: _, ...rest } = schema;
    return Object.assign({}, ...parts, rest, {
      properties: Object.assign({}, ...parts.map((p) => p.properties), rest.properties),
      required: [...parts.flatMap((p) => p.required ?? []), ...(rest.required ?? [])],
    });
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (!union) return schema;
  const branches = union.map((b) => resolveSchema(b, components, depth + 1));
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  const types = [...new Set(branches.flatMap((b) => typeList(b)))];
  const single = branches.filter((b) => typeList(b)[0] !== 'null');
  // One real branch (plus null): keep its details; enum-only branches: one enum of all values.
  if (single.length === 1 && single[0]) return { ...single[0], ...rest, type: types };
  if (branches.every((b) => b.enum || 'const' in b)) {
    return { ...rest, type: types, enum: branches.flatMap((b) => b.enum ?? [b.const]) };
  }
  return { ...rest, type: types };
}

/** The types a schema allows, `properties` alone meaning object. */
export function typeList(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

/** Whether a schema describes an object. */
export function isObject(s: Schema): boolean {
  return typeList(s).includes('object') || s.properties !== undefined;
}
