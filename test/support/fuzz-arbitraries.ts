import fc from 'fast-check';

/** The parts of JSON Schema the platform's OpenAPI document uses (zod → JSON Schema, no $ref). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
}

/** TARGETS R6's corpus, mixed into every generated value. */
export const NASTY: readonly unknown[] = [
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  'x'.repeat(300_000),
  '__proto__',
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0,
  '',
  ' ',
  [],
  {},
  null,
  true,
  '<script>alert(1)</script>',
  "'; drop table staff; --",
  '../../etc/passwd',
  '%00',
  '２０２６－１０－０１',
  '2026-02-30',
  '9999-99-99',
  '\u202e\u0661\u0662',
  '00000000-0000-0000-0000-000000000000',
];

export interface GenerationContext {
  /** Ids of objects that exist (the fuzzer's own township), so some requests reach the handlers. */
  ids: readonly string[];
}

const nasty = fc.constantFrom(...NASTY);

function withNasty<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: nasty });
}

function stringOf(schema: JsonSchema, context: GenerationContext): fc.Arbitrary<string> {
  if (schema.format === 'uuid')
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...context.ids) }, { weight: 1, arbitrary: fc.uuid() });
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((day) => day.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((at) => at.toISOString());
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  const plain = fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: fc.constantFrom(...Array.from('乐里镇弄瓦村宅基地低保申请韦光明０１２３')), minLength, maxLength }),
  );
  if (schema.pattern === undefined) return plain;
  try {
    return fc.oneof(
      { weight: 3, arbitrary: fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= 200) },
      { weight: 1, arbitrary: plain },
    );
  } catch {
    return plain;
  }
}

/** Values shaped by `schema` — mostly valid, some at the edges, one in eight from the nasty corpus. */
export function arbitraryOf(schema: JsonSchema, context: GenerationContext, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return nasty;
  if (schema.const !== undefined) return withNasty(fc.constant(schema.const));
  if (schema.enum) return withNasty(fc.constantFrom(...schema.enum));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((inner) => arbitraryOf(inner, context, depth + 1)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], context, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryOf({ ...schema, type }, context, depth + 1)));
  switch (types[0]) {
    case 'string':
      return withNasty(stringOf(schema, context));
    case 'integer': {
      const min = Math.max(schema.minimum ?? -1_000_000, -1_000_000);
      const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000);
      return withNasty(fc.oneof(fc.integer({ min: Math.min(min, max), max }), fc.constantFrom(min, max, min - 1, max + 1)));
    }
    case 'number':
      return withNasty(fc.double({ noNaN: true, min: -1e9, max: 1e9 }));
    case 'boolean':
      return withNasty(fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array':
      return withNasty(
        fc.array(schema.items ? arbitraryOf(schema.items, context, depth + 1) : fc.jsonValue({ maxDepth: 2 }), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
        }),
      );
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, arbitraryOf(inner, context, depth + 1)]));
      const required = (schema.required ?? []).filter((name) => name in properties);
      return withNasty(fc.record(model, { requiredKeys: required }));
    }
    case undefined:
    default:
      return fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty);
  }
}
