import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, signIn, type TownshipFixture } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';

/**
 * R6: generated and hostile input against every route → never a 5xx, never a stack trace or SQL in
 * the body. YIZHAN_FUZZ_RUNS raises the count per route for a long run (the suite keeps it small).
 */
const RUNS = Number(process.env.YIZHAN_FUZZ_RUNS ?? 12);
let env: TestEnv;
let town: TownshipFixture;
let auth: { authorization: string };
let routes: { method: string; path: string }[];

const NASTY: unknown[] = [
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
  [],
  null,
  true,
  '<script>alert(1)</script>',
  "'; drop table staff; --",
  '../../etc/passwd',
  '２０２６－１０－０１',
  '2026-02-30',
  '9999-99-99',
  '\u202e\u0661\u0662',
];

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  auth = await signIn(env, town.director.username);
  const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => env.close());

/** Percent-encodes like a browser; a lone surrogate becomes raw invalid UTF-8, which servers must survive too. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, encode(value));
}

function assertSafe(status: number, body: string, what: string): void {
  expect(status, `${what} → ${String(status)} ${body.slice(0, 200)}`).toBeLessThan(500);
  expect(body, what).not.toMatch(/at \S+ \(|node_modules|\bselect\b.+\bfrom\b|syntax error at/i);
}

const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...NASTY), fc.dictionary(fc.string(), fc.constantFrom(...NASTY)));

describe('hostile and generated input', () => {
  it('every route answers generated bodies, ids and queries with < 500 and no internals', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(anyJson, fc.oneof(fc.string(), fc.uuid(), fc.constantFrom('..%2f', '%00', '1e309')), async (body, id) => {
          const response = await env.app.inject({
            method: route.method as 'POST',
            url: `${fill(route.path, id)}?q=${encode(typeof body === 'string' ? body.slice(0, 200) : 'x')}`,
            headers: { ...auth, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
            ...(route.method === 'GET' ? {} : { payload: JSON.stringify(body) }),
          });
          assertSafe(response.statusCode, response.body, `${route.method} ${route.path}`);
        }),
        { numRuns: RUNS },
      );
    }
  }, 120_000);

  it('survives malformed transport: invalid UTF-8, deep nesting, 1e309, huge headers', async () => {
    const cases: { payload: string | Buffer; headers?: Record<string, string> }[] = [
      { payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      { payload: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
      { payload: '{"username":1e309,"password":"x"}' },
      { payload: '{"username":"a","password":"b"}', headers: { 'x-huge': 'h'.repeat(60_000) } },
      { payload: '{"username":"a\\u0000","password":"\\ud800"}' },
    ];
    for (const item of cases) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', ...item.headers },
        payload: item.payload,
      });
      assertSafe(response.statusCode, response.body, 'login');
    }
    const deep = await env.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: { ...auth, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      payload: `{"orgId":"${town.township.id}","name":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)},"category":"local"}`,
    });
    assertSafe(deep.statusCode, deep.body, 'deep department');
  }, 60_000);
});
