import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonical JSON (idempotency fingerprints, hash chains)', () => {
  it('is JSON of the same value with keys sorted at every depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reordered = JSON.parse(JSON.stringify(value), (_key, inner: unknown) =>
          inner !== null && typeof inner === 'object' && !Array.isArray(inner)
            ? Object.fromEntries(Object.entries(inner).reverse())
            : inner,
        ) as unknown;
        expect(canonicalJson(reordered)).toBe(text);
      }),
    );
  });

  it('writes the same text as before for what the chains already hold', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: null, c: 'x' }], e: undefined, at: new Date('2026-10-15T01:00:00Z') })).toBe(
      '{"a":[1,{"c":"x","d":null}],"at":"2026-10-15T01:00:00.000Z","b":1}',
    );
    expect(canonicalJson([undefined, Number.NaN])).toBe('[null,null]');
  });

  it('survives 200,000 levels of nesting without exhausting the stack (R6)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { a: [deep] };
    expect(canonicalJson(deep).length).toBeGreaterThan(1_000_000);
  });
});
