import { resolveSchema, type Schema, type SchemaComponents, typeList } from './schema';

/** A short type in words: `string (email)`, `integer | null`, `array of object`, `map of string → boolean`. */
export function typeName(schema: Schema, components: SchemaComponents = {}): string {
  const s = resolveSchema(schema, components);
  const types = typeList(s);
  if (types.length === 0) return 'any';
  return types
    .map((t) => {
      if (t === 'array') return `array of ${s.items ? typeName(s.items, components) : 'any'}`;
      if (t === 'object' && !s.properties && typeof s.additionalProperties === 'object') {
        return `map of string → ${typeName(s.additionalProperties, components)}`;
      }
      return s.format && t !== 'null' ? `${t} (${s.format})` : t;
    })
    .join(' | ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return `${min}–${plural(max, unit)}`.trim();
  if (max !== undefined) return `at most ${plural(max, unit)}`.trim();
  if (min !== undefined) return `at least ${plural(min, unit)}`.trim();
  return undefined;
}

function numbers(s: Schema): string | undefined {
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  const lo = s.exclusiveMinimum !== undefined ? '>' : '≥';
  const hi = s.exclusiveMaximum !== undefined ? '<' : '≤';
  if (min !== undefined && max !== undefined) return `${min} ${lo === '≥' ? '≤' : '<'} x ${hi} ${max}`;
  if (min !== undefined) return `${lo} ${min}`;
  if (max !== undefined) return `${hi} ${max}`;
  return undefined;
}

/** The enum values and the limits of one schema (an array's item limits are prefixed "each"). */
export function constraintsOf(
  schema: Schema,
  components: SchemaComponents = {},
): { values: string[]; constraints: string[] } {
  const s = resolveSchema(schema, components);
  const out: (string | undefined)[] = [
    range(s.minLength, s.maxLength, 'character'),
    numbers(s),
    range(s.minItems, s.maxItems, 'item'),
    s.pattern !== undefined ? `pattern ${s.pattern}` : undefined,
    s.default !== undefined ? `default ${JSON.stringify(s.default)}` : undefined,
  ];
  let values = (s.enum ?? ('const' in s ? [s.const] : [])).map((v) => JSON.stringify(v));
  if (s.items && typeList(s).includes('array')) {
    const inner = constraintsOf(s.items, components);
    out.push(...inner.constraints.map((c) => `each ${c}`));
    values = values.length ? values : inner.values;
  }
  return { values, constraints: out.filter((c): c is string => Boolean(c)) };
}
