/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI 3.1 document: values a client reading
 * only the document would send. Covers the keywords the admin document uses; `$ref`s resolve
 * against the document.
 */
import fc from 'fast-check';

type Json = Record<string, any>;

export function createSchemaArbitraries(doc: Json) {
  function deref(schema: Json): Json {
    let current = schema;
    for (let i = 0; i < 20 && typeof current?.$ref === 'string'; i++) {
      let target: any = doc;
      for (const part of (current.$ref as string).replace(/^#\//, '').split('/')) {
        target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      current = target;
    }
    return current ?? {};
  }

  function stringOf(schema: Json): fc.Arbitrary<string> {
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
    switch (schema.format) {
      case 'date-time':
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      case 'date':
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'uuid':
        return fc.uuid();
      case 'uri':
        return fc.constantFrom('http://127.0.0.1:1', 'https://partner.example');
      case 'email':
        return fc.emailAddress();
    }
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.min(schema.maxLength ?? 30, minLength + 30);
    return fc.string({ minLength, maxLength });
  }

  function arbitraryOf(input: Json, depth = 0): fc.Arbitrary<unknown> {
    const schema = deref(input);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(alternatives)) {
      return fc.oneof(...alternatives.map((s: Json) => arbitraryOf(s, depth + 1)));
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
      return arbitraryOf(schema.allOf[0], depth + 1);
    }
    const types: string[] = Array.isArray(schema.type)
      ? schema.type
      : schema.type
        ? [schema.type]
        : schema.properties
          ? ['object']
          : ['string', 'integer', 'boolean'];
    return fc.oneof(...types.map((type) => typed(type, schema, depth)));
  }

  function typed(type: string, schema: Json, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({
          min: Math.max(schema.minimum ?? -1000, -1e9),
          max: Math.min(schema.maximum ?? 1000, 1e9),
        });
      case 'number':
        return fc.double({
          min: schema.minimum ?? -1000,
          max: schema.maximum ?? 1000,
          noNaN: true,
        });
      case 'string':
        return stringOf(schema);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), {
          minLength,
          maxLength: Math.min(schema.maxItems ?? 3, minLength + 3),
        });
      }
      case 'object': {
        const properties: Json = schema.properties ?? {};
        const required: string[] = schema.required ?? [];
        if (depth > 6) return fc.constant({});
        const record = fc.record(
          Object.fromEntries(
            Object.entries(properties).map(([k, s]) => [k, arbitraryOf(s as Json, depth + 1)]),
          ),
          { requiredKeys: required.filter((k) => k in properties) },
        );
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          return fc.dictionary(
            fc.string({ minLength: 1, maxLength: 8 }),
            arbitraryOf(schema.additionalProperties, depth + 1),
            { maxKeys: 3 },
          );
        }
        return record;
      }
      default:
        return fc.constant(null);
    }
  }

  return { deref, arbitraryOf };
}
