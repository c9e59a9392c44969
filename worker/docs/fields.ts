import { isObject, resolveSchema, type Schema, type SchemaComponents, typeList } from './schema';
import { constraintsOf, typeName } from './schema-words';

/** One row of a field table: a dotted path (`contact.email`, `targets[].dueAt`) and what it accepts. */
export interface Field {
  name: string;
  type: string;
  required: boolean;
  /** Allowed values of an enum (or of an array's items), as JSON text. */
  values: string[];
  /** Limits in words: lengths, ranges, item counts, pattern, default. */
  constraints: string[];
  description: string;
}

const MAX_DEPTH = 6;

/** One row for a schema at `name`. */
export function fieldOf(
  name: string,
  schema: Schema,
  required: boolean,
  components: SchemaComponents = {},
): Field {
  const s = resolveSchema(schema, components);
  return {
    name,
    type: typeName(s, components),
    required,
    ...constraintsOf(s, components),
    description: s.description ?? '',
  };
}

/**
 * Flattens a body schema into rows with dotted paths: nested objects as `parent.child`, arrays of
 * objects as `list[].child`, maps as `map.*`. `$ref`s are resolved against `components`.
 * "Required" is relative to the parent: `contact.email` is required whenever `contact` is sent.
 */
export function flattenFields(schema: Schema, components: SchemaComponents = {}): Field[] {
  const s = resolveSchema(schema, components);
  if (isObject(s) && s.properties) return objectFields(s, '', components, 0);
  const children = childFields(s, '', components, 0);
  return children.length > 0 ? children : [fieldOf('(body)', s, true, components)];
}

function objectFields(s: Schema, prefix: string, components: SchemaComponents, depth: number): Field[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).flatMap(([key, child]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const resolved = resolveSchema(child, components);
    return [
      fieldOf(name, resolved, required.has(key), components),
      ...childFields(resolved, name, components, depth + 1),
    ];
  });
}

/** The rows below a field: an object's properties, an array's item fields, a map's value fields. */
function childFields(s: Schema, name: string, components: SchemaComponents, depth: number): Field[] {
  if (depth > MAX_DEPTH) return [];
  if (s.properties) return objectFields(s, name, components, depth);
  if (typeList(s).includes('array') && s.items) {
    const items = resolveSchema(s.items, components);
    return items.properties ? objectFields(items, `${name}[]`, components, depth) : [];
  }
  if (typeof s.additionalProperties === 'object') {
    const values = resolveSchema(s.additionalProperties, components);
    return values.properties ? objectFields(values, `${name}.*`, components, depth) : [];
  }
  return [];
}
